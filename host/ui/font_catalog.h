// FontCatalog: which font file draws each script.
//
// Represents: one font face per host::Script: Noto Sans (Latin), Noto Sans
// Devanagari, Noto Sans Malayalam (Debian package fonts-noto-core) and Noto
// Sans CJK SC (fonts-noto-cjk, a face inside a .ttc collection). Each is
// looked up through fontconfig, accepted only if it is the family asked for
// and covers a letter of its script, else at its known Debian path. A script
// with no font gets a message naming the package to install; the renderer
// then draws it with the Latin font (wrong glyphs, but the device runs).
//
// Thread safety: immutable after find().
#pragma once

#include <array>
#include <string>
#include <vector>

#include "host/core/draw_list.h"

namespace drishti::ui {

struct FontFace {
  std::string path;    // font file
  int index = 0;       // face index inside a collection (.ttc)
  std::string family;  // e.g. "Noto Sans Devanagari"
  bool found = false;
};

class FontCatalog {
 public:
  // Looks up every script; appends a message per missing font to `problems`.
  static FontCatalog find(std::vector<std::string>& problems);

  const FontFace& face(host::Script script) const { return faces_[static_cast<int>(script)]; }
  // The OpenType script tag HarfBuzz needs to shape `script` ("Deva", "Mlym").
  static const char* scriptTag(host::Script script);
  static const char* scriptName(host::Script script);  // "Malayalam"

 private:
  std::array<FontFace, 4> faces_;
};

}  // namespace drishti::ui
