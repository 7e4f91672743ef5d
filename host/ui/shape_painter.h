// ShapePainter: fills, rounded rectangles, frames and rings on an SDL_Renderer.
//
// Represents: the shape half of drawing a DrawList, built for the software
// renderer's strengths (shape_geometry.h): every opaque area is a copy of a
// solid tile texture in the target's own pixel format (a memcpy per row),
// corners are blended quadrants of an anti-aliased disc or ring texture,
// rings are SDL_RenderGeometry triangles. Tiles and corner textures are made
// on first use and cached by colour (and radius, thickness); a steady screen
// makes no textures.
//
// Requires a live SDL_Renderer that outlives the painter. UI thread only.
#pragma once

#include <SDL2/SDL_render.h>

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "host/core/draw_list.h"
#include "host/ui/shape_geometry.h"

namespace drishti::ui {

class ShapePainter {
 public:
  // targetFormat: the pixel format of what the renderer draws into (e.g.
  // SDL_GetWindowPixelFormat); opaque tiles are made in it so copies need no
  // conversion. SDL_PIXELFORMAT_UNKNOWN: the window's, else ARGB8888.
  ShapePainter(SDL_Renderer* renderer, std::uint32_t targetFormat);
  ~ShapePainter();
  ShapePainter(const ShapePainter&) = delete;
  ShapePainter& operator=(const ShapePainter&) = delete;

  void fill(PixelRect r, host::Color c);
  void fillRounded(PixelRect r, int radius, host::Color c);
  void frame(PixelRect r, int radius, int thickness, host::Color c);
  void ring(const host::Rect& box, float thickness, float progress, host::Color c);

  std::size_t texturesMade() const { return made_; }

 private:
  SDL_Texture* tile(host::Color c);
  SDL_Texture* disc(int radius, int thickness, host::Color c);
  void drawPieces(const ShapePieces& p, int thickness, host::Color c);

  SDL_Renderer* renderer_;
  std::uint32_t format_;
  std::map<std::uint32_t, SDL_Texture*> tiles_;  // by RGBA
  std::map<std::tuple<int, int, std::uint32_t>, SDL_Texture*> discs_;
  std::vector<std::uint32_t> pixels_;   // scratch for texture contents
  std::vector<std::uint8_t> coverage_;  // scratch
  std::vector<Point> triangles_;        // scratch
  std::vector<SDL_Vertex> vertices_;    // scratch
  std::size_t made_ = 0;
};

}  // namespace drishti::ui
