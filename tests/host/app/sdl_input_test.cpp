#include "host/app/sdl_input.h"

#include <SDL2/SDL.h>

#include <catch2/catch.hpp>

#include "host/app/drishti_app.h"
#include "host/app/host_clock.h"

using namespace drishti;
using namespace drishti::app;

namespace {

struct SdlEvents {
  SdlEvents() { REQUIRE(SDL_Init(SDL_INIT_EVENTS) == 0); }
  ~SdlEvents() { SDL_Quit(); }
};

SDL_Event key(Uint32 type, SDL_Scancode code, Uint16 mod = 0, Uint8 repeat = 0) {
  SDL_Event e{};
  e.type = type;
  e.key.keysym.scancode = code;
  e.key.keysym.mod = mod;
  e.key.repeat = repeat;
  e.common.timestamp = SDL_GetTicks();
  return e;
}

}  // namespace

TEST_CASE("the mouse is gaze in the draw list's logical pixels") {
  SdlEvents sdl;
  SdlInput input;
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.x = 250;
  e.motion.y = 130;
  e.common.timestamp = SDL_GetTicks();
  std::vector<host::InputEvent> out;
  const std::int64_t now = hostNowUs();
  // Output twice the logical size, with a 50 px letterbox bar on top.
  CHECK(input.translate(e, {2.0F, 0, 50}, true, now, out) == AppCommand::kNone);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == host::InputKind::kGaze);
  CHECK(out[0].x == 125.0F);
  CHECK(out[0].y == 40.0F);
  CHECK(out[0].confidence == 1.0F);
  // Stamped on the host clock, within the ms SDL resolves, never in the future.
  CHECK(out[0].tUs <= now);
  CHECK(out[0].tUs > now - 5000);
  // When the mouse is not the gaze, it gives nothing.
  out.clear();
  input.translate(e, {2.0F, 0, 50}, false, now, out);
  CHECK(out.empty());
}

TEST_CASE("the mouse leaving the window is gaze lost") {
  SdlEvents sdl;
  SdlInput input;
  SDL_Event e{};
  e.type = SDL_WINDOWEVENT;
  e.window.event = SDL_WINDOWEVENT_LEAVE;
  std::vector<host::InputEvent> out;
  input.translate(e, {}, true, hostNowUs(), out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == host::InputKind::kGazeLost);
}

TEST_CASE("Space and Enter are switch 0, Tab switch 1, a held key is one press") {
  SdlEvents sdl;
  SdlInput input;
  std::vector<host::InputEvent> out;
  const std::int64_t now = hostNowUs();
  input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_SPACE), {}, true, now, out);
  input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_SPACE, 0, 1), {}, true, now, out);  // auto-repeat
  input.translate(key(SDL_KEYUP, SDL_SCANCODE_SPACE), {}, true, now, out);
  input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_RETURN), {}, true, now, out);
  input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_TAB), {}, true, now, out);
  input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_A), {}, true, now, out);  // not a switch
  REQUIRE(out.size() == 4);
  CHECK(out[0].kind == host::InputKind::kSwitchDown);
  CHECK(out[0].switchId == 0);
  CHECK(out[1].kind == host::InputKind::kSwitchUp);
  CHECK(out[2].switchId == 0);
  CHECK(out[3].switchId == 1);
}

TEST_CASE("caregiver keys are commands, not input") {
  SdlEvents sdl;
  SdlInput input;
  std::vector<host::InputEvent> out;
  const std::int64_t now = hostNowUs();
  CHECK(input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_ESCAPE), {}, true, now, out) ==
        AppCommand::kCancelHelp);
  CHECK(input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_F5), {}, true, now, out) ==
        AppCommand::kReload);
  CHECK(input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_F11), {}, true, now, out) ==
        AppCommand::kToggleFullscreen);
  CHECK(input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_F9), {}, true, now, out) ==
        AppCommand::kCalibrate);
  CHECK(input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_Q, KMOD_LCTRL), {}, true, now, out) ==
        AppCommand::kQuit);
  CHECK(input.translate(key(SDL_KEYDOWN, SDL_SCANCODE_Q), {}, true, now, out) == AppCommand::kNone);
  SDL_Event quit{};
  quit.type = SDL_QUIT;
  CHECK(input.translate(quit, {}, true, now, out) == AppCommand::kQuit);
  CHECK(out.empty());
}

TEST_CASE("draw lists that differ in anything visible are not the same") {
  host::DrawList a, b;
  a.reset(100, 100, {1, 2, 3, 255});
  a.fillRect({0, 0, 10, 10}, {9, 9, 9, 255}, 2);
  a.text({0, 0, 50, 20}, "abc", 12, {255, 255, 255, 255}, host::Script::kLatin);
  a.progressRing({0, 0, 20, 20}, 0.5F, {0, 0, 255, 255}, 3);
  b = a;
  CHECK(sameDrawList(a, b));
  b.reset(100, 100, {1, 2, 3, 255});
  b.fillRect({0, 0, 10, 10}, {9, 9, 9, 255}, 2);
  b.text({0, 0, 50, 20}, "abd", 12, {255, 255, 255, 255}, host::Script::kLatin);
  b.progressRing({0, 0, 20, 20}, 0.5F, {0, 0, 255, 255}, 3);
  CHECK_FALSE(sameDrawList(a, b));  // one letter of text
  b = a;
  b.setScreen("help", 7);
  CHECK_FALSE(sameDrawList(a, b));  // another screen
  host::DrawList c;
  c.reset(100, 100, {1, 2, 3, 255});
  c.fillRect({0, 0, 10, 10}, {9, 9, 9, 255}, 2);
  c.text({0, 0, 50, 20}, "abc", 12, {255, 255, 255, 255}, host::Script::kLatin);
  c.progressRing({0, 0, 20, 20}, 0.51F, {0, 0, 255, 255}, 3);
  CHECK_FALSE(sameDrawList(a, c));  // the dwell ring grew
}
