#include "host/app/sdl_input.h"

#include <SDL2/SDL.h>

#include <algorithm>

#include "host/app/host_clock.h"

namespace drishti::app {

SdlInput::SdlInput() {
  offsetUs_ = hostNowUs() - static_cast<std::int64_t>(SDL_GetTicks64()) * 1000;
}

std::int64_t SdlInput::toHostUs(std::uint32_t sdlMs, std::int64_t nowUs) const {
  return std::min(static_cast<std::int64_t>(sdlMs) * 1000 + offsetUs_, nowUs);
}

AppCommand SdlInput::translate(const SDL_Event& e, const ViewTransform& view, bool mouseIsGaze,
                               std::int64_t nowUs, std::vector<host::InputEvent>& out) const {
  host::InputEvent ev;
  ev.tUs = toHostUs(e.common.timestamp, nowUs);
  switch (e.type) {
    case SDL_QUIT:
      return AppCommand::kQuit;
    case SDL_MOUSEMOTION:
      if (mouseIsGaze && view.scale > 0) {
        ev.kind = host::InputKind::kGaze;
        ev.x = (static_cast<float>(e.motion.x) - view.offsetX) / view.scale;
        ev.y = (static_cast<float>(e.motion.y) - view.offsetY) / view.scale;
        ev.confidence = 1;
        out.push_back(ev);
      }
      return AppCommand::kNone;
    case SDL_WINDOWEVENT:
      if (mouseIsGaze && e.window.event == SDL_WINDOWEVENT_LEAVE) {
        ev.kind = host::InputKind::kGazeLost;
        out.push_back(ev);
      }
      return AppCommand::kNone;
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
      const bool down = e.type == SDL_KEYDOWN;
      const SDL_Scancode key = e.key.keysym.scancode;
      if (key == SDL_SCANCODE_SPACE || key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER ||
          key == SDL_SCANCODE_TAB) {
        if (e.key.repeat != 0)
          return AppCommand::kNone;  // a held key is one press
        ev.kind = down ? host::InputKind::kSwitchDown : host::InputKind::kSwitchUp;
        ev.switchId = key == SDL_SCANCODE_TAB ? 1 : 0;
        out.push_back(ev);
        return AppCommand::kNone;
      }
      if (!down || e.key.repeat != 0)
        return AppCommand::kNone;
      if (key == SDL_SCANCODE_ESCAPE)
        return AppCommand::kCancelHelp;
      if (key == SDL_SCANCODE_F5)
        return AppCommand::kReload;
      if (key == SDL_SCANCODE_F9)
        return AppCommand::kCalibrate;
      if (key == SDL_SCANCODE_F11)
        return AppCommand::kToggleFullscreen;
      if (key == SDL_SCANCODE_Q && (e.key.keysym.mod & KMOD_CTRL) != 0)
        return AppCommand::kQuit;
      return AppCommand::kNone;
    }
    default:
      return AppCommand::kNone;
  }
}

}  // namespace drishti::app
