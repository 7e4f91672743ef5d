// Comparing text in a rendered image with a reference rendering made by the
// test itself (SDL2_ttf, with or without the script set for shaping): used to
// show that Devanagari and Malayalam come out shaped, without stored images.
#pragma once

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "host/core/draw_list.h"
#include "host/ui/font_catalog.h"
#include "host/ui/png_writer.h"
#include "host/ui/text_cache.h"

namespace drishti::ui::test {

// Ink coverage 0..1 per pixel.
struct Coverage {
  int width = 0, height = 0;
  std::vector<float> v;
  float at(int x, int y) const { return v[static_cast<std::size_t>(y) * width + x]; }
};

// The text rendered by SDL2_ttf directly: with shape = true exactly as a font
// with its script set shapes it, with shape = false as SDL2_ttf does when
// nobody tells it the script.
inline Coverage referenceText(const FontFace& face, host::Script script, const std::string& text,
                              int sizePx, bool shape) {
  if (TTF_WasInit() == 0)
    TTF_Init();
  Coverage c;
  TTF_Font* font = TextCache::openFont(face, script, sizePx, shape);
  if (font == nullptr)
    return c;
  SDL_Surface* s = TTF_RenderUTF8_Blended(font, text.c_str(), {255, 255, 255, 255});
  TTF_CloseFont(font);
  if (s == nullptr)
    return c;
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(s);
  c.width = argb->w;
  c.height = argb->h;
  c.v.resize(static_cast<std::size_t>(c.width) * c.height);
  for (int y = 0; y < c.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(
        static_cast<const std::uint8_t*>(argb->pixels) + y * argb->pitch);
    for (int x = 0; x < c.width; ++x)
      c.v[static_cast<std::size_t>(y) * c.width + x] = static_cast<float>(row[x] >> 24) / 255.0F;
  }
  SDL_FreeSurface(argb);
  return c;
}

// Coverage of the part of `image` inside `area`: how far each pixel is from
// the background, relative to the pixel farthest from it (the ink colour).
inline Coverage inkOf(const RgbaImage& image, SDL_Rect area, host::Color background) {
  Coverage c;
  c.width = area.w;
  c.height = area.h;
  c.v.resize(static_cast<std::size_t>(area.w) * area.h);
  float most = 0;
  for (int y = 0; y < area.h; ++y) {
    for (int x = 0; x < area.w; ++x) {
      const std::uint8_t* p = image.at(area.x + x, area.y + y);
      const float d =
          static_cast<float>(std::max({std::abs(p[0] - background.r), std::abs(p[1] - background.g),
                                       std::abs(p[2] - background.b)}));
      c.v[static_cast<std::size_t>(y) * area.w + x] = d;
      most = std::max(most, d);
    }
  }
  if (most > 0) {
    for (float& f : c.v)
      f /= most;
  }
  return c;
}

struct InkBox {
  int x0 = 0, y0 = 0, x1 = -1, y1 = -1;  // inclusive; empty when x1 < x0
};

inline InkBox inkBox(const Coverage& c, float threshold = 0.25F) {
  InkBox b{c.width, c.height, -1, -1};
  for (int y = 0; y < c.height; ++y) {
    for (int x = 0; x < c.width; ++x) {
      if (c.at(x, y) > threshold) {
        b.x0 = std::min(b.x0, x);
        b.y0 = std::min(b.y0, y);
        b.x1 = std::max(b.x1, x);
        b.y1 = std::max(b.y1, y);
      }
    }
  }
  return b;
}

// Similarity 0..1 (weighted intersection over union of coverage) between the
// ink in `area` of `image` and `reference`, with their ink boxes aligned and
// the best of small shifts around that alignment. 1 = the same pixels.
inline double bestMatch(const RgbaImage& image, SDL_Rect area, host::Color background,
                        const Coverage& reference) {
  const Coverage shot = inkOf(image, area, background);
  const InkBox a = inkBox(shot), b = inkBox(reference);
  if (a.x1 < a.x0 || b.x1 < b.x0)
    return 0;
  double best = 0;
  for (int dy = -3; dy <= 3; ++dy) {
    for (int dx = -3; dx <= 3; ++dx) {
      // Reference pixel (x, y) lands on shot pixel (x + ox, y + oy).
      const int ox = a.x0 - b.x0 + dx, oy = a.y0 - b.y0 + dy;
      double inter = 0, uni = 0;
      const int x0 = std::min(a.x0, b.x0 + ox), x1 = std::max(a.x1, b.x1 + ox);
      const int y0 = std::min(a.y0, b.y0 + oy), y1 = std::max(a.y1, b.y1 + oy);
      for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
          const float s =
              (x >= 0 && y >= 0 && x < shot.width && y < shot.height) ? shot.at(x, y) : 0;
          const int rx = x - ox, ry = y - oy;
          const float r = (rx >= 0 && ry >= 0 && rx < reference.width && ry < reference.height)
                              ? reference.at(rx, ry)
                              : 0;
          inter += std::min(s, r);
          uni += std::max(s, r);
        }
      }
      if (uni > 0)
        best = std::max(best, inter / uni);
    }
  }
  return best;
}

}  // namespace drishti::ui::test
