#include "host/ui/shape_painter.h"

#include <SDL2/SDL.h>

#include <algorithm>

namespace drishti::ui {
namespace {

constexpr int kTile = 256;                 // px; a tile covers most keys in one copy
constexpr std::size_t kMaxTextures = 256;  // colours x sizes seen; then start afresh

std::uint32_t key(host::Color c) {
  return (std::uint32_t{c.r} << 24) | (std::uint32_t{c.g} << 16) | (std::uint32_t{c.b} << 8) | c.a;
}

template <class Map>
void destroyAll(Map& m) {
  for (auto& [k, t] : m)
    SDL_DestroyTexture(t);
  m.clear();
}

}  // namespace

ShapePainter::ShapePainter(SDL_Renderer* renderer, std::uint32_t targetFormat)
    : renderer_(renderer), format_(targetFormat) {
  if (format_ == SDL_PIXELFORMAT_UNKNOWN) {
    SDL_Window* window = SDL_RenderGetWindow(renderer);
    format_ = window != nullptr ? SDL_GetWindowPixelFormat(window)
                                : std::uint32_t{SDL_PIXELFORMAT_ARGB8888};
  }
  if (format_ == SDL_PIXELFORMAT_UNKNOWN)
    format_ = SDL_PIXELFORMAT_ARGB8888;
}

ShapePainter::~ShapePainter() {
  destroyAll(tiles_);
  destroyAll(discs_);
}

SDL_Texture* ShapePainter::tile(host::Color c) {
  const auto it = tiles_.find(key(c));
  if (it != tiles_.end())
    return it->second;
  if (tiles_.size() >= kMaxTextures)
    destroyAll(tiles_);
  // Opaque tiles in the target's format are copied without conversion;
  // translucent ones need alpha, so they are ARGB and blended.
  const bool opaque = c.a == 255;
  std::uint32_t format = opaque ? format_ : std::uint32_t{SDL_PIXELFORMAT_ARGB8888};
  SDL_Texture* t = SDL_CreateTexture(renderer_, format, SDL_TEXTUREACCESS_STATIC, kTile, kTile);
  if (t == nullptr && format != SDL_PIXELFORMAT_ARGB8888) {
    format = SDL_PIXELFORMAT_ARGB8888;
    t = SDL_CreateTexture(renderer_, format, SDL_TEXTUREACCESS_STATIC, kTile, kTile);
  }
  if (t == nullptr)
    return nullptr;
  SDL_PixelFormat* pf = SDL_AllocFormat(format);
  const std::uint32_t pixel = SDL_MapRGBA(pf, c.r, c.g, c.b, c.a);
  SDL_FreeFormat(pf);
  pixels_.assign(static_cast<std::size_t>(kTile) * kTile, pixel);
  SDL_UpdateTexture(t, nullptr, pixels_.data(), kTile * 4);
  SDL_SetTextureBlendMode(t, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  ++made_;
  tiles_.emplace(key(c), t);
  return t;
}

SDL_Texture* ShapePainter::disc(int radius, int thickness, host::Color c) {
  const auto k = std::make_tuple(radius, thickness, key(c));
  const auto it = discs_.find(k);
  if (it != discs_.end())
    return it->second;
  if (discs_.size() >= kMaxTextures)
    destroyAll(discs_);
  discCoverage(radius, thickness, coverage_);
  const int size = 2 * radius;
  SDL_Texture* t =
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, size, size);
  if (t == nullptr)
    return nullptr;
  pixels_.resize(coverage_.size());
  const std::uint32_t rgb = (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
  for (std::size_t i = 0; i < coverage_.size(); ++i)
    pixels_[i] = ((std::uint32_t{coverage_[i]} * c.a / 255) << 24) | rgb;
  SDL_UpdateTexture(t, nullptr, pixels_.data(), size * 4);
  SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  ++made_;
  discs_.emplace(k, t);
  return t;
}

void ShapePainter::fill(PixelRect r, host::Color c) {
  if (r.empty() || c.a == 0)
    return;
  SDL_Texture* t = tile(c);
  if (t == nullptr)
    return;
  for (int y = r.y; y < r.y + r.h; y += kTile) {
    for (int x = r.x; x < r.x + r.w; x += kTile) {
      const int w = std::min(kTile, r.x + r.w - x), h = std::min(kTile, r.y + r.h - y);
      const SDL_Rect src{0, 0, w, h}, dst{x, y, w, h};
      SDL_RenderCopy(renderer_, t, &src, &dst);
    }
  }
}

void ShapePainter::drawPieces(const ShapePieces& p, int thickness, host::Color c) {
  for (const PixelRect& r : p.rects)
    fill(r, c);
  if (p.radius == 0)
    return;
  SDL_Texture* t = disc(p.radius, thickness, c);
  if (t == nullptr)
    return;
  const int r = p.radius;
  const SDL_Rect quadrants[4] = {{0, 0, r, r}, {r, 0, r, r}, {0, r, r, r}, {r, r, r, r}};
  for (int i = 0; i < 4; ++i) {
    const SDL_Rect dst{p.corners[i].x, p.corners[i].y, r, r};
    SDL_RenderCopy(renderer_, t, &quadrants[i], &dst);
  }
}

void ShapePainter::fillRounded(PixelRect r, int radius, host::Color c) {
  if (c.a != 0)
    drawPieces(roundedFillPieces(r, radius), 0, c);
}

void ShapePainter::frame(PixelRect r, int radius, int thickness, host::Color c) {
  if (c.a == 0)
    return;
  const ShapePieces p = roundedFramePieces(r, radius, thickness);
  const bool filled = 2 * thickness >= std::min(r.w, r.h);
  drawPieces(p, filled ? 0 : thickness, c);
}

void ShapePainter::ring(const host::Rect& box, float thickness, float progress, host::Color c) {
  triangles_.clear();
  ringTriangles(box, thickness, progress, triangles_);
  if (triangles_.empty() || c.a == 0)
    return;
  const SDL_Color color{c.r, c.g, c.b, c.a};
  vertices_.resize(triangles_.size());
  for (std::size_t i = 0; i < triangles_.size(); ++i)
    vertices_[i] = {{triangles_[i].x, triangles_[i].y}, color, {0, 0}};
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
  SDL_RenderGeometry(renderer_, nullptr, vertices_.data(), static_cast<int>(vertices_.size()),
                     nullptr, 0);
}

}  // namespace drishti::ui
