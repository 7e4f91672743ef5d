// Shape geometry: rounded rectangles, frames and progress rings as pixel
// spans and triangles, without SDL.
//
// Represents: the pure part of drawing DrawList shapes. Rounded rectangles
// and frames become a few axis-aligned pixel rectangles (rows of equal extent
// merged), which SDL's software renderer fills fastest; a progress ring
// becomes a triangle strip. All inputs in output pixels (already scaled);
// outputs are appended to caller-owned vectors, so a frame that draws the
// same shapes as the last allocates nothing.
//
// Thread safety: pure functions.
#pragma once

#include <vector>

#include "host/core/draw_list.h"

namespace drishti::ui {

struct PixelRect {
  int x = 0, y = 0, w = 0, h = 0;
  bool operator==(const PixelRect&) const = default;
};

struct Point {
  float x = 0, y = 0;
};

// Pixels covered by `outer` with corners rounded by `radius`, minus the inside
// of a frame `thickness` wide (thickness <= 0: filled). A pixel is covered when
// its centre is inside the shape. Appends to `out`.
void roundedRectSpans(const host::Rect& outer, float radius, float thickness,
                      std::vector<PixelRect>& out);

// Triangles (three points each) of a ring inscribed in `box`, `thickness`
// wide, covering `progress` (0..1) of the turn clockwise from 12 o'clock.
// Appends to `out`; nothing for progress <= 0.
void ringTriangles(const host::Rect& box, float thickness, float progress, std::vector<Point>& out);

}  // namespace drishti::ui
