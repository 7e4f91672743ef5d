// Shape geometry: rounded rectangles, frames and progress rings taken apart
// into pieces SDL's software renderer draws fast, without SDL.
//
// Represents: the pure part of drawing DrawList shapes. SDL's software
// renderer fills small rectangles slowly (SDL_FillRect streams every row past
// the cache) but copies opaque textures of the target's format with memcpy,
// so shapes are drawn as copies of solid tiles: a rounded rectangle is three
// opaque bands plus four r x r corner squares, a frame four bars plus four
// corners; corners come from an anti-aliased disc (or ring) image whose
// quadrants are blended in. A progress ring is a triangle strip.
//
// Inputs in output pixels (already scaled). Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "host/core/draw_list.h"

namespace drishti::ui {

struct PixelRect {
  int x = 0, y = 0, w = 0, h = 0;
  bool empty() const { return w <= 0 || h <= 0; }
  bool operator==(const PixelRect&) const = default;
};

struct Point {
  float x = 0, y = 0;
};

// The rect with its edges moved to the nearest pixel boundaries.
PixelRect snap(const host::Rect& r);

// A shape as disjoint pieces: opaque rectangles, and corner squares to be
// filled from quadrant `quadrant[i]` (0 top-left, 1 top-right, 2 bottom-left,
// 3 bottom-right) of a 2r x 2r disc or ring image (discCoverage).
struct ShapePieces {
  std::array<PixelRect, 4> rects{};  // unused ones are empty
  std::array<PixelRect, 4> corners{};
  int radius = 0;  // px; 0 = no corners
};

// A filled rect with corners rounded by `radius` (clamped to half the
// shorter side).
ShapePieces roundedFillPieces(PixelRect r, int radius);

// The outline of a rect, `thickness` px wide inside its edges, with outer
// corners rounded by `radius`. A thickness of half the shorter side or more
// gives the filled shape.
ShapePieces roundedFramePieces(PixelRect r, int radius, int thickness);

// Coverage 0..255 of a disc of `radius` centred in a 2r x 2r image (a ring
// `thickness` wide when 0 < thickness < radius), 4x4 supersampled so the
// edge is anti-aliased. Row-major, 2r x 2r bytes, into `out`.
void discCoverage(int radius, int thickness, std::vector<std::uint8_t>& out);

// Triangles (three points each) of a ring inscribed in `box`, `thickness`
// wide, covering `progress` (0..1) of the turn clockwise from 12 o'clock.
// Appends to `out`; nothing for progress <= 0.
void ringTriangles(const host::Rect& box, float thickness, float progress, std::vector<Point>& out);

}  // namespace drishti::ui
