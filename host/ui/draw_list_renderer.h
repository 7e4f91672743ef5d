// DrawListRenderer: turns a host::DrawList into pixels with an SDL_Renderer.
//
// Represents: the only code that draws the device's screens. Works with any
// SDL_Renderer, and is built to meet its frame budget with SDL's software
// renderer (the usual case on a Raspberry Pi class board and in headless
// runs). The list's logical size is scaled uniformly to fit the output and
// centred (letterboxed); text is rasterised at the scaled size, not stretched.
//
// Shapes: rounded rects and frames as merged pixel spans (SDL_RenderFillRects),
// progress rings as triangles (SDL_RenderGeometry), text from TextCache,
// laid out on one line inside its rect (aligned, vertically centred, shrunk to
// fit when too wide). Nothing is allocated per frame once the scratch
// buffers and caches have grown to the screens shown.
//
// Requires TTF_Init(); the SDL_Renderer must outlive this object. UI thread only.
#pragma once

#include <SDL2/SDL_render.h>

#include <string>
#include <vector>

#include "host/core/draw_list.h"
#include "host/ui/font_catalog.h"
#include "host/ui/shape_geometry.h"
#include "host/ui/text_cache.h"

namespace drishti::ui {

struct RenderOptions {
  float textPaddingPx = 4;  // logical px kept clear on each side of text inside its rect
  int minTextSizePx = 8;    // shrink-to-fit stops here
};

class DrawListRenderer {
 public:
  DrawListRenderer(SDL_Renderer* renderer, const FontCatalog& fonts, RenderOptions options = {});
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
  void setColor(host::Color c);
  void fillShape(const host::DrawCommand& c, float thickness);
  void ring(const host::DrawCommand& c);
  void text(const host::DrawList& list, const host::DrawCommand& c);

  SDL_Renderer* renderer_;
  RenderOptions options_;
  TextCache text_;
  float scale_ = 1, offsetX_ = 0, offsetY_ = 0;
  // Scratch buffers, reused every frame.
  std::vector<PixelRect> spans_;
  std::vector<SDL_Rect> rects_;
  std::vector<Point> triangles_;
  std::vector<SDL_Vertex> vertices_;
};

}  // namespace drishti::ui
