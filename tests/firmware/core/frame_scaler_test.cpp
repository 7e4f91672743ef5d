// FrameScaler: the work image the tracker sees, and the way back.
#include "firmware/core/frame_scaler.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <opencv2/imgproc.hpp>
#include <utility>

#include "firmware/core/area_resizer.h"

namespace drishti::core {

TEST_CASE("a large colour frame is downscaled to a 640x480 budget with its aspect", "[scaler]") {
  FrameScaler scaler(640 * 480);
  const cv::Mat frame(1080, 1620, CV_8UC3, cv::Scalar(10, 20, 30));
  const cv::Mat& work = scaler.process(frame);
  CHECK(work.type() == CV_8UC1);
  CHECK(work.cols * work.rows <= 640 * 480);
  CHECK(static_cast<double>(work.cols) / work.rows == Approx(1.5).margin(0.01));
  // The colour frame is kept at its own size; the colour cue samples it.
  CHECK(scaler.workColor().size() == frame.size());
  CHECK(scaler.colorScale() == Approx(scaler.scale()).epsilon(0.01));
  const cv::Point2f back = scaler.toOriginal(cv::Point2f(static_cast<float>(work.cols), 0.f));
  CHECK(back.x == Approx(1620).margin(1));
}

TEST_CASE("a small grey frame is used at its own size", "[scaler]") {
  FrameScaler scaler(640 * 480);
  const cv::Mat frame(240, 320, CV_8UC1, cv::Scalar(77));
  const cv::Mat& work = scaler.process(frame);
  CHECK(work.size() == frame.size());
  CHECK(work.at<uchar>(10, 10) == 77);
  CHECK(scaler.workColor().empty());
  CHECK(scaler.scale() == 1.0);
}

}  // namespace drishti::core

namespace drishti::core {

namespace {

cv::Mat smoothNoise(cv::Size size, int type, int seed) {
  cv::Mat m(size, type);
  cv::RNG(static_cast<std::uint64_t>(seed)).fill(m, cv::RNG::UNIFORM, 0, 256);
  cv::GaussianBlur(m, m, cv::Size(0, 0), 2.0);
  return m;
}

double maxAbsDiff(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat diff;
  cv::absdiff(a, b, diff);
  double maxDiff = 0;
  cv::minMaxLoc(diff.reshape(1), nullptr, &maxDiff);
  return maxDiff;
}

// Source and destination sizes: the 1080p camera frame to its work size,
// factors 2, 1.29 and 1 (nothing to average), odd widths (the vector loops'
// tails), and a factor above 3 (more than four taps per axis).
const std::pair<cv::Size, cv::Size> kSizes[] = {
    {{1620, 1080}, {678, 452}}, {{517, 333}, {258, 166}}, {{517, 333}, {400, 250}},
    {{517, 333}, {517, 333}},   {{101, 77}, {37, 29}},    {{517, 333}, {120, 70}},
};

}  // namespace

TEST_CASE("area downscaling matches OpenCV's INTER_AREA within one grey level", "[scaler]") {
  AreaResizer resizer;
  for (const int type : {CV_8UC1, CV_8UC3, CV_8UC4}) {
    for (const auto& [from, to] : kSizes) {
      const cv::Mat src = smoothNoise(from, type, 3);
      cv::Mat ours(to, type), reference;
      resizer.resize(src, ours);
      cv::resize(src, reference, to, 0, 0, cv::INTER_AREA);
      INFO(from << " -> " << to << ", " << CV_MAT_CN(type) << " channels");
      CHECK(maxAbsDiff(ours, reference) <= 1.0);
    }
  }
}

TEST_CASE("colour is averaged and turned grey in one pass, within one level of doing it in two",
          "[scaler]") {
  AreaResizer resizer;
  for (const int type : {CV_8UC3, CV_8UC4}) {
    for (const auto& [from, to] : kSizes) {
      const cv::Mat src = smoothNoise(from, type, 7);
      cv::Mat ours(to, CV_8UC1), grey, reference;
      resizer.resizeToGrey(src, ours);
      cv::cvtColor(src, grey, type == CV_8UC4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
      cv::resize(grey, reference, to, 0, 0, cv::INTER_AREA);
      INFO(from << " -> " << to << ", " << CV_MAT_CN(type) << " channels");
      CHECK(maxAbsDiff(ours, reference) <= 1.0);
      // Rounding once instead of twice moves a level on a minority of pixels.
      cv::Mat diff;
      cv::absdiff(ours, reference, diff);
      CHECK(cv::countNonZero(diff) < static_cast<int>(diff.total() / 3));
    }
  }
}

TEST_CASE("a flat image stays exactly flat at every scale", "[scaler]") {
  AreaResizer resizer;
  for (const int level : {0, 1, 128, 254, 255}) {
    for (const auto& [from, to] : kSizes) {
      const cv::Mat src(from, CV_8UC3, cv::Scalar(level, level, level));
      cv::Mat grey(to, CV_8UC1), colour(to, CV_8UC3);
      resizer.resizeToGrey(src, grey);
      resizer.resize(src, colour);
      INFO(from << " -> " << to << " at level " << level);
      CHECK(cv::countNonZero(grey != level) == 0);
      CHECK(cv::countNonZero(colour.reshape(1) != level) == 0);
    }
  }
}

}  // namespace drishti::core

namespace drishti::core {

TEST_CASE("grey conversion matches OpenCV's within one level, for BGR and BGRA", "[scaler]") {
  cv::Mat bgr(120, 160, CV_8UC3);
  cv::RNG(5).fill(bgr, cv::RNG::UNIFORM, 0, 256);
  cv::Mat bgra, reference, diff;
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  cv::cvtColor(bgr, reference, cv::COLOR_BGR2GRAY);
  for (const cv::Mat* input : {&bgr, &bgra}) {
    FrameScaler scaler(640 * 480);
    cv::absdiff(scaler.process(*input), reference, diff);
    double maxDiff = 0;
    cv::minMaxLoc(diff, nullptr, &maxDiff);
    CHECK(maxDiff <= 1.0);
    CHECK(scaler.workColor().type() == CV_8UC3);
  }
}

}  // namespace drishti::core
