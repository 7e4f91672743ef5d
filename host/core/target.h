// Target: one selectable thing on the current screen, as access methods see it.
//
// Represents: the geometry and method attributes of a key, with no idea of
// what it does (the session keeps that). Every access method selects targets
// by index; layouts list them in scan order (board rows, then the text bar
// keys, then the navigation bar), so scanning and halving follow that order.
// Plain value types.
#pragma once

#include <cstdint>
#include <span>

#include "host/core/draw_list.h"

namespace drishti::host {

// A look direction for gestures.
enum class Direction : std::uint8_t { kNone, kLeft, kRight, kUp, kDown };

// One selectable target: where it is and how methods may pick it.
struct Target {
  Rect rect;                          // logical px, where gaze selects it
  std::uint16_t section = 0;          // scan section: consecutive targets with one value
  std::uint16_t row = 0;              // scan row within the section
  std::uint8_t code = 0;              // blink code: that many blinks select it; 0 = none
  Direction look = Direction::kNone;  // a held look this way selects it; kNone = none
  std::uint32_t dwellMs = 0;          // dwell time for this target; 0 = the profile's
  bool scanSkip = false;              // scanning passes over it (an empty prediction slot)
  // Huffman scanning (scan_code.h): how likely this target is the next one
  // wanted, any scale; 0 = no guess (a floor, or all alike when none has one).
  float scanWeight = 0;
  // Dwell key-target resizing (DwellParams::resize): the chance, 0..1, that
  // this is the key wanted next; 0 = not resized (plain rect).
  float prior = 0;
};

// What an access method is doing now, for drawing and for simulations.
// Indices are into the current target list; -1 = none.
struct MethodView {
  int focus = -1;      // target under the gaze (dwell, blink) or highlighted (scanning)
  float progress = 0;  // 0..1: dwell progress on `focus`
  // Focus was just selected, or is being read: look away and back to choose it.
  bool blocked = false;
  int groupBegin = -1;  // scanning: highlighted group of targets [groupBegin, groupEnd)
  int groupEnd = -1;
  int scopeBegin = -1;      // scanning: the group being scanned through [scopeBegin, scopeEnd),
  int scopeEnd = -1;        // -1 at the top level
  int candidateBegin = -1;  // gestures: targets still in play [candidateBegin, candidateEnd),
  int candidateEnd = -1;    // the first half [begin, split) is "left", the rest "right"
  int candidateSplit = -1;
  bool directLooks = false;  // gestures: targets with a `look` direction are offered directly
  Direction holding = Direction::kNone;  // gestures: direction being held
  float holdProgress = 0;                // 0..1 toward a gesture
  bool waitingForCentre = false;         // gestures: look back to the centre before the next one
  std::uint8_t blinkCount = 0;           // blink codes: blinks counted so far
  bool scanning = false;                 // blink codes: stepping through targets as in scanning
  // Huffman scanning: the keys lit now (a blink says "mine is lit") and the
  // keys still in play; both point into the method, valid until its next
  // call. Empty in other modes (they use groupBegin/groupEnd).
  std::span<const int> lit;
  std::span<const int> candidates;
  // Scanning with scan.adapt: the step now (ms), shown on the status line; 0 otherwise.
  std::uint32_t stepMs = 0;
};

}  // namespace drishti::host
