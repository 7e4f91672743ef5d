// DwellSelector: select a key by looking at it for a while.
//
// The gaze must rest on a key for its lock-on time (dwell.lock_on_ms) before
// the progress cue starts, then for its dwell time (the key's own, or
// dwell.ms); progress() runs 0..1 and is drawn as a ring. Leaving the key (its
// rect grown by dwell.margin_px, against jitter) resets the progress at once.
// A short gaze loss (a blink, up to dwell.loss_grace_ms) keeps it; a longer one
// resets it. After a selection the gaze must leave that key's rect before
// anything under it can be selected again, also across screen changes, so a
// held look never types "aaaa".
// With landedOnly, when the gaze source detects fixations (InputEvent::fixation >= 0), a new
// key is taken up only while the eyes rest in a fixation: points on the way
// (a saccade, a filter still catching up with one) neither start a dwell on
// the keys they cross nor keep one going outside the margin. Mouse and
// scripted points (fixation -1) work as before, and so does a gaze in which
// no fixation was found for a second (a tracker too noisy for the detector).
// Midas touch guards (DwellParams::holdPx, readingGuard): the gaze is cut into
// looks, each resting within holdPx of its running mean; a look that moves on
// restarts the dwell, so fixations along a key or a line never add up. A look
// that is the third (or later) short step along a line (forward, or a
// regression, or the return sweep to the next line) is reading and is not
// taken up: a reader who stops to think on a key selects nothing; a look that
// jumps to a key (or a long look before it, unless that look was itself
// blocked as reading: a reader thinking) ends reading at once. Once reading,
// it is kept across what the tracker's noise and the reader's own sweeps do
// to looks: a look a little off the line (up to 2.5 holdPx from the line's
// mean height or the last look, moving more along than across) or a little
// beyond a reading step (up to 2 readingStepPx), looks scattered about the
// line's mean height, and the sweep back up to where the line started (a
// page read again). A sweep back to where the last line read started, onto
// the line below it, up to 3 looks after reading ended (a step down at the
// end of a line onto a key between the rows ends it), reads on. With DwellParams::resize, a point
// outside a board key's core goes to the key with the highest posterior (Target::prior and the
// gaze's precision), so a likely key takes in the near edge of an unlikely
// neighbour. Timing from event stamps only; see access_method.h for
// the contract.
#pragma once

#include "host/core/access_method.h"

namespace drishti::host {

class DwellSelector final : public AccessMethod {
 public:
  explicit DwellSelector(const DwellParams& params) : params_(params) {}

  MethodKind kind() const override { return MethodKind::kDwell; }
  void setTargets(std::span<const Target> targets, std::int64_t tUs) override;
  void retime(std::span<const Target> targets, std::int64_t tUs) override;
  int input(const InputEvent& event) override;
  int advance(std::int64_t tUs) override;
  void reset(std::int64_t tUs) override;
  void view(MethodView& out) const override;
  void holdOff(Rect r) override {
    mustLeave_ = true;
    leaveRect_ = r;
  }

  // Progress on the focused target, 0..1 (0 when none).
  float progress() const { return progress_; }
  int focus() const { return focus_; }

 private:
  void gazeAt(float x, float y, std::int32_t fixation, std::int64_t tUs);
  int update(std::int64_t tUs);
  int hitTest(float x, float y) const;
  // Key-target resizing (DwellParams::resize): the key the point at (x, y)
  // belongs to, given `hit`, the key whose rect holds it (-1: none).
  int resized(int hit, float x, float y) const;
  std::uint32_t dwellMsOf(int target) const;
  // Cuts the gaze into looks; true when (x, y) starts a new one.
  bool trackLook(float x, float y, std::int64_t tUs);
  void classifyLook();
  // The look is read along the line (newLine: it starts a new one).
  void followLine(bool newLine);
  // The dwell clock is held at zero: the gaze has not yet left the key just
  // selected (with its margin), or the eyes are reading.
  bool held() const { return (mustLeave_ && leaveRect_.contains(x_, y_)) || lookReading_; }

  DwellParams params_;
  std::span<const Target> targets_;
  int focus_ = -1;
  std::int64_t focusSinceUs_ = 0;
  std::int64_t lostSinceUs_ = -1;  // -1: gaze present (or never seen)
  bool haveGaze_ = false;
  float x_ = 0, y_ = 0;
  std::int32_t fixation_ = -1;        // of the last gaze event (InputEvent::fixation)
  std::int64_t lastFixationUs_ = -1;  // last gaze event inside a fixation
  std::int32_t dwellFixation_ = -1;   // the fixation the dwell clock last (re)started in
  float dwellX_ = 0, dwellY_ = 0;     // where that fixation was first seen
  float progress_ = 0;
  bool mustLeave_ = false;  // a selection happened at leaveRect_; wait for the gaze to leave
  Rect leaveRect_;
  std::int64_t nowUs_ = 0;
  // Looks (the Midas touch guards).
  struct Look {
    float x = 0, y = 0;  // running mean, px
    int n = 0;           // points in it (0: none yet)
    std::int64_t startUs = 0;
    std::int64_t endUs = 0;  // when the next look started (the reference only)
    bool reading = false;    // it was a reading step (the reference only)
  };
  Look look_;
  Look ref_;  // the last look that settled (lasted kSettleUs)
  bool haveRef_ = false;
  bool lookSettled_ = false;
  bool lookReading_ = false;  // the current look is a reading step: not taken up
  int readingSteps_ = 0;      // reading steps in a row
  float lineY_ = 0;           // height of the line being read, px
  int lineLooks_ = 0;         // looks lineY_ averages (0: no line yet)
  float lineStartX_ = 0;      // leftmost look on that line, px
  // The last line read as reading: where it started and its height, px, and
  // the looks since (a return sweep to the next line reads on).
  float readStartX_ = 0;
  float readLineY_ = 0;
  int looksSinceReading_ = 1 << 20;
};

}  // namespace drishti::host
