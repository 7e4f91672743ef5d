// CaptureLoop: the capture thread: source -> FrameRing, with fault recovery.
//
// Represents: the body of the capture thread. It opens the source (retrying
// with backoff 0.1 s doubling to 2 s while it cannot), reads frames into a
// staging frame, checks them (empty, wrong type or a size other than the
// source's first frame: counted as corrupt and skipped), converts to the
// processor's format into a ring slot and commits it. A source that fails is
// closed and reopened; one that stays silent for 2 s is reopened too; after a
// reopen the processor is told to start afresh. A finite source that ends sets
// captureEnded. Nothing here blocks on the other threads.
// Ensures: after warm-up no allocation per frame in this code (the staging and
// slot buffers are reused; conversion writes into them).
// Thread safety: run() on one thread; the source is used only by it.
#pragma once

#include <cstdint>
#include <memory>

#include "firmware/io/frame_source.h"
#include "firmware/io/pipeline_shared.h"

namespace drishti::io {

class CaptureLoop {
 public:
  static constexpr std::uint64_t kFirstBackoffUs = 100'000;
  static constexpr std::uint64_t kMaxBackoffUs = 2'000'000;
  static constexpr std::uint64_t kReopenSilentUs = 2'000'000;

  CaptureLoop(PipelineShared& shared, FrameSource& source) : shared_(shared), source_(source) {}

  void run();

 private:
  // Opens the source, retrying until it opens or stop; false on stop.
  bool openWithBackoff();
  // Reads until the source fails, ends or stop. Returns true to reopen.
  bool readFrames();
  // Checks and converts staging_ into a ring slot; false if corrupt.
  bool deliver();
  // Sleeps `us` unless stopped first; false if stopped.
  bool pause(std::uint64_t us);

  PipelineShared& shared_;
  FrameSource& source_;
  Frame staging_;
  cv::Size expected_{};   // size of the first frame since the source was opened
  int openFailures_ = 0;  // in a row
  bool everOpened_ = false;
};

}  // namespace drishti::io
