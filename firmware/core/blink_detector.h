// Blink / long blink / double blink / wink detection on
// a timestamped per-eye openness stream. A pure state machine: timestamps in,
// events out; no clocks, no I/O, no allocation.
#pragma once

#include <array>

#include "firmware/core/running_percentile.h"
#include "firmware/core/tracking_params.h"

namespace drishti::core {

enum class BlinkKind {
  kSpontaneous,  // both eyes, minBlinkMs <= duration < longBlinkMs
  kLong,         // both eyes, longBlinkMs <= duration <= maxBlinkMs
  kDouble,       // two spontaneous blinks separated by <= doubleGapMs
  kWinkLeft,     // only the eye on the image's left closed
  kWinkRight,    // only the eye on the image's right closed
};

const char* toString(BlinkKind kind);  // "spontaneous", "long", "double", ...

// BlinkEvent
// Represents: one detected closure. startMs/endMs are the timestamps of the
//   first and last samples seen closed (for a double blink: start of the first
//   and end of the second blink); durationMs is measured between the
//   interpolated threshold crossings, so it is robust to frame timing.
// Ensures: confidence 0..1 (mean sample confidence x depth of the closure).
struct BlinkEvent {
  BlinkKind kind = BlinkKind::kSpontaneous;
  double startMs = 0;
  double endMs = 0;
  float durationMs = 0.f;
  float minOpenness = 0.f;  // lowest relative openness during the closure
  float confidence = 0.f;
};

// OpennessSample
// Represents: one frame's input. Openness 0..1 per eye (image left / right),
//   each with a confidence 0..1, and optionally a conservative lower bound of
//   each eye's openness (*_low, e.g. the lowest of several cues; negative =
//   not given, the openness itself is used) which must stay high on the open
//   eye for a wink; faceFound = false means no face this frame.
struct OpennessSample {
  double tMs = 0;
  bool faceFound = false;
  float left = 0.f, leftConfidence = 0.f;
  float right = 0.f, rightConfidence = 0.f;
  float leftLow = -1.f, rightLow = -1.f;
};

// BlinkUpdate
// Represents: what one call to BlinkDetector::update produced: the events that
//   completed at this sample (at most kMaxEvents) and the current state.
struct BlinkUpdate {
  static constexpr int kMaxEvents = 3;
  std::array<BlinkEvent, kMaxEvents> events{};
  int count = 0;
  bool valid = false;      // the sample was usable (face, confidence, no gap)
  bool closed = false;     // both-eye signal currently closed (in a closure)
  float openness = 0.f;    // both-eye openness relative to its baseline
  float confidence = 0.f;  // 0..1, mean confidence of the eyes used (0 if !valid)
};

// BlinkDetector
// Represents: per-person blink state: running open baselines, hysteresis on
//   the two-eye and per-eye relative openness, the closure in progress.
// Requires: samples in non-decreasing time order (a sample older than the
//   previous one is treated like a face loss).
// Ensures: events are reported once, when the closure ends (eyes open again
//   above openAbove); nothing is reported while the face is lost, and a
//   closure in progress when the face is lost (or the stream has a gap longer
//   than maxSampleGapMs) is abandoned; after a loss the eyes must be seen
//   open before a new closure can start. Units: ms, openness fractions.
class BlinkDetector {
 public:
  explicit BlinkDetector(const TrackingParams::Blink& params);
  const BlinkUpdate& update(const OpennessSample& sample);
  void reset();  // forget everything including the baselines (new person)
  // New thresholds and durations; the baselines and any closure in progress
  // are kept (the baselines' time constant stays that of construction).
  void setParams(const TrackingParams::Blink& params) { p_ = params; }

 private:
  struct Hysteresis {
    bool closed = false;
    double firstClosedT = 0, lastClosedT = 0;  // sample times
    double downCrossT = 0, upCrossT = 0;       // interpolated
    bool seenClosed = false;
    float closedMs = 0.f;
  };
  void abandon();
  void step(Hysteresis& h, float rel, float prevRel, double t, bool havePrev);
  void finishEpisode(double t);
  void emit(BlinkKind kind, double start, double end, float dur, float minRel, float conf);

  TrackingParams::Blink p_;
  RunningPercentile bothHist_, leftHist_, rightHist_;
  BlinkUpdate out_;

  bool havePrev_ = false;
  double prevT_ = 0;
  float prevBoth_ = 1.f, prevLeft_ = 1.f, prevRight_ = 1.f;
  bool armed_ = false;  // eyes seen open since the last loss

  Hysteresis both_, left_, right_;
  bool inEpisode_ = false;
  double episodeStart_ = 0;
  bool tooLong_ = false;
  float leftOnlyMs_ = 0.f, rightOnlyMs_ = 0.f;
  float minBoth_ = 1.f;
  double confSum_ = 0;
  int confN_ = 0;

  bool haveLastBlink_ = false;
  double lastBlinkStart_ = 0, lastBlinkEnd_ = 0;
};

}  // namespace drishti::core
