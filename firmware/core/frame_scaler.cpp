#include "firmware/core/frame_scaler.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace drishti::core {

FrameScaler::FrameScaler(int maxWorkPixels) : maxWorkPixels_(std::max(1, maxWorkPixels)) {}

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
  if (ch == 1) {
    workColor_ = cv::Mat();
    if (size == frame.size())
      frame.copyTo(work_);
    else {
      work_.create(size, CV_8UC1);
      resizer_.resize(frame, work_);
    }
    return work_;
  }
  // Colour: keep a BGR work image (the openness estimator uses skin colour).
  const cv::Mat* bgr = &frame;
  if (ch == 4) {
    cv::cvtColor(frame, bgrFull_, cv::COLOR_BGRA2BGR);
    bgr = &bgrFull_;
  }
  if (size != frame.size()) {
    colorBuf_.create(size, CV_8UC3);
    resizer_.resize(*bgr, colorBuf_);
    bgr = &colorBuf_;
  }
  workColor_ = *bgr;  // header only; refers to the input or to colorBuf_
  cv::cvtColor(workColor_, work_, cv::COLOR_BGR2GRAY);
  return work_;
}

}  // namespace drishti::core
