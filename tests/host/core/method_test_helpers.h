// Small builders for access method tests: targets in a grid and events.
#pragma once

#include <vector>

#include "host/core/input_event.h"
#include "host/core/target.h"

namespace drishti::host::test {

// rows x cols targets of 100 x 100 px at (0,0), one scan row per grid row.
inline std::vector<Target> gridTargets(int rows, int cols) {
  std::vector<Target> t;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      Target x;
      x.rect = {static_cast<float>(c * 100), static_cast<float>(r * 100), 100, 100};
      x.row = static_cast<std::uint16_t>(r);
      t.push_back(x);
    }
  return t;
}

inline InputEvent gaze(std::int64_t tMs, float x, float y) {
  InputEvent e;
  e.tUs = tMs * 1000;
  e.kind = InputKind::kGaze;
  e.x = x;
  e.y = y;
  return e;
}

inline InputEvent blink(std::int64_t endMs, std::uint32_t durationMs,
                        BlinkEyes eyes = BlinkEyes::kBoth) {
  InputEvent e;
  e.tUs = endMs * 1000;
  e.kind = InputKind::kBlink;
  e.durationMs = durationMs;
  e.eyes = eyes;
  return e;
}

// A tracker sample's lids (InputKind::kEyes), as WireInput makes them.
inline InputEvent lids(std::int64_t tMs, bool open) {
  InputEvent e;
  e.tUs = tMs * 1000;
  e.kind = InputKind::kEyes;
  e.eyesOpen = open;
  return e;
}

inline InputEvent simple(std::int64_t tMs, InputKind kind, std::uint8_t id = 0) {
  InputEvent e;
  e.tUs = tMs * 1000;
  e.kind = kind;
  e.switchId = id;
  return e;
}

}  // namespace drishti::host::test
