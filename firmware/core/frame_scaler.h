// Converts camera frames to the grey "work" image the
// tracker processes (downscaled to at most a 640x480-equivalent pixel count).
#pragma once

#include <opencv2/core.hpp>

#include "firmware/core/area_resizer.h"

namespace drishti::core {

// FrameScaler
// Represents: the mapping from a camera frame to the grey work image and back.
// Requires: frames CV_8UC1 (grey), CV_8UC3 (BGR) or CV_8UC4 (BGRA), non-empty.
// Ensures: work() is CV_8UC1 with width*height <= maxWorkPixels (aspect
//   kept; frames already small enough are only converted to grey, never
//   upscaled); workColor() is the BGR frame for colour input at its own
//   resolution, colorScale() work pixels per colour pixel (empty for grey
//   input; it refers to the caller's frame without copying, or for BGRA input
//   to a converted copy, so it is valid only while that frame is; the colour
//   frame is never resized, since the openness cues sample only small eye
//   patches of it);
//   toOriginal() maps work pixels to frame pixels. Buffers are reused, so
//   after the first frame of a given size no allocation happens in our code
//   (the downscale is AreaResizer's, not cv::resize, which allocates per call).
// Units: pixels; scale() = work pixels per original pixel (<= 1; x and y
//   differ only by integer rounding of the work size).
class FrameScaler {
 public:
  explicit FrameScaler(int maxWorkPixels = 640 * 480);

  // Converts `frame`; returns the work image (valid until the next call).
  const cv::Mat& process(const cv::Mat& frame);

  const cv::Mat& work() const { return work_; }
  const cv::Mat& workColor() const { return workColor_; }
  double colorScale() const { return colorScale_; }
  double scale() const { return sx_; }
  cv::Point2f toOriginal(cv::Point2f p) const {
    return {static_cast<float>(p.x / sx_), static_cast<float>(p.y / sy_)};
  }
  cv::Rect2f toOriginal(const cv::Rect2f& r) const {
    const float kx = static_cast<float>(1.0 / sx_), ky = static_cast<float>(1.0 / sy_);
    return {r.x * kx, r.y * ky, r.width * kx, r.height * ky};
  }

 private:
  int maxWorkPixels_;
  double sx_ = 1.0, sy_ = 1.0;  // work px per original px, per axis
  double colorScale_ = 1.0;     // work px per workColor_ px
  cv::Mat bgrFull_;             // BGRA input converted to BGR (native size)
  cv::Mat workColor_;           // header of the BGR frame (the input or bgrFull_)
  cv::Mat work_;
  AreaResizer resizer_;
};

}  // namespace drishti::core
