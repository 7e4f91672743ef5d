// SdlInput: SDL mouse and key events as InputEvents, and the app's own keys.
//
// Represents: the local input devices. The mouse stands in for gaze (when the
// app says so): its position, mapped from window px to the draw list's
// logical px, is a gaze sample with confidence 1; leaving the window is "gaze
// lost". Keys are switches: Space and Enter are switch 0, Tab switch 1
// (press and release; auto-repeat ignored). Caregiver keys come back as
// commands: Escape (help answered), F5 (reload), F11 (full screen), Ctrl+Q
// and closing the window (quit).
//
// Times: SDL stamps events in ms since it started; they are moved onto the
// host monotonic clock with the offset measured at construction, and never
// later than now. Not thread-safe: the UI thread only.
#pragma once

#include <SDL2/SDL_events.h>

#include <cstdint>
#include <vector>

#include "host/core/input_event.h"

namespace drishti::app {

enum class AppCommand : std::uint8_t {
  kNone,
  kQuit,
  kCancelHelp,
  kReload,
  kToggleFullscreen,
  kCalibrate,
};

struct ViewTransform {  // logical px = (window px - offset) / scale
  float scale = 1;
  float offsetX = 0;
  float offsetY = 0;
};

class SdlInput {
 public:
  SdlInput();  // measures the SDL-to-host clock offset: call after SDL_Init

  // Appends the InputEvents of `e` to `out`; returns what the app should do.
  AppCommand translate(const SDL_Event& e, const ViewTransform& view, bool mouseIsGaze,
                       std::int64_t nowUs, std::vector<host::InputEvent>& out) const;

  std::int64_t toHostUs(std::uint32_t sdlMs, std::int64_t nowUs) const;

 private:
  std::int64_t offsetUs_ = 0;  // host µs - SDL ms * 1000
};

}  // namespace drishti::app
