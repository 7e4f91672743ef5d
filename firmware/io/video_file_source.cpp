#include "firmware/io/video_file_source.h"

#include <sys/stat.h>

#include <algorithm>

#include "firmware/io/monotonic_clock.h"

namespace drishti::io {

VideoFileSource::VideoFileSource(std::string path, bool paced, bool loop, double fps)
    : path_(std::move(path)),
      paced_(paced),
      loop_(loop),
      requestedFps_(fps),
      pacer_(fps > 0 ? fps : 30, paced) {}

bool VideoFileSource::open(std::string& error) {
  close();
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) {
    error = describe() + ": no such file";
    return false;
  }
  if (!capture_.open(path_, cv::CAP_FFMPEG)) {
    error = describe() + ": cannot be decoded (not a video FFmpeg can read?)";
    return false;
  }
  double fps = requestedFps_;
  if (!(fps > 0)) {
    fps = capture_.get(cv::CAP_PROP_FPS);
    if (!(fps > 0 && fps < 1000))
      fps = 30;
  }
  pacer_ = Pacer(fps, paced_);
  if (frameClock_)
    pacer_.useFrameClock(kFrameClockOriginUs);
  const double count = capture_.get(cv::CAP_PROP_FRAME_COUNT);
  frameCount_ = count > 0 ? static_cast<std::uint64_t>(count) : 0;
  positionInFile_ = 0;
  index_ = 0;
  return true;
}

ReadStatus VideoFileSource::read(Frame& frame) {
  if (!capture_.isOpened())
    return ReadStatus::kFailed;
  const double periodUs = 1e6 / pacer_.fps();
  pacer_.waitUntilBeforeNext(
      static_cast<std::uint64_t>(std::min(periodUs, 2.0 * decodeUs_ + 2000.0)));
  const std::uint64_t decodeStartUs = monotonicUs();
  const bool decoded = capture_.read(frame.image) && !frame.image.empty();
  decodeUs_ = std::max(static_cast<double>(monotonicUs() - decodeStartUs), 0.95 * decodeUs_);
  if (!decoded) {
    const bool atEnd = frameCount_ == 0 || positionInFile_ + 2 >= frameCount_;
    if (!atEnd) {
      ++positionInFile_;
      return ReadStatus::kCorrupt;
    }
    if (!loop_)
      return ReadStatus::kEnd;
    // Rewind by reopening: seeking is not exact in every container.
    capture_.release();
    if (!capture_.open(path_, cv::CAP_FFMPEG))
      return ReadStatus::kFailed;
    ++loops_;
    positionInFile_ = 0;
    if (!capture_.read(frame.image) || frame.image.empty())
      return ReadStatus::kFailed;
  }
  ++positionInFile_;
  // A late reader: the replay slows down instead of skipping content, and the
  // frame slots it missed are reported as a camera would have dropped them.
  std::uint64_t missed = 0;
  frame.captureUs = pacer_.waitForNext(&missed);
  frame.missedBefore = static_cast<std::uint32_t>(missed);
  frame.stamp = paced_ || frameClock_ ? StampOrigin::kPaced : StampOrigin::kDequeue;
  frame.index = index_++;
  return ReadStatus::kFrame;
}

void VideoFileSource::close() {
  capture_.release();
}

}  // namespace drishti::io
