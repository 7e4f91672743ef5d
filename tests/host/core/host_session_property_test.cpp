// Property tests of the session's safety rules on randomised input streams.
#include <catch2/catch.hpp>
#include <random>

#include "host/core/host_session.h"
#include "method_test_helpers.h"
#include "session_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

constexpr MethodKind kMethods[] = {MethodKind::kDwell, MethodKind::kBlink, MethodKind::kScan,
                                   MethodKind::kGesture, MethodKind::kBlinkCode};

// A session with no state folder (nothing saved) using `method`.
std::unique_ptr<HostSession> sessionWith(MethodKind method, RecordingSpeech* speech) {
  SessionConfig c;
  c.dataDir = dataDir();
  auto s = std::make_unique<HostSession>(c, speech);
  Profile p = s->profile();
  p.access.method = method;
  REQUIRE(s->saveProfile(p).empty());
  REQUIRE(s->method() == method);
  return s;
}

// Anything a person, a mouse, a switch or a failing tracker might produce.
InputEvent randomEvent(std::mt19937& rng, std::int64_t& tMs) {
  tMs += std::uniform_int_distribution<int>(5, 400)(rng);
  const int kind = std::uniform_int_distribution<int>(0, 99)(rng);
  if (kind < 55) {
    // Gaze: often held near one spot, sometimes anywhere, even off screen.
    static float x = 640, y = 400;
    if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) {
      x = std::uniform_real_distribution<float>(-200, 1480)(rng);
      y = std::uniform_real_distribution<float>(-200, 1000)(rng);
    }
    return gaze(tMs, x + std::uniform_real_distribution<float>(-8, 8)(rng),
                y + std::uniform_real_distribution<float>(-8, 8)(rng));
  }
  if (kind < 75) {
    const auto d = static_cast<std::uint32_t>(std::uniform_int_distribution<int>(50, 9000)(rng));
    tMs += d;
    return blink(tMs, d, static_cast<BlinkEyes>(std::uniform_int_distribution<int>(0, 2)(rng)));
  }
  if (kind < 85)
    return simple(tMs, kind % 2 ? InputKind::kSwitchDown : InputKind::kSwitchUp,
                  static_cast<std::uint8_t>(kind % 3));
  if (kind < 92)
    return simple(tMs, InputKind::kGazeLost);
  if (kind < 96) {
    InputEvent e = simple(tMs, InputKind::kTrackingLost);
    e.loss = static_cast<TrackingLoss>(kind % 3);
    return e;
  }
  return simple(tMs, InputKind::kTrackingBack);
}

}  // namespace

TEST_CASE("property: nothing is selected, typed or said while resting") {
  int checkedWhileResting = 0;
  for (const MethodKind method : kMethods) {
    for (unsigned seed = 1; seed <= 6; ++seed) {
      RecordingSpeech speech;
      auto s = sessionWith(method, &speech);
      std::mt19937 rng(seed * 31 + static_cast<unsigned>(method));
      std::int64_t t = 1'000'000;
      s->advanceTo(t * 1000);
      for (int i = 0; i < 1500; ++i) {
        // Only the help gesture or a caregiver ends a call for help; the
        // random stream rarely makes the gesture, so a caregiver comes.
        if (s->helpShown() && std::uniform_int_distribution<int>(0, 40)(rng) == 0)
          s->cancelHelp();
        if (!s->resting() && !s->helpShown() &&
            std::uniform_int_distribution<int>(0, 40)(rng) == 0) {
          // Rest again, by the eyes alone: two long blinks.
          s->handle(blink(t += 2500, 2500));
          s->handle(blink(t += 3500, 2500));
          s->advanceTo((t += 4500) * 1000);
        }
        const InputEvent e = randomEvent(rng, t);
        const bool wasResting = s->resting();
        const auto selections = s->selectionCount();
        const std::string text = s->text();
        const std::size_t said = speech.messages().size();
        s->handle(e);
        if (wasResting && s->resting()) {
          ++checkedWhileResting;
          INFO("method " << methodName(method) << " seed " << seed << " event " << i);
          REQUIRE(s->selectionCount() == selections);
          REQUIRE(s->text() == text);
          REQUIRE(speech.messages().size() == said);
        }
      }
    }
  }
  CHECK(checkedWhileResting > 5000);
}

TEST_CASE("property: the help gesture works from every screen and state, with every method") {
  int helpCalls = 0;
  for (const MethodKind method : kMethods) {
    for (unsigned seed = 1; seed <= 8; ++seed) {
      RecordingSpeech speech;
      auto s = sessionWith(method, &speech);
      s->setGazeCalibrated(seed % 3 != 0);  // sometimes before calibration
      std::mt19937 rng(seed * 97 + static_cast<unsigned>(method));
      std::int64_t t = 1'000'000;
      s->advanceTo(t * 1000);
      const int steps = std::uniform_int_distribution<int>(0, 800)(rng);
      for (int i = 0; i < steps; ++i)
        s->handle(randomEvent(rng, t));
      s->cancelHelp();  // the random stream may have called it already
      const std::string where(s->screenName());
      SessionEvent ev;
      while (s->pollEvent(ev)) {
      }
      // Three long blinks, whatever the screen, the method, rest or tracking loss.
      t += 5000;
      for (int k = 0; k < 3; ++k) {
        t += 2500;
        s->handle(blink(t, 2500));
        t += 1000;
      }
      INFO("method " << methodName(method) << " seed " << seed << " from " << where);
      REQUIRE(s->helpShown());
      bool called = false;
      while (s->pollEvent(ev))
        called = called || ev.kind == SessionEventKind::kHelpCalled;
      CHECK(called);
      REQUIRE_FALSE(speech.requests.empty());
      CHECK(speech.requests.back().kind == SpeechKind::kPrompt);
      CHECK(speech.requests.back().text == "I need help");
      ++helpCalls;
    }
  }
  CHECK(helpCalls == 40);
}

TEST_CASE("property: random input never breaks the session's invariants") {
  for (const MethodKind method : kMethods) {
    RecordingSpeech speech;
    auto s = sessionWith(method, &speech);
    std::mt19937 rng(static_cast<unsigned>(method) + 5);
    std::int64_t t = 1'000'000;
    DrawList list;
    for (int i = 0; i < 3000; ++i) {
      s->handle(randomEvent(rng, t));
      if (i % 50 == 0) {
        s->render(list);
        REQUIRE(list.width() == 1280);
        for (const DrawCommand& c : list.commands())
          REQUIRE(c.textOffset + c.textLength <= 1'000'000);
      }
      const MethodView v = s->methodView();
      REQUIRE(v.focus < static_cast<int>(s->targets().size()));
      REQUIRE(v.groupEnd <= static_cast<int>(s->targets().size()));
      REQUIRE(isValidUtf8(s->text()));
    }
  }
}
