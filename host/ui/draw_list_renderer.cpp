#include "host/ui/draw_list_renderer.h"

#include <SDL2/SDL.h>

#include <algorithm>
#include <cmath>

namespace drishti::ui {

DrawListRenderer::DrawListRenderer(SDL_Renderer* renderer, const FontCatalog& fonts,
                                   RenderOptions options, std::uint32_t targetFormat)
    : renderer_(renderer),
      options_(options),
      text_(renderer, fonts),
      shapes_(renderer, targetFormat) {}

DrawListRenderer::~DrawListRenderer() = default;

host::Rect DrawListRenderer::toOutput(const host::Rect& r) const {
  return {offsetX_ + r.x * scale_, offsetY_ + r.y * scale_, r.w * scale_, r.h * scale_};
}

int DrawListRenderer::px(float logical) const {
  return static_cast<int>(std::lround(logical * scale_));
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
  const PixelRect screen{static_cast<int>(offsetX_), static_cast<int>(offsetY_),
                         px(static_cast<float>(list.width())),
                         px(static_cast<float>(list.height()))};
  if (screen.x > 0 || screen.y > 0 || screen.w < outW || screen.h < outH) {
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    SDL_RenderClear(renderer_);  // the letterbox bars
  }
  shapes_.fill(screen, list.background());

  for (const host::DrawCommand& c : list.commands()) {
    switch (c.kind) {
      case host::DrawKind::kFillRect:
        shapes_.fillRounded(snap(toOutput(c.rect)), px(c.radius), c.color);
        break;
      case host::DrawKind::kFrameRect:
        shapes_.frame(snap(toOutput(c.rect)), px(c.radius), std::max(px(c.thickness), 1), c.color);
        break;
      case host::DrawKind::kProgressRing:
        shapes_.ring(toOutput(c.rect), c.thickness * scale_, c.progress, c.color);
        break;
      case host::DrawKind::kText:
        text(list, c);
        break;
    }
  }
  text_.endFrame();
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
