// renderScreen: draws the current screen into a DrawList.
//
// Requires: a built ScreenLayout, the access method's view of it, and the
// session's words for the screen (all string views must outlive the call).
// Ensures: the DrawList holds the whole screen, back to front: keys with
// their labels, the focus frame, the dwell progress ring, the scan highlight,
// gesture halves, blink-code hints, the message bar and status line, and the
// full-screen rest, help and tracking-loss screens. Once the DrawList has
// grown to the largest screen, rendering allocates nothing (no strings are
// built here; numbers are formatted on the stack). Not thread-safe.
#pragma once

#include <string_view>

#include "host/core/access_params.h"
#include "host/core/draw_list.h"
#include "host/core/input_event.h"
#include "host/core/screen_layout.h"
#include "host/core/target.h"

namespace drishti::host {

// The session's state that the picture needs beyond the layout and the method.
struct RenderInput {
  ScreenKind screen = ScreenKind::kBoard;
  std::string_view screenName;
  std::uint32_t screenSerial = 0;
  float width = 1280;
  float height = 800;
  MethodKind method = MethodKind::kDwell;
  std::string_view text;  // the end of the message that fits the bar
  bool textCut = false;   // the message is longer than `text`
  Script textScript = Script::kLatin;
  std::string_view status;    // one line: the method hint, a problem, or what is wrong
  std::string_view title;     // rest, help and confirm screens
  std::string_view detail;    // rest and help screens: the second line
  float wakeProgress = 0;     // rest: 0..1 toward waking by gaze
  int longBlinks = 0;         // long blinks counted toward a safety gesture
  bool trackingLost = false;  // cover the screen with the calm tracking-loss message
  TrackingLoss loss = TrackingLoss::kEyes;
};

void renderScreen(const ScreenLayout& layout, const MethodView& view, const RenderInput& in,
                  DrawList& out);

}  // namespace drishti::host
