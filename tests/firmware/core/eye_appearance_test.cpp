// EyeAppearanceSampler on synthetic eyes (rendered_eye.h): the 3 x 5 grid of
// the eye between its corners, normalised to sum 1, follows the iris and is
// unchanged by brightness, head roll and scale.
#include "firmware/core/eye_appearance.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "tests/firmware/core/rendered_eye.h"

namespace drishti::core {
namespace {

// The cells' dark mass centre, in cells (row, column): where the iris is.
cv::Point2f darkCentre(const EyeAppearance& a) {
  float mean = 0.f;
  for (float c : a.cells)
    mean += c / EyeAppearance::kSize;
  float sw = 0.f, sr = 0.f, sc = 0.f;
  for (int i = 0; i < EyeAppearance::kRows; ++i)
    for (int j = 0; j < EyeAppearance::kCols; ++j) {
      const float w = std::max(0.f, mean - a.cells[static_cast<std::size_t>(i * 5 + j)]);
      sw += w;
      sr += w * static_cast<float>(i);
      sc += w * static_cast<float>(j);
    }
  return {sc / sw, sr / sw};
}

EyeAppearance measureDrawn(const test::EyeDrawing& d) {
  const test::RenderedEye eye = test::renderEye(d);
  EyeAppearanceSampler sampler;
  return sampler.measure(eye.grey, eye.contour[0], eye.contour[3]);
}

float maxDifference(const EyeAppearance& a, const EyeAppearance& b) {
  float m = 0.f;
  for (std::size_t k = 0; k < a.cells.size(); ++k)
    m = std::max(m, std::abs(a.cells[k] - b.cells[k]));
  return m;
}

}  // namespace

TEST_CASE("the appearance cells sum to 1 and follow the iris", "[features]") {
  test::EyeDrawing d;
  d.noiseSigma = 0.0;
  const EyeAppearance middle = measureDrawn(d);
  REQUIRE(middle.valid);
  float sum = 0.f;
  for (float c : middle.cells) {
    CHECK(c > 0.f);
    sum += c;
  }
  CHECK(sum == Approx(1.f).margin(1e-5));
  // The iris a tenth of an eye width down, left, right: the dark mass moves
  // that way (cells are 0.2 x 0.2 eye widths).
  d.irisOffset = {0.f, 0.1f};
  const cv::Point2f down = darkCentre(measureDrawn(d));
  d.irisOffset = {0.f, -0.1f};
  const cv::Point2f up = darkCentre(measureDrawn(d));
  d.irisOffset = {-0.15f, 0.f};
  const cv::Point2f left = darkCentre(measureDrawn(d));
  d.irisOffset = {0.15f, 0.f};
  const cv::Point2f right = darkCentre(measureDrawn(d));
  CHECK(down.y - up.y > 0.2f);
  CHECK(right.x - left.x > 0.4f);
}

TEST_CASE("the appearance cells ignore brightness, roll and scale", "[features]") {
  test::EyeDrawing d;
  d.noiseSigma = 0.0;
  d.irisOffset = {0.08f, 0.05f};
  const test::RenderedEye eye = test::renderEye(d);
  EyeAppearanceSampler sampler;
  const EyeAppearance base = sampler.measure(eye.grey, eye.contour[0], eye.contour[3]);
  REQUIRE(base.valid);

  SECTION("a brighter or darker image (gain)") {
    cv::Mat dim;
    eye.grey.convertTo(dim, CV_8U, 0.6);
    CHECK(maxDifference(base, sampler.measure(dim, eye.contour[0], eye.contour[3])) < 2e-3f);
  }
  SECTION("the head rolled by 12 degrees and the eye 1.5 times larger") {
    const cv::Point2f c(100.f, 60.f);
    const cv::Mat m = cv::getRotationMatrix2D(c, 12.0, 1.5);
    cv::Mat turned;
    cv::warpAffine(eye.grey, turned, m, eye.grey.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    auto map = [&](cv::Point2f p) {
      return cv::Point2f(static_cast<float>(m.at<double>(0, 0) * p.x + m.at<double>(0, 1) * p.y +
                                            m.at<double>(0, 2)),
                         static_cast<float>(m.at<double>(1, 0) * p.x + m.at<double>(1, 1) * p.y +
                                            m.at<double>(1, 2)));
    };
    const EyeAppearance t = sampler.measure(turned, map(eye.contour[0]), map(eye.contour[3]));
    REQUIRE(t.valid);
    CHECK(maxDifference(base, t) < 3e-3f);
    // Measured on the unrotated corners instead, the grid is off.
    CHECK(maxDifference(base, sampler.measure(turned, eye.contour[0], eye.contour[3])) > 1e-2f);
  }
}

TEST_CASE("the appearance of a degenerate eye is not valid", "[features]") {
  const test::RenderedEye eye = test::renderEye(test::EyeDrawing{});
  EyeAppearanceSampler sampler;
  CHECK_FALSE(sampler.measure(eye.grey, {50.f, 60.f}, {51.f, 60.f}).valid);
  CHECK_FALSE(sampler.measure(eye.grey, {NAN, 60.f}, {150.f, 60.f}).valid);
  CHECK_FALSE(sampler.measure(cv::Mat(), {50.f, 60.f}, {150.f, 60.f}).valid);
  const cv::Mat black(120, 200, CV_8UC1, cv::Scalar(0));
  CHECK_FALSE(sampler.measure(black, {50.f, 60.f}, {110.f, 60.f}).valid);
}

}  // namespace drishti::core
