#include "host/ui/shape_geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::ui {

PixelRect snap(const host::Rect& r) {
  const int x0 = static_cast<int>(std::lround(r.x));
  const int y0 = static_cast<int>(std::lround(r.y));
  const int x1 = static_cast<int>(std::lround(r.x + r.w));
  const int y1 = static_cast<int>(std::lround(r.y + r.h));
  return {x0, y0, x1 - x0, y1 - y0};
}

ShapePieces roundedFillPieces(PixelRect r, int radius) {
  ShapePieces p;
  if (r.empty())
    return p;
  radius = std::clamp(radius, 0, std::min(r.w, r.h) / 2);
  p.radius = radius;
  if (radius == 0) {
    p.rects[0] = r;
    return p;
  }
  const int x1 = r.x + r.w, y1 = r.y + r.h;
  p.rects[0] = {r.x, r.y + radius, r.w, r.h - 2 * radius};             // middle band
  p.rects[1] = {r.x + radius, r.y, r.w - 2 * radius, radius};          // top, between corners
  p.rects[2] = {r.x + radius, y1 - radius, r.w - 2 * radius, radius};  // bottom
  p.corners = {PixelRect{r.x, r.y, radius, radius}, PixelRect{x1 - radius, r.y, radius, radius},
               PixelRect{r.x, y1 - radius, radius, radius},
               PixelRect{x1 - radius, y1 - radius, radius, radius}};
  return p;
}

ShapePieces roundedFramePieces(PixelRect r, int radius, int thickness) {
  if (r.empty() || thickness <= 0)
    return {};
  if (2 * thickness >= std::min(r.w, r.h))
    return roundedFillPieces(r, radius);
  ShapePieces p;
  radius = std::clamp(radius, 0, std::min(r.w, r.h) / 2);
  // Corners narrower than the line would leave notches: square them off.
  if (radius < thickness)
    radius = 0;
  p.radius = radius;
  const int x1 = r.x + r.w, y1 = r.y + r.h;
  const int side = std::max(radius, thickness);  // where the straight parts start
  if (radius == 0) {
    p.rects[0] = {r.x, r.y, r.w, thickness};                              // top, full width
    p.rects[1] = {r.x, y1 - thickness, r.w, thickness};                   // bottom
    p.rects[2] = {r.x, r.y + thickness, thickness, r.h - 2 * thickness};  // left
    p.rects[3] = {x1 - thickness, r.y + thickness, thickness, r.h - 2 * thickness};
    return p;
  }
  p.rects[0] = {r.x + side, r.y, r.w - 2 * side, thickness};
  p.rects[1] = {r.x + side, y1 - thickness, r.w - 2 * side, thickness};
  p.rects[2] = {r.x, r.y + side, thickness, r.h - 2 * side};
  p.rects[3] = {x1 - thickness, r.y + side, thickness, r.h - 2 * side};
  p.corners = {PixelRect{r.x, r.y, radius, radius}, PixelRect{x1 - radius, r.y, radius, radius},
               PixelRect{r.x, y1 - radius, radius, radius},
               PixelRect{x1 - radius, y1 - radius, radius, radius}};
  return p;
}

void discCoverage(int radius, int thickness, std::vector<std::uint8_t>& out) {
  const int size = 2 * std::max(radius, 0);
  out.assign(static_cast<std::size_t>(size) * size, 0);
  if (size == 0)
    return;
  const float ro = static_cast<float>(radius);
  const float ri = (thickness > 0 && thickness < radius) ? ro - static_cast<float>(thickness) : 0;
  constexpr int kSub = 4;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      int inside = 0;
      for (int sy = 0; sy < kSub; ++sy) {
        for (int sx = 0; sx < kSub; ++sx) {
          const float dx = static_cast<float>(x) + (static_cast<float>(sx) + 0.5F) / kSub - ro;
          const float dy = static_cast<float>(y) + (static_cast<float>(sy) + 0.5F) / kSub - ro;
          const float d2 = dx * dx + dy * dy;
          inside += (d2 <= ro * ro && d2 >= ri * ri) ? 1 : 0;
        }
      }
      out[static_cast<std::size_t>(y) * size + x] =
          static_cast<std::uint8_t>((inside * 255 + kSub * kSub / 2) / (kSub * kSub));
    }
  }
}

void ringTriangles(const host::Rect& box, float thickness, float progress,
                   std::vector<Point>& out) {
  progress = std::clamp(progress, 0.0F, 1.0F);
  if (progress <= 0 || box.w <= 0 || box.h <= 0)
    return;
  const float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  const float ro = std::min(box.w, box.h) / 2;
  const float ri = std::max(ro - std::max(thickness, 1.0F), 0.0F);
  // About one segment per 4 px of outer arc keeps the edge smooth.
  const float arc = 2 * std::numbers::pi_v<float> * ro * progress;
  const int segments = std::clamp(static_cast<int>(arc / 4), 4, 256);
  const float start =
      -std::numbers::pi_v<float> / 2;  // 12 o'clock; y grows down: +angle is clockwise
  const float step = 2 * std::numbers::pi_v<float> * progress / static_cast<float>(segments);
  Point prevOuter{cx + ro * std::cos(start), cy + ro * std::sin(start)};
  Point prevInner{cx + ri * std::cos(start), cy + ri * std::sin(start)};
  for (int i = 1; i <= segments; ++i) {
    const float a = start + step * static_cast<float>(i);
    const Point o{cx + ro * std::cos(a), cy + ro * std::sin(a)};
    const Point in{cx + ri * std::cos(a), cy + ri * std::sin(a)};
    out.insert(out.end(), {prevOuter, o, prevInner, prevInner, o, in});
    prevOuter = o;
    prevInner = in;
  }
}

}  // namespace drishti::ui
