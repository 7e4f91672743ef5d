// AccessMethod: one way of selecting targets, as a pure state machine.
//
// Represents: dwell, blink-select, switch scanning, directional gestures or
// blink codes, each turning timestamped input into "target i was selected".
// Time comes only from the events and from advance(tUs) (time passing with
// no input: scanning steps on, a held mouse dwells); no method reads a clock,
// so every one runs the same on live input, scripts and simulations.
//
// Requires: events and advance() times in non-decreasing order (older ones
// are treated as happening now); the span given to setTargets() stays valid
// until the next setTargets() (the session owns the targets).
// Ensures: input() and advance() return the index of a selected target or -1,
// never allocate (scanning builds its tree in setTargets()), never throw.
// Not thread-safe: one thread drives a method.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "host/core/access_params.h"
#include "host/core/input_event.h"
#include "host/core/target.h"

namespace drishti::host {

class AccessMethod {
 public:
  virtual ~AccessMethod() = default;
  virtual MethodKind kind() const = 0;

  // The targets of a new screen, at time tUs. Progress toward a selection is
  // forgotten, but a target just selected stays blocked until the gaze leaves it.
  virtual void setTargets(std::span<const Target> targets, std::int64_t tUs) = 0;

  // The same targets with new dwell times (Target::dwellMs), at once: a
  // dwell under way keeps its progress, now measured against the new time.
  // Methods without dwell times take them as new targets.
  virtual void retime(std::span<const Target> targets, std::int64_t tUs) {
    setTargets(targets, tUs);
  }

  // One input event; returns the selected target index or -1.
  virtual int input(const InputEvent& event) = 0;

  // Time passes to tUs with no input; returns the selected target index or -1.
  virtual int advance(std::int64_t tUs) = 0;

  // Forgets all progress (entering rest, an overlay covering the screen).
  virtual void reset(std::int64_t tUs) = 0;

  // Something was just chosen at `r` outside the method (the gaze woke the
  // device there): nothing under the gaze may be selected until it leaves `r`.
  virtual void holdOff(Rect r) { (void)r; }

  // The session's word on the selection the method just returned: corrects
  // is true when the key takes back what came before (Delete), so the
  // selection before it was wrong (scanning's adaptive step, scan_pace.h).
  virtual void selected(bool corrects) { (void)corrects; }

  virtual void view(MethodView& out) const = 0;
};

// The method `params.method`, on a screen of the given logical size (px).
std::unique_ptr<AccessMethod> makeAccessMethod(const AccessParams& params, float screenWidth,
                                               float screenHeight);
std::unique_ptr<AccessMethod> makeAccessMethod(MethodKind kind, const AccessParams& params,
                                               float screenWidth, float screenHeight);

// What a blink means to the blink-driven methods.
enum class BlinkMeaning : std::uint8_t {
  kIgnored,  // too short, too long, or the wrong eye
  kSelect,   // blink.min_ms <= duration < blink.max_ms
  kLong,     // blink.max_ms <= duration < scan.back_max_ms: step back
};

BlinkMeaning classifyBlink(const InputEvent& blink, const AccessParams& params);

}  // namespace drishti::host
