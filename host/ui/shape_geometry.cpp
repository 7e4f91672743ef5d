#include "host/ui/shape_geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::ui {
namespace {

// The half-open pixel column range [x0, x1) of a rounded rect's row whose
// centre is at height yc; empty when the row misses the shape.
struct Span {
  int x0 = 0, x1 = 0;
  bool empty() const { return x1 <= x0; }
  bool operator==(const Span&) const = default;
};

Span rowSpan(float left, float top, float right, float bottom, float radius, float yc) {
  if (yc < top || yc >= bottom || right <= left)
    return {};
  float inset = 0;
  const float r = std::min(radius, std::min(right - left, bottom - top) / 2);
  if (r > 0) {
    const float dy = std::max({top + r - yc, yc - (bottom - r), 0.0F});
    inset = r - std::sqrt(std::max(r * r - dy * dy, 0.0F));
  }
  // Columns whose centre (x + 0.5) lies in [left + inset, right - inset).
  const int x0 = static_cast<int>(std::ceil(left + inset - 0.5F));
  const int x1 = static_cast<int>(std::ceil(right - inset - 0.5F));
  return {x0, x1};
}

void emit(std::vector<PixelRect>& out, Span s, int y0, int y1) {
  if (!s.empty() && y1 > y0)
    out.push_back({s.x0, y0, s.x1 - s.x0, y1 - y0});
}

}  // namespace

void roundedRectSpans(const host::Rect& outer, float radius, float thickness,
                      std::vector<PixelRect>& out) {
  if (outer.w <= 0 || outer.h <= 0)
    return;
  const float l = outer.x, t = outer.y, r = outer.x + outer.w, b = outer.y + outer.h;
  const bool frame = thickness > 0 && thickness * 2 < std::min(outer.w, outer.h);
  const float il = l + thickness, it = t + thickness, ir = r - thickness, ib = b - thickness;
  const float innerRadius = std::max(radius - thickness, 0.0F);

  const int y0 = static_cast<int>(std::ceil(t - 0.5F));
  const int y1 = static_cast<int>(std::ceil(b - 0.5F));
  // Rows with the same spans are merged into one rectangle per span.
  Span runA, runB;
  int runStart = y0;
  for (int y = y0; y <= y1; ++y) {
    Span a, c;
    if (y < y1) {
      const float yc = static_cast<float>(y) + 0.5F;
      a = rowSpan(l, t, r, b, radius, yc);
      if (frame) {
        const Span hole = rowSpan(il, it, ir, ib, innerRadius, yc);
        if (!hole.empty()) {
          c = {hole.x1, a.x1};
          a.x1 = hole.x0;
        }
      }
    }
    if (y == y1 || !(a == runA) || !(c == runB)) {
      emit(out, runA, runStart, y);
      emit(out, runB, runStart, y);
      runA = a;
      runB = c;
      runStart = y;
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
      -std::numbers::pi_v<float> / 2;  // 12 o'clock; y grows down, so +angle is clockwise
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
