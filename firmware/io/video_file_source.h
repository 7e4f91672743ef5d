// VideoFileSource: a recorded video replayed as if it were the camera.
//
// Represents: a file opened with OpenCV's FFmpeg backend, its frames released
// at the file's frame rate (paced, like a camera: a frame is stamped when it
// is due, after it has been decoded) or as fast as the reader takes them
// (unpaced, stamped when decoded). Paced, each frame is decoded just ahead
// of its due time (twice the recent decode time plus 2 ms, at most one
// period), not as soon as the previous one is handed over: a camera's frames
// arrive without using our CPU, and decoding early would compete with the
// tracking of the frame just delivered (FFmpeg decodes on several threads,
// which inherit the capture thread's priority). Read late by more than two frame periods
// (a starved capture thread), it slows the replay down and reports the frame
// slots it missed, as a camera with two driver buffers would have dropped
// them. At the end it reports kEnd, or starts
// again when looping. A frame the decoder cannot produce in the middle of the
// file is kCorrupt.
// Thread safety: none (the capture thread).
#pragma once

#include <opencv2/videoio.hpp>
#include <string>

#include "firmware/io/frame_source.h"
#include "firmware/io/pacer.h"

namespace drishti::io {

class VideoFileSource : public FrameSource {
 public:
  // `fps` <= 0: the file's own rate.
  VideoFileSource(std::string path, bool paced, bool loop, double fps = 0);

  bool open(std::string& error) override;
  ReadStatus read(Frame& frame) override;
  void close() override;
  std::string describe() const override { return "video " + path_; }
  double nominalFps() const override { return pacer_.fps(); }

  // Deterministic replay (before open()): every frame at once, stamped
  // kFrameClockOriginUs + index / fps, none skipped (Pacer::useFrameClock).
  void useFrameClock() { frameClock_ = true; }

  std::uint64_t loops() const { return loops_; }

 private:
  std::string path_;
  bool paced_;
  bool loop_;
  double requestedFps_;
  cv::VideoCapture capture_;
  Pacer pacer_;
  bool frameClock_ = false;
  std::uint64_t index_ = 0;
  std::uint64_t frameCount_ = 0;  // from the container, 0 if unknown
  std::uint64_t positionInFile_ = 0;
  std::uint64_t loops_ = 0;
  double decodeUs_ = 0;  // recent decode time: peak, decaying by 5 % a frame
};

}  // namespace drishti::io
