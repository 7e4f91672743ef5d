// DrawListRenderer: turns a host::DrawList into pixels with an SDL_Renderer.
//
// Represents: the only code that draws the device's screens. Works with any
// SDL_Renderer, and is built to meet its frame budget with SDL's software
// renderer (the usual case on a Raspberry Pi class board and in headless
// runs). The list's logical size is scaled uniformly to fit the output and
// centred (letterboxed); text is rasterised at the scaled size, not stretched.
//
// Shapes come from ShapePainter (copies of solid tiles, anti-aliased corners,
// ring triangles), text from TextCache, laid out on one line inside its rect
// (aligned, vertically centred, shrunk to fit when too wide). Nothing is
// allocated per frame once the caches hold the screens shown.
//
// Requires TTF_Init(); the SDL_Renderer must outlive this object. UI thread only.
#pragma once

#include <SDL2/SDL_pixels.h>
#include <SDL2/SDL_render.h>

#include <string>
#include <vector>

#include "host/core/draw_list.h"
#include "host/ui/font_catalog.h"
#include "host/ui/shape_painter.h"
#include "host/ui/text_cache.h"

namespace drishti::ui {

struct RenderOptions {
  float textPaddingPx = 4;  // logical px kept clear on each side of text inside its rect
  int minTextSizePx = 8;    // shrink-to-fit stops here
};

class DrawListRenderer {
 public:
  // targetFormat: see ShapePainter (the pixel format drawn into; UNKNOWN = the
  // window's, else ARGB8888).
  DrawListRenderer(SDL_Renderer* renderer, const FontCatalog& fonts, RenderOptions options = {},
                   std::uint32_t targetFormat = SDL_PIXELFORMAT_UNKNOWN);
  ~DrawListRenderer();
  DrawListRenderer(const DrawListRenderer&) = delete;
  DrawListRenderer& operator=(const DrawListRenderer&) = delete;

  // Clears the output and draws every command. Does not present.
  void render(const host::DrawList& list);

  TextCache& textCache() { return text_; }
  // Logical to output px, as used by the last render (for mapping mouse input).
  float scale() const { return scale_; }
  float offsetX() const { return offsetX_; }
  float offsetY() const { return offsetY_; }

 private:
  host::Rect toOutput(const host::Rect& r) const;
  int px(float logical) const;
  void text(const host::DrawList& list, const host::DrawCommand& c);

  SDL_Renderer* renderer_;
  RenderOptions options_;
  TextCache text_;
  ShapePainter shapes_;
  float scale_ = 1, offsetX_ = 0, offsetY_ = 0;
};

}  // namespace drishti::ui
