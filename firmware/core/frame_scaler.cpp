#include "firmware/core/frame_scaler.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace drishti::core {

FrameScaler::FrameScaler(int maxWorkPixels) : maxWorkPixels_(std::max(1, maxWorkPixels)) {}

namespace {

// BGR to grey with the ITU-R BT.601 weights in 14-bit fixed point (the
// weights and rounding of cv::cvtColor). Written out because cvtColor may hand
// a large frame to OpenCV's thread pool, which allocates and adds latency that
// depends on the other threads.
void toGrey(const cv::Mat& bgr, cv::Mat& grey) {
  grey.create(bgr.size(), CV_8UC1);
  constexpr int kB = 1868, kG = 9617, kR = 4899, kHalf = 1 << 13;
  for (int y = 0; y < bgr.rows; ++y) {
    const uchar* s = bgr.ptr<uchar>(y);
    uchar* d = grey.ptr<uchar>(y);
    for (int x = 0; x < bgr.cols; ++x, s += 3)
      d[x] = static_cast<uchar>((s[0] * kB + s[1] * kG + s[2] * kR + kHalf) >> 14);
  }
}

}  // namespace

const cv::Mat& FrameScaler::process(const cv::Mat& frame) {
  CV_Assert(!frame.empty() && frame.depth() == CV_8U);
  const int ch = frame.channels();
  CV_Assert(ch == 1 || ch == 3 || ch == 4);
  const double pixels = static_cast<double>(frame.cols) * frame.rows;
  cv::Size size = frame.size();
  sx_ = sy_ = 1.0;
  if (pixels > maxWorkPixels_) {
    const double s = std::sqrt(maxWorkPixels_ / pixels);
    size = cv::Size(std::max(1, static_cast<int>(std::floor(frame.cols * s))),
                    std::max(1, static_cast<int>(std::floor(frame.rows * s))));
    sx_ = static_cast<double>(size.width) / frame.cols;
    sy_ = static_cast<double>(size.height) / frame.rows;
  }
  const bool shrink = size != frame.size();
  if (ch == 1) {
    workColor_ = cv::Mat();
    colorScale_ = 1.0;
    if (!shrink) {
      frame.copyTo(work_);
    } else {
      work_.create(size, CV_8UC1);
      resizer_.resize(frame, work_);
    }
    return work_;
  }
  // The BGR frame is kept as it is for the colour cue.
  if (ch == 4) {
    bgrFull_.create(frame.size(), CV_8UC3);
    for (int y = 0; y < frame.rows; ++y) {
      const uchar* src = frame.ptr<uchar>(y);
      uchar* dst = bgrFull_.ptr<uchar>(y);
      for (int x = 0; x < frame.cols; ++x, src += 4, dst += 3) {
        dst[0] = src[0];
        dst[1] = src[1];
        dst[2] = src[2];
      }
    }
    workColor_ = bgrFull_;
  } else {
    workColor_ = frame;  // header only
  }
  colorScale_ = 0.5 * (sx_ + sy_);
  if (!shrink) {
    toGrey(workColor_, work_);
    return work_;
  }
  // One pass from colour: area-average, then grey (a linear map, so the
  // order does not change the result beyond rounding), without a
  // full-resolution grey frame in between.
  work_.create(size, CV_8UC1);
  resizer_.resizeToGrey(frame, work_);
  return work_;
}

}  // namespace drishti::core
