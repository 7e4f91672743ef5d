#include "host/ui/shape_geometry.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <set>

using namespace drishti::ui;
using drishti::host::Rect;

namespace {

long area(const std::vector<PixelRect>& rects) {
  long a = 0;
  for (const auto& r : rects)
    a += static_cast<long>(r.w) * r.h;
  return a;
}

bool overlapFree(const std::vector<PixelRect>& rects) {
  std::set<std::pair<int, int>> seen;
  for (const auto& r : rects) {
    for (int y = r.y; y < r.y + r.h; ++y)
      for (int x = r.x; x < r.x + r.w; ++x)
        if (!seen.insert({x, y}).second)
          return false;
  }
  return true;
}

double triangleArea(const std::vector<Point>& t) {
  double a = 0;
  for (std::size_t i = 0; i + 2 < t.size(); i += 3)
    a += std::abs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) -
                  (t[i + 2].x - t[i].x) * (t[i + 1].y - t[i].y)) /
         2;
  return a;
}

}  // namespace

TEST_CASE("a square rect covers exactly its pixels in one span") {
  std::vector<PixelRect> out;
  roundedRectSpans({10, 20, 30, 40}, 0, 0, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0] == PixelRect{10, 20, 30, 40});
}

TEST_CASE("rounded corners remove about (4 - pi) r^2 pixels, in few spans") {
  std::vector<PixelRect> out;
  const float r = 20;
  roundedRectSpans({0, 0, 200, 100}, r, 0, out);
  const double expected = 200.0 * 100 - (4 - std::numbers::pi) * r * r;
  CHECK(std::abs(area(out) - expected) < 0.02 * expected);
  CHECK(overlapFree(out));
  CHECK(out.size() <= 2 * 20 + 1);  // rows of the corners plus one body rect
  // The corner pixel is outside, the edge midpoints inside.
  bool corner = false, top = false;
  for (const auto& p : out) {
    corner = corner || (p.x <= 0 && p.y <= 0 && p.x + p.w > 0 && p.y + p.h > 0);
    top = top || (p.y == 0 && p.x <= 100 && p.x + p.w > 100);
  }
  CHECK_FALSE(corner);
  CHECK(top);
}

TEST_CASE("a frame covers the outer shape minus the inner one") {
  std::vector<PixelRect> out;
  roundedRectSpans({0, 0, 100, 60}, 0, 5, out);
  CHECK(area(out) == 100 * 60 - 90 * 50);
  CHECK(overlapFree(out));
  CHECK(out.size() == 4);  // top band, left, right, bottom band
  out.clear();
  roundedRectSpans({0, 0, 100, 60}, 12, 4, out);
  const double outer = 100.0 * 60 - (4 - std::numbers::pi) * 144;
  const double inner = 92.0 * 52 - (4 - std::numbers::pi) * 64;
  CHECK(std::abs(area(out) - (outer - inner)) < 0.05 * (outer - inner));
  CHECK(overlapFree(out));
}

TEST_CASE("a frame thicker than half the rect is filled") {
  std::vector<PixelRect> out;
  roundedRectSpans({0, 0, 10, 10}, 0, 6, out);
  CHECK(area(out) == 100);
}

TEST_CASE("fractional rects cover the pixels whose centres are inside") {
  std::vector<PixelRect> out;
  roundedRectSpans({0.4F, 0.6F, 2.0F, 1.0F}, 0, 0, out);
  REQUIRE(out.size() == 1);
  CHECK(out[0] == PixelRect{0, 1, 2, 1});  // centres 0.5 and 1.5 in x, 1.5 in y
  out.clear();
  roundedRectSpans({0, 0, 0, 10}, 4, 0, out);
  CHECK(out.empty());
}

TEST_CASE("a ring's triangles cover the fraction of the annulus asked for") {
  for (float p : {0.1F, 0.25F, 0.5F, 0.99F, 1.0F}) {
    std::vector<Point> t;
    ringTriangles({0, 0, 100, 100}, 10, p, t);
    const double annulus = std::numbers::pi * (50.0 * 50 - 40.0 * 40);
    INFO("progress " << p);
    CHECK(t.size() % 3 == 0);
    CHECK(std::abs(triangleArea(t) - p * annulus) < 0.02 * annulus);
  }
}

TEST_CASE("a ring starts at 12 o'clock and runs clockwise") {
  std::vector<Point> t;
  ringTriangles({0, 0, 100, 100}, 10, 0.25F, t);
  REQUIRE_FALSE(t.empty());
  CHECK(t.front().x == Approx(50).margin(0.01));
  CHECK(t.front().y == Approx(0).margin(0.01));
  for (const Point& p : t) {  // a quarter turn clockwise stays in the top-right quadrant
    CHECK(p.x >= 50 - 0.01);
    CHECK(p.y <= 50 + 0.01);
  }
  t.clear();
  ringTriangles({0, 0, 100, 100}, 10, 0, t);
  CHECK(t.empty());
}
