#include "host/ui/font_catalog.h"

#include <fontconfig/fontconfig.h>
#include <strings.h>

#include <filesystem>

namespace drishti::ui {
namespace {

struct Wanted {
  const char* family;
  FcChar32 sample;  // a letter the font must have
  const char* debianPath;
  int debianIndex;
  const char* package;
};

// Indexed by host::Script.
constexpr Wanted kWanted[] = {
    {"Noto Sans", U'A', "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0,
     "fonts-noto-core"},
    {"Noto Sans Devanagari", U'\u0915',
     "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", 0, "fonts-noto-core"},
    {"Noto Sans Malayalam", U'\u0D2E',
     "/usr/share/fonts/truetype/noto/NotoSansMalayalam-Regular.ttf", 0, "fonts-noto-core"},
    {"Noto Sans CJK SC", U'\u6C34', "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2,
     "fonts-noto-cjk"},
};

bool familyMatches(FcPattern* font, const char* family) {
  FcChar8* name = nullptr;
  for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &name) == FcResultMatch; ++i) {
    if (strcasecmp(reinterpret_cast<const char*>(name), family) == 0)
      return true;
  }
  return false;
}

FontFace fromFontconfig(FcConfig* config, const Wanted& w) {
  FontFace face;
  if (config == nullptr)
    return face;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(w.family));
  if (pattern == nullptr)
    return face;
  FcPatternAddInteger(pattern, FC_WEIGHT, FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* font = FcFontMatch(config, pattern, &result);
  FcPatternDestroy(pattern);
  if (font == nullptr)
    return face;
  FcChar8* file = nullptr;
  int index = 0;
  FcCharSet* charset = nullptr;
  // fontconfig always answers with some font; accept only the family we asked
  // for, and only if it can draw the script.
  if (result == FcResultMatch && familyMatches(font, w.family) &&
      FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch &&
      FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) == FcResultMatch &&
      FcCharSetHasChar(charset, w.sample)) {
    FcPatternGetInteger(font, FC_INDEX, 0, &index);
    face.path = reinterpret_cast<const char*>(file);
    face.index = index;
    face.family = w.family;
    face.found = std::filesystem::is_regular_file(face.path);
  }
  FcPatternDestroy(font);
  return face;
}

}  // namespace

FontCatalog FontCatalog::find(std::vector<std::string>& problems) {
  FontCatalog catalog;
  FcConfig* config = FcInitLoadConfigAndFonts();
  for (int s = 0; s < 4; ++s) {
    const Wanted& w = kWanted[s];
    FontFace face = fromFontconfig(config, w);
    if (!face.found && std::filesystem::is_regular_file(w.debianPath)) {
      face = {w.debianPath, w.debianIndex, w.family, true};
    }
    if (!face.found) {
      problems.push_back(std::string("no font for ") + scriptName(static_cast<host::Script>(s)) +
                         " text: install the Debian package " + w.package + " (looked for '" +
                         w.family + "' through fontconfig and at " + w.debianPath + ")");
    }
    catalog.faces_[s] = face;
  }
  if (config != nullptr)
    FcConfigDestroy(config);
  return catalog;
}

const char* FontCatalog::scriptTag(host::Script script) {
  switch (script) {
    case host::Script::kLatin:
      return "Latn";
    case host::Script::kDevanagari:
      return "Deva";
    case host::Script::kMalayalam:
      return "Mlym";
    case host::Script::kHan:
      return "Hani";
  }
  return "Zyyy";
}

const char* FontCatalog::scriptName(host::Script script) {
  switch (script) {
    case host::Script::kLatin:
      return "Latin";
    case host::Script::kDevanagari:
      return "Devanagari (Hindi)";
    case host::Script::kMalayalam:
      return "Malayalam";
    case host::Script::kHan:
      return "Chinese";
  }
  return "?";
}

}  // namespace drishti::ui
