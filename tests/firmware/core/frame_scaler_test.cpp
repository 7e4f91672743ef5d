// FrameScaler: the work image the tracker sees, and the way back.
#include "firmware/core/frame_scaler.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

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

TEST_CASE("area downscaling matches OpenCV's INTER_AREA within one grey level", "[scaler]") {
  cv::Mat src(333, 517, CV_8UC3);
  cv::RNG(3).fill(src, cv::RNG::UNIFORM, 0, 256);
  cv::GaussianBlur(src, src, cv::Size(0, 0), 2.0);
  AreaResizer resizer;
  for (const cv::Size size : {cv::Size(258, 166), cv::Size(400, 250), cv::Size(517, 333)}) {
    cv::Mat ours(size, CV_8UC3), reference;
    resizer.resize(src, ours);
    cv::resize(src, reference, size, 0, 0, cv::INTER_AREA);
    double maxDiff = 0;
    cv::Mat diff;
    cv::absdiff(ours, reference, diff);
    cv::minMaxLoc(diff.reshape(1), nullptr, &maxDiff);
    INFO(size);
    CHECK(maxDiff <= 1.0);
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
