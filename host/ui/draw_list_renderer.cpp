#include "host/ui/draw_list_renderer.h"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cmath>

namespace drishti::ui {

DrawListRenderer::DrawListRenderer(SDL_Renderer* renderer, const FontCatalog& fonts,
                                   RenderOptions options)
    : renderer_(renderer), options_(options), text_(renderer, fonts) {}

DrawListRenderer::~DrawListRenderer() = default;

host::Rect DrawListRenderer::toOutput(const host::Rect& r) const {
  return {offsetX_ + r.x * scale_, offsetY_ + r.y * scale_, r.w * scale_, r.h * scale_};
}

void DrawListRenderer::setColor(host::Color c) {
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

void DrawListRenderer::render(const host::DrawList& list) {
  int outW = 0, outH = 0;
  SDL_GetRendererOutputSize(renderer_, &outW, &outH);
  if (list.width() > 0 && list.height() > 0) {
    scale_ = std::min(static_cast<float>(outW) / static_cast<float>(list.width()),
                      static_cast<float>(outH) / static_cast<float>(list.height()));
    offsetX_ =
        std::floor((static_cast<float>(outW) - static_cast<float>(list.width()) * scale_) / 2);
    offsetY_ =
        std::floor((static_cast<float>(outH) - static_cast<float>(list.height()) * scale_) / 2);
  }
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
  SDL_RenderClear(renderer_);  // the letterbox bars
  setColor(list.background());
  const SDL_Rect screen{static_cast<int>(offsetX_), static_cast<int>(offsetY_),
                        static_cast<int>(std::lround(static_cast<float>(list.width()) * scale_)),
                        static_cast<int>(std::lround(static_cast<float>(list.height()) * scale_))};
  SDL_RenderFillRect(renderer_, &screen);

  for (const host::DrawCommand& c : list.commands()) {
    switch (c.kind) {
      case host::DrawKind::kFillRect:
        fillShape(c, 0);
        break;
      case host::DrawKind::kFrameRect:
        fillShape(c, std::max(c.thickness * scale_, 1.0F));
        break;
      case host::DrawKind::kProgressRing:
        ring(c);
        break;
      case host::DrawKind::kText:
        text(list, c);
        break;
    }
  }
  text_.endFrame();
}

void DrawListRenderer::fillShape(const host::DrawCommand& c, float thickness) {
  spans_.clear();
  roundedRectSpans(toOutput(c.rect), c.radius * scale_, thickness, spans_);
  if (spans_.empty() || c.color.a == 0)
    return;
  rects_.resize(spans_.size());
  for (std::size_t i = 0; i < spans_.size(); ++i)
    rects_[i] = {spans_[i].x, spans_[i].y, spans_[i].w, spans_[i].h};
  setColor(c.color);
  SDL_RenderFillRects(renderer_, rects_.data(), static_cast<int>(rects_.size()));
}

void DrawListRenderer::ring(const host::DrawCommand& c) {
  triangles_.clear();
  ringTriangles(toOutput(c.rect), c.thickness * scale_, c.progress, triangles_);
  if (triangles_.empty() || c.color.a == 0)
    return;
  const SDL_Color color{c.color.r, c.color.g, c.color.b, c.color.a};
  vertices_.resize(triangles_.size());
  for (std::size_t i = 0; i < triangles_.size(); ++i)
    vertices_[i] = {{triangles_[i].x, triangles_[i].y}, color, {0, 0}};
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
  SDL_RenderGeometry(renderer_, nullptr, vertices_.data(), static_cast<int>(vertices_.size()),
                     nullptr, 0);
}

void DrawListRenderer::text(const host::DrawList& list, const host::DrawCommand& c) {
  const host::Rect box = toOutput(c.rect);
  const float padding = options_.textPaddingPx * scale_;
  const float room = box.w - 2 * padding;
  int size = static_cast<int>(std::lround(c.textSize * scale_));
  const std::string_view utf8 = list.textOf(c);
  const TextTexture* t = &text_.get(utf8, size, c.script, c.color);
  if (t->texture == nullptr)
    return;
  if (static_cast<float>(t->width) > room && room > 0) {
    // Shrink to fit on one line: width scales with the size, near enough.
    const int minSize =
        static_cast<int>(std::lround(static_cast<float>(options_.minTextSizePx) * scale_));
    size = std::max(
        minSize, static_cast<int>(static_cast<float>(size) * room / static_cast<float>(t->width)));
    t = &text_.get(utf8, size, c.script, c.color);
    if (t->texture == nullptr)
      return;
  }
  float x = box.x + padding;
  if (c.align == host::Align::kCentre)
    x = box.x + (box.w - static_cast<float>(t->width)) / 2;
  else if (c.align == host::Align::kEnd)
    x = box.x + box.w - padding - static_cast<float>(t->width);
  const float y = box.y + (box.h - static_cast<float>(t->height)) / 2;
  const SDL_Rect dst{static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y)), t->width,
                     t->height};
  if (static_cast<float>(t->width) <= box.w) {
    SDL_RenderCopy(renderer_, t->texture, nullptr, &dst);
    return;
  }
  // Too long even at the smallest size: show what fits rather than spill over
  // the next key.
  const SDL_Rect clip{static_cast<int>(box.x), static_cast<int>(box.y), static_cast<int>(box.w),
                      static_cast<int>(box.h)};
  SDL_RenderSetClipRect(renderer_, &clip);
  SDL_RenderCopy(renderer_, t->texture, nullptr, &dst);
  SDL_RenderSetClipRect(renderer_, nullptr);
}

}  // namespace drishti::ui
