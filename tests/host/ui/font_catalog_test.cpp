#include "host/ui/font_catalog.h"

#include <catch2/catch.hpp>

using namespace drishti::ui;
using drishti::host::Script;

TEST_CASE("a Noto font is found for every script the boards use") {
  std::vector<std::string> problems;
  const FontCatalog fonts = FontCatalog::find(problems);
  INFO((problems.empty() ? "" : problems.front()));
  CHECK(problems.empty());
  CHECK(fonts.face(Script::kLatin).family == "Noto Sans");
  CHECK(fonts.face(Script::kDevanagari).family == "Noto Sans Devanagari");
  CHECK(fonts.face(Script::kMalayalam).family == "Noto Sans Malayalam");
  CHECK(fonts.face(Script::kHan).family == "Noto Sans CJK SC");
  CHECK(fonts.face(Script::kHan).path.ends_with(".ttc"));
  for (Script s : {Script::kLatin, Script::kDevanagari, Script::kMalayalam, Script::kHan})
    CHECK(fonts.face(s).found);
}

TEST_CASE("each script has the OpenType tag HarfBuzz shapes it with") {
  CHECK(std::string(FontCatalog::scriptTag(Script::kDevanagari)) == "Deva");
  CHECK(std::string(FontCatalog::scriptTag(Script::kMalayalam)) == "Mlym");
  CHECK(std::string(FontCatalog::scriptTag(Script::kHan)) == "Hani");
  CHECK(std::string(FontCatalog::scriptTag(Script::kLatin)) == "Latn");
}
