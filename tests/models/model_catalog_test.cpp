#include "models/model_catalog.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/test_data.h"

using drishti::models::ModelCatalog;

namespace {

const char* kGood = R"(# test manifest
[tiny]
file = tiny.bin
search = /nonexistent/a : /nonexistent/b
package = tiny-data
sha256 = 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
size = 3
licence = CC0
)";

ModelCatalog parseOk(const std::string& text) {
  std::string error;
  auto c = ModelCatalog::parse(text, "test.ini", error);
  INFO(error);
  REQUIRE(c.has_value());
  return *c;
}

std::string parseError(const std::string& text) {
  std::string error;
  CHECK_FALSE(ModelCatalog::parse(text, "test.ini", error).has_value());
  return error;
}

}  // namespace

TEST_CASE("a manifest section gives every key") {
  const auto c = parseOk(kGood);
  const auto* e = c.find("tiny");
  REQUIRE(e != nullptr);
  CHECK(e->file == "tiny.bin");
  CHECK(e->search == std::vector<std::string>{"/nonexistent/a", "/nonexistent/b"});
  CHECK(e->package == "tiny-data");
  CHECK(e->size == 3);
  CHECK(e->line == 2);
}

TEST_CASE("manifest errors name the file, line and problem") {
  CHECK(parseError("[a]\nfile = x\nsearch = /x\npackage = p\nsize = 3\nsha256 = 12\n") ==
        "test.ini:6: 'sha256' must be 64 lowercase hex digits");
  CHECK(parseError("file = x\n") == "test.ini:1: key outside a [model] section");
  CHECK(parseError("[a]\nnonsense\n") == "test.ini:2: expected 'key = value'");
  CHECK(parseError("[a]\ncolour = red\n") == "test.ini:2: unknown key 'colour'");
  CHECK(parseError("[a]\nfile = x\n") == "test.ini:1: model [a] has no 'search'");
  CHECK(parseError(std::string(kGood) + "[tiny]\n") == "test.ini:9: model [tiny] is listed twice");
  CHECK(parseError("[a]\nsize = 12x\n") == "test.ini:2: 'size' must be a whole number of bytes");
  CHECK(parseError("# empty\n") == "test.ini:2: no models listed");
}

TEST_CASE("a missing model names the package that installs it") {
  const auto c = parseOk(kGood);
  const auto where = c.locate("tiny");
  CHECK_FALSE(where.found);
  CHECK_THAT(where.message, Catch::Contains("apt-get install tiny-data") &&
                                Catch::Contains("/nonexistent/a/tiny.bin"));
  CHECK_THAT(c.locate("other").message, Catch::Contains("not in the model manifest"));
}

TEST_CASE("a model file of the wrong size or checksum is refused") {
  const auto dir = drishti::test::scratchDir("models");
  const auto c = parseOk(kGood);
  {
    std::ofstream(dir / "tiny.bin") << "foo";  // sha256("foo") is the manifest's value
  }
  const auto ok = c.locate("tiny", {dir.string()}, true);
  INFO(ok.message);
  CHECK(ok.found);
  CHECK(ok.path == (dir / "tiny.bin").string());
  { std::ofstream(dir / "tiny.bin") << "bar"; }
  const auto badDigest = c.locate("tiny", {dir.string()}, true);
  CHECK_FALSE(badDigest.found);
  CHECK_THAT(badDigest.message, Catch::Contains("does not match"));
  { std::ofstream(dir / "tiny.bin") << "long"; }
  const auto badSize = c.locate("tiny", {dir.string()});
  CHECK_FALSE(badSize.found);
  CHECK_THAT(badSize.message, Catch::Contains("size 4 bytes, manifest says 3"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the project manifest parses and lists the landmark model with its licence note") {
  std::string error;
  const auto c = ModelCatalog::load(drishti::models::defaultManifestPath(), error);
  INFO(error);
  REQUIRE(c.has_value());
  const auto* e = c->find("face_landmarks_68");
  REQUIRE(e != nullptr);
  CHECK(e->package == "libdlib-data");
  CHECK_THAT(e->licence, Catch::Contains("commercial"));
}

TEST_CASE("the installed landmark model matches the manifest checksum") {
  std::string error;
  const auto c = ModelCatalog::load(drishti::models::defaultManifestPath(), error);
  REQUIRE(c.has_value());
  const auto where = c->locate("face_landmarks_68", {}, true);
  INFO(where.message);
  CHECK(where.found);
}
