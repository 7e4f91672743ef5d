#include "firmware/io/capture_loop.h"

#include <opencv2/imgproc.hpp>

#include "firmware/io/log.h"
#include "firmware/io/monotonic_clock.h"

namespace drishti::io {

bool CaptureLoop::pause(std::uint64_t us) {
  return !shared_.stop.wait(static_cast<int>(us / 1000u));
}

bool CaptureLoop::openWithBackoff() {
  std::uint64_t backoff = kFirstBackoffUs;
  while (!shared_.stop.isRung()) {
    shared_.health.cameraOpening();
    std::string error;
    if (source_.open(error)) {
      if (openFailures_ > 0 || everOpened_)
        logLine(LogLevel::kInfo, "%s: open again", source_.describe().c_str());
      else
        logLine(LogLevel::kInfo, "%s: open", source_.describe().c_str());
      if (everOpened_)
        shared_.resetProcessor.store(true, std::memory_order_relaxed);
      everOpened_ = true;
      openFailures_ = 0;
      expected_ = {};
      const double fps = source_.nominalFps();
      shared_.framePeriodUs.store(static_cast<std::uint32_t>(fps > 0 ? 1e6 / fps : 33'333),
                                  std::memory_order_relaxed);
      return true;
    }
    shared_.health.cameraOpenFailed();
    if (openFailures_++ == 0)
      logLine(LogLevel::kWarning, "%s; retrying until it is back", error.c_str());
    if (!pause(backoff))
      return false;
    backoff = std::min(backoff * 2, kMaxBackoffUs);
  }
  return false;
}

bool CaptureLoop::deliver() {
  const cv::Mat& in = staging_.image;
  if (in.empty() || in.depth() != CV_8U || (in.channels() != 1 && in.channels() != 3))
    return false;
  if (expected_.area() == 0) {
    expected_ = in.size();
    const cv::Size asked = shared_.settings.frameSize;
    static OnceFlag sizeNote;
    if (expected_ != asked && sizeNote.first())
      logLine(LogLevel::kInfo, "%s gives %dx%d frames (the board file asks for %dx%d)",
              source_.describe().c_str(), expected_.width, expected_.height, asked.width,
              asked.height);
  } else if (in.size() != expected_) {
    return false;  // a short or odd-sized frame in the middle of a stream
  }
  Frame& slot = shared_.ring.beginWrite();
  const bool grey = shared_.settings.grey;
  if (grey && in.channels() == 3)
    cv::cvtColor(in, slot.image, cv::COLOR_BGR2GRAY);
  else if (!grey && in.channels() == 1)
    cv::cvtColor(in, slot.image, cv::COLOR_GRAY2BGR);
  else
    // Hand the decoded buffer over instead of copying it (5 MB at 1080p):
    // the slot's buffer becomes the next staging buffer. Sources write into
    // the frame they are lent and keep no reference (frame.h), and the slot
    // is the producer's until commitWrite(), so nothing else sees either.
    cv::swap(staging_.image, slot.image);
  slot.captureUs = staging_.captureUs;
  slot.index = staging_.index;
  slot.stamp = staging_.stamp;
  return true;
}

bool CaptureLoop::readFrames() {
  std::uint64_t silentSinceUs = 0;
  while (!shared_.stop.isRung()) {
    const ReadStatus status = source_.read(staging_);
    switch (status) {
      case ReadStatus::kFrame:
        silentSinceUs = 0;
        if (staging_.missedBefore > 0) {
          shared_.health.framesMissed(staging_.missedBefore);
          staging_.missedBefore = 0;
        }
        if (!deliver()) {
          shared_.health.frameCorrupt();
          break;
        }
        shared_.health.frameCaptured(staging_.captureUs);
        // A deterministic replay drops nothing: wait for tracking to take one.
        while (shared_.settings.lossless && shared_.ring.full() && !shared_.stop.wait(1)) {
        }
        if (shared_.ring.commitWrite())
          shared_.health.frameDropped();
        break;
      case ReadStatus::kCorrupt:
        silentSinceUs = 0;
        shared_.health.frameCorrupt();
        break;
      case ReadStatus::kTimeout: {
        const std::uint64_t now = monotonicUs();
        if (silentSinceUs == 0)
          silentSinceUs = now;
        shared_.health.cameraFailed();
        if (now - silentSinceUs >= kReopenSilentUs) {
          logLine(LogLevel::kWarning, "%s: no frames for %llu s; reopening it",
                  source_.describe().c_str(),
                  static_cast<unsigned long long>((now - silentSinceUs) / 1'000'000u));
          return true;
        }
        break;
      }
      case ReadStatus::kEnd:
        logLine(LogLevel::kInfo, "%s: end of input", source_.describe().c_str());
        shared_.captureEnded.store(true, std::memory_order_release);
        shared_.trackingBell.ring();
        return false;
      case ReadStatus::kFailed:
        shared_.health.cameraFailed();
        logLine(LogLevel::kWarning, "%s: lost; reopening it", source_.describe().c_str());
        return true;
    }
  }
  return false;
}

void CaptureLoop::run() {
  applyThreadSpec(shared_.settings.threads.capture, "capture");
  while (openWithBackoff()) {
    const bool reopen = readFrames();
    source_.close();
    if (!reopen || !pause(kFirstBackoffUs))
      break;
  }
  source_.close();
}

}  // namespace drishti::io
