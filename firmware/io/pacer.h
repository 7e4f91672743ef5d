// Pacer: releases frames of a file or generated source at the camera's rate.
//
// Represents: the schedule "frame n is due at start + n / fps". waitForNext()
// sleeps until the next frame is due and returns that due time, which becomes
// the frame's capture stamp (as a camera stamps a frame when it is exposed, not
// when someone gets round to reading it). Like a camera's small driver queue,
// it does not let a backlog build up: when the reader is more than `maxLag`
// frames late (a camera with that many driver buffers would have dropped the
// rest), the schedule restarts from now and the missed frames are reported.
// Unpaced ("as fast as possible") it returns the current time at once.
// On the frame clock (useFrameClock) it returns at once too, but with the
// schedule's time of the frame, origin + n / fps, never the wall clock, and
// never skips: a replay stamped this way is the same run to run.
// Thread safety: none (one reader).
#pragma once

#include <cstdint>

namespace drishti::io {

// The frame clock's stamp of a source's first frame (µs): fixed, so that two
// runs stamp alike; one second, so that no stamp is 0.
inline constexpr std::uint64_t kFrameClockOriginUs = 1'000'000;

class Pacer {
 public:
  // `maxLag` >= 1 frames.
  Pacer(double fps, bool paced, std::uint32_t maxLag = 2);

  // Restarts the schedule: the next frame is due now.
  void restart();

  // Sleeps until the next frame is due; returns its due time (monotonic µs).
  // `skipped` (optional) receives how many due frames were missed for lag.
  std::uint64_t waitForNext(std::uint64_t* skipped = nullptr);

  // Sleeps until `leadUs` before the next frame is due (at once if that has
  // passed, or unpaced): for work that must be done by then, such as decoding
  // the frame, without doing it earlier than needed.
  void waitUntilBeforeNext(std::uint64_t leadUs) const;

  // From now on: no waiting, and frame n (counted from 0 here) is stamped
  // `originUs` + n / fps.
  void useFrameClock(std::uint64_t originUs);

  double fps() const { return fps_; }
  bool paced() const { return paced_; }
  bool frameClock() const { return frameClock_; }

 private:
  double fps_;
  bool paced_;
  bool frameClock_ = false;
  std::uint32_t maxLag_;
  std::uint64_t startUs_ = 0;
  std::uint64_t next_ = 0;  // frame number of the next frame since startUs_
};

}  // namespace drishti::io
