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

TEST_CASE("rects snap to the nearest pixel edges") {
  CHECK(snap({0.4F, 0.6F, 2.0F, 1.0F}) == PixelRect{0, 1, 2, 1});
  CHECK(snap({10.5F, 20.2F, 30.2F, 40.0F}) == PixelRect{11, 20, 30, 40});
}

TEST_CASE("a rounded rect's pieces tile it exactly, corners included") {
  const PixelRect r{10, 20, 200, 100};
  const ShapePieces p = roundedFillPieces(r, 20);
  CHECK(p.radius == 20);
  std::vector<PixelRect> all(p.rects.begin(), p.rects.end());
  all.insert(all.end(), p.corners.begin(), p.corners.end());
  std::vector<PixelRect> nonEmpty;
  for (const auto& x : all)
    if (!x.empty())
      nonEmpty.push_back(x);
  CHECK(overlapFree(nonEmpty));
  CHECK(area(nonEmpty) == 200L * 100);
  for (const auto& c : p.corners)
    CHECK((c.w == 20 && c.h == 20));
  CHECK(p.corners[0] == PixelRect{10, 20, 20, 20});
  CHECK(p.corners[3] == PixelRect{190, 100, 20, 20});
}

TEST_CASE("a radius larger than half the shorter side is clamped, zero gives one rect") {
  CHECK(roundedFillPieces({0, 0, 40, 10}, 30).radius == 5);
  const ShapePieces square = roundedFillPieces({0, 0, 40, 10}, 0);
  CHECK(square.rects[0] == PixelRect{0, 0, 40, 10});
  CHECK(square.rects[1].empty());
  CHECK(roundedFillPieces({0, 0, 0, 10}, 4).rects[0].empty());
}

TEST_CASE("a square frame is four bars covering outer minus inner") {
  const ShapePieces p = roundedFramePieces({0, 0, 100, 60}, 0, 5);
  std::vector<PixelRect> rects(p.rects.begin(), p.rects.end());
  CHECK(overlapFree(rects));
  CHECK(area(rects) == 100 * 60 - 90 * 50);
  CHECK(p.radius == 0);
}

TEST_CASE("a rounded frame has bars between ring-quadrant corners") {
  const ShapePieces p = roundedFramePieces({0, 0, 100, 60}, 12, 4);
  CHECK(p.radius == 12);
  std::vector<PixelRect> all(p.rects.begin(), p.rects.end());
  all.insert(all.end(), p.corners.begin(), p.corners.end());
  CHECK(overlapFree(all));
  CHECK(p.rects[0] == PixelRect{12, 0, 76, 4});  // top bar between the corners
  CHECK(p.rects[2] == PixelRect{0, 12, 4, 36});  // left bar
  CHECK(p.corners[1] == PixelRect{88, 0, 12, 12});
  // Corners narrower than the line are squared off instead of notched.
  CHECK(roundedFramePieces({0, 0, 100, 60}, 3, 6).radius == 0);
  // A line as thick as half the rect fills it.
  CHECK(area({roundedFramePieces({0, 0, 10, 10}, 0, 6).rects[0]}) == 100);
}

TEST_CASE("disc coverage has the disc's area and a soft edge") {
  std::vector<std::uint8_t> c;
  discCoverage(20, 0, c);
  REQUIRE(c.size() == 40u * 40u);
  double sum = 0;
  int partial = 0;
  for (auto v : c) {
    sum += v / 255.0;
    partial += (v > 0 && v < 255) ? 1 : 0;
  }
  CHECK(std::abs(sum - std::numbers::pi * 400) < 0.01 * std::numbers::pi * 400);
  CHECK(partial > 40);            // anti-aliased edge pixels
  CHECK(c[0] == 0);               // the image corner is outside
  CHECK(c[20 * 40 + 20] == 255);  // the centre inside
  discCoverage(20, 5, c);
  sum = 0;
  for (auto v : c)
    sum += v / 255.0;
  const double ring = std::numbers::pi * (400 - 225);
  CHECK(std::abs(sum - ring) < 0.02 * ring);
  CHECK(c[20 * 40 + 20] == 0);  // the hole
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
