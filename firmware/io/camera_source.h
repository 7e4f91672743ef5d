// CameraSource: a V4L2 camera through OpenCV videoio.
//
// Represents: /dev/videoN (or an index) opened with the V4L2 backend and asked
// for the board's pixel format, size, frame rate, driver buffer count and
// exposure (what the driver grants is logged; the capture loop adapts to the
// size it really delivers). A device beginning "gst:" is a GStreamer pipeline
// ending in appsink instead (e.g. libcamerasrc for the Raspberry Pi Camera
// Module on Raspberry Pi OS; see boards/README.md).
// Timestamps: the V4L2 buffer timestamp (CLOCK_MONOTONIC, set by the driver
// when the frame was captured) when it is plausible, else the monotonic clock
// when the frame was dequeued.
// Faults: OpenCV waits up to OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT seconds for a
// frame (drishti-tracker sets it to 1): a silent camera gives kTimeout, a
// device that vanished (unplugged: the node is gone or the read fails at once)
// kFailed, an undecodable frame (broken MJPEG) kCorrupt.
// Thread safety: none (the capture thread).
#pragma once

#include <opencv2/videoio.hpp>
#include <string>

#include "firmware/io/board_config.h"
#include "firmware/io/frame_source.h"

namespace drishti::io {

class CameraSource : public FrameSource {
 public:
  explicit CameraSource(const CameraConfig& config) : config_(config) {}

  bool open(std::string& error) override;
  ReadStatus read(Frame& frame) override;
  void close() override;
  std::string describe() const override;
  double nominalFps() const override { return fps_; }

 private:
  std::string devicePath() const;

  CameraConfig config_;
  cv::VideoCapture capture_;
  double fps_ = 30;
  std::uint64_t index_ = 0;
  int failedGrabs_ = 0;  // in a row
};

}  // namespace drishti::io
