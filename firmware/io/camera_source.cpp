#include "firmware/io/camera_source.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdio>

#include "firmware/io/log.h"
#include "firmware/io/monotonic_clock.h"

namespace drishti::io {
namespace {

bool isIndex(const std::string& s) {
  if (s.empty() || s.size() > 3)
    return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  }
  return true;
}

bool isGstreamer(const std::string& s) {
  return s.rfind("gst:", 0) == 0;
}

}  // namespace

std::string CameraSource::devicePath() const {
  return isIndex(config_.device) ? "/dev/video" + config_.device : config_.device;
}

std::string CameraSource::describe() const {
  return isGstreamer(config_.device) ? "camera (GStreamer)" : "camera " + devicePath();
}

bool CameraSource::open(std::string& error) {
  close();
  bool opened = false;
  if (isGstreamer(config_.device)) {
    opened = capture_.open(config_.device.substr(4), cv::CAP_GSTREAMER);
  } else {
    struct stat st {};
    if (::stat(devicePath().c_str(), &st) != 0) {
      error = describe() + ": not connected (no device node)";
      return false;
    }
    opened = isIndex(config_.device) ? capture_.open(std::stoi(config_.device), cv::CAP_V4L2)
                                     : capture_.open(config_.device, cv::CAP_V4L2);
  }
  if (!opened) {
    error = describe() + ": cannot be opened (in use by another program, or no permission: " +
            "is the user in the video group?)";
    return false;
  }
  if (!isGstreamer(config_.device)) {
    // The format first: it decides which sizes and rates the driver offers.
    if (config_.pixelFormat.size() == 4) {
      const std::string& f = config_.pixelFormat;
      capture_.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc(f[0], f[1], f[2], f[3]));
    }
    capture_.set(cv::CAP_PROP_FRAME_WIDTH, config_.width);
    capture_.set(cv::CAP_PROP_FRAME_HEIGHT, config_.height);
    capture_.set(cv::CAP_PROP_FPS, config_.fps);
    capture_.set(cv::CAP_PROP_BUFFERSIZE, config_.driverBuffers);
    if (config_.autoExposure) {
      capture_.set(cv::CAP_PROP_AUTO_EXPOSURE, 3);  // V4L2_EXPOSURE_APERTURE_PRIORITY
    } else {
      capture_.set(cv::CAP_PROP_AUTO_EXPOSURE, 1);  // V4L2_EXPOSURE_MANUAL
      // exposure_time_absolute is in units of 100 µs.
      if (!capture_.set(cv::CAP_PROP_EXPOSURE, config_.exposureMs * 10.0))
        logLine(LogLevel::kWarning, "%s: the driver refused exposure %.2f ms", describe().c_str(),
                config_.exposureMs);
    }
  }
  const double fps = capture_.get(cv::CAP_PROP_FPS);
  fps_ = fps > 0 && fps < 1000 ? fps : config_.fps;
  const auto fourcc = static_cast<int>(capture_.get(cv::CAP_PROP_FOURCC));
  const char f[5] = {char(fourcc & 255), char((fourcc >> 8) & 255), char((fourcc >> 16) & 255),
                     char((fourcc >> 24) & 255), 0};
  logLine(LogLevel::kInfo, "%s: %dx%d at %.1f fps, format %s", describe().c_str(),
          static_cast<int>(capture_.get(cv::CAP_PROP_FRAME_WIDTH)),
          static_cast<int>(capture_.get(cv::CAP_PROP_FRAME_HEIGHT)), fps_, fourcc != 0 ? f : "?");
  index_ = 0;
  failedGrabs_ = 0;
  return true;
}

ReadStatus CameraSource::read(Frame& frame) {
  if (!capture_.isOpened())
    return ReadStatus::kFailed;
  if (!capture_.grab()) {
    // Unplugged: the device node disappears (udev) and grabs fail at once.
    struct stat st {};
    if (!isGstreamer(config_.device) && ::stat(devicePath().c_str(), &st) != 0)
      return ReadStatus::kFailed;
    return ++failedGrabs_ >= 3 ? ReadStatus::kFailed : ReadStatus::kTimeout;
  }
  const std::uint64_t dequeued = monotonicUs();
  failedGrabs_ = 0;
  if (!capture_.retrieve(frame.image) || frame.image.empty())
    return ReadStatus::kCorrupt;
  // The V4L2 buffer time, when it is a CLOCK_MONOTONIC stamp from the last second.
  const double ms = capture_.get(cv::CAP_PROP_POS_MSEC);
  const auto driverUs = static_cast<std::uint64_t>(ms > 0 ? ms * 1000.0 : 0.0);
  if (driverUs > 0 && driverUs <= dequeued && dequeued - driverUs < 1'000'000) {
    frame.captureUs = driverUs;
    frame.stamp = StampOrigin::kDriver;
  } else {
    frame.captureUs = dequeued;
    frame.stamp = StampOrigin::kDequeue;
  }
  frame.index = index_++;
  return ReadStatus::kFrame;
}

void CameraSource::close() {
  capture_.release();
}

}  // namespace drishti::io
