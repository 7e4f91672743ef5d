// InputEvent: one timestamped input to the host, from any source.
//
// Represents: everything the selection engine reacts to, already in screen
// terms: a gaze point (from the tracker through the gaze mapper, or the mouse
// standing in for gaze), a blink, a switch (key) press or release, and changes
// in tracking state. Every source (wire, SDL mouse/keys, --script files) is
// turned into this one stream, ordered by tUs.
//
// Times are µs on the host's monotonic clock (wire samples are re-stamped on
// arrival, keeping their capture-to-arrival offset). Plain value type.
#pragma once

#include <cstdint>

namespace drishti::host {

enum class InputKind : std::uint8_t {
  kGaze,          // x, y: gaze point in logical screen px; confidence
  kGazeLost,      // no usable gaze (eyes closed, looking away, tracker lost the face)
  kBlink,         // a completed blink from the tracker: durationMs, eyes
  kSwitchDown,    // switch (key) pressed: switchId
  kSwitchUp,      // switch released: switchId
  kTrackingLost,  // the tracker cannot see the eyes (face lost or camera lost)
  kTrackingBack,  // the eyes are seen again
  kEyes,          // a tracker sample's lids: eyesOpen (for the safety gestures only)
};

enum class BlinkEyes : std::uint8_t { kBoth, kLeft, kRight };  // image-left / image-right eye

// Why tracking was lost (kTrackingLost), so the screen can add a hint for the caregiver.
enum class TrackingLoss : std::uint8_t {
  kEyes,     // the tracker runs but does not see the face or the eyes
  kCamera,   // the tracker reports its camera lost or absent
  kTracker,  // nothing heard from drishti-tracker for a while
};

struct InputEvent {
  std::int64_t tUs = 0;  // host monotonic µs
  InputKind kind = InputKind::kGaze;
  float x = 0;  // kGaze: logical px
  float y = 0;
  float confidence = 1;  // kGaze, kBlink: 0..1
  // kGaze: the fixation the point belongs to, from the gaze refiner: > 0 its
  // id (the point is then the fixation's centroid), 0 = the eyes are moving
  // between fixations, -1 = the source does not detect fixations (the mouse,
  // scripts, raw points). Dwell takes up a new key only once the eyes landed.
  std::int32_t fixation = -1;
  std::uint32_t durationMs = 0;       // kBlink
  BlinkEyes eyes = BlinkEyes::kBoth;  // kBlink
  std::uint8_t switchId = 0;          // kSwitchDown/Up: 0 = primary switch, 1 = secondary, ...
  TrackingLoss loss = TrackingLoss::kEyes;  // kTrackingLost
  bool eyesOpen = false;                    // kEyes: every eye the tracker sees is open
};

}  // namespace drishti::host
