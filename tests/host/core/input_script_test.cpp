#include "host/core/input_script.h"

#include <catch2/catch.hpp>

using namespace drishti::host;

TEST_CASE("a script becomes timestamped events in order") {
  const InputScript s = parseInputScript(R"(drishti-script 1
# a comment
rate 10
gaze 100 200
wait 50
look 300 400 250
blink 400 left
switch down 0
press 1 200
at 2000
lost camera
back
gaze-lost
)",
                                         "t.script");
  INFO(describeAll(s.problems));
  REQUIRE(s.ok());
  const auto& e = s.events;
  REQUIRE(e.size() == 12);
  CHECK(e[0].kind == InputKind::kGaze);
  CHECK(e[0].tUs == 0);
  CHECK(e[0].x == 100);
  // look: 10 Hz from 50 ms for 250 ms: samples at 50, 150, 250 ms
  CHECK(e[1].tUs == 50'000);
  CHECK(e[2].tUs == 150'000);
  CHECK(e[3].tUs == 250'000);
  CHECK(e[3].x == 300);
  // blink: eyes close at 300 ms (gaze lost), blink reported at its end
  CHECK(e[4].kind == InputKind::kGazeLost);
  CHECK(e[4].tUs == 300'000);
  CHECK(e[5].kind == InputKind::kBlink);
  CHECK(e[5].tUs == 700'000);
  CHECK(e[5].durationMs == 400);
  CHECK(e[5].eyes == BlinkEyes::kLeft);
  CHECK(e[6].kind == InputKind::kSwitchDown);
  CHECK(e[7].kind == InputKind::kSwitchDown);
  CHECK(e[7].switchId == 1);
  CHECK(e[8].kind == InputKind::kSwitchUp);
  CHECK(e[8].tUs == 900'000);
  CHECK(e[9].kind == InputKind::kTrackingLost);
  CHECK(e[9].loss == TrackingLoss::kCamera);
  CHECK(e[9].tUs == 2'000'000);
  CHECK(e[10].kind == InputKind::kTrackingBack);
  CHECK(e[11].kind == InputKind::kGazeLost);
  CHECK(s.endUs == 2'000'000);
  for (std::size_t i = 1; i < e.size(); ++i)
    CHECK(e[i].tUs >= e[i - 1].tUs);
}

TEST_CASE("script errors name the file and line, and no events are given") {
  const auto problem = [](const char* text) {
    const InputScript s = parseInputScript(text, "bad.script");
    CHECK(s.events.empty());
    REQUIRE_FALSE(s.ok());
    return s.problems.front().describe();
  };
  CHECK(
      problem("gaze 1\n") ==
      "bad.script:1: gaze takes x and y in px and an optional confidence 0..1, e.g. gaze 640 400");
  CHECK_THAT(problem("wait 10\nwait soon\n"),
             Catch::StartsWith("bad.script:2: wait takes a time in ms"));
  CHECK_THAT(problem("wait 100\nat 50\n"),
             Catch::StartsWith("bad.script:2: at 50 would move the clock backwards"));
  CHECK_THAT(problem("blink 300 middle\n"),
             Catch::StartsWith("bad.script:1: blink eyes must be both, left or right"));
  CHECK_THAT(problem("switch sideways 0\n"),
             Catch::StartsWith("bad.script:1: switch takes down or up"));
  CHECK_THAT(problem("press 0.5\n"),
             Catch::StartsWith("bad.script:1: press takes a switch number"));
  CHECK_THAT(problem("jump 3\n"), Catch::StartsWith("bad.script:1: unknown command 'jump'"));
  CHECK_THAT(problem("gaze 1 2\ndrishti-script 1\n"),
             Catch::StartsWith("bad.script:2: 'drishti-script 1' may only be"));
  CHECK_THAT(problem("gaze nan 2\n"), Catch::StartsWith("bad.script:1: gaze takes"));
  CHECK_THAT(problem("rate 0\n"), Catch::StartsWith("bad.script:1: rate takes"));
  CHECK_THAT(problem("look 1 2 \"\n"),
             Catch::StartsWith("bad.script:1: a quoted text is not closed"));
}

TEST_CASE("a script player hands over events as their time comes") {
  const InputScript s = parseInputScript("gaze 1 1\nwait 100\ngaze 2 2\nwait 50\n", "p.script");
  REQUIRE(s.ok());
  ScriptPlayer player(s);
  player.start(5'000'000);
  std::vector<InputEvent> got;
  const auto sink = [&](const InputEvent& e) { got.push_back(e); };
  player.due(5'000'000, sink);
  REQUIRE(got.size() == 1);
  CHECK(got[0].tUs == 5'000'000);
  player.due(5'099'999, sink);
  CHECK(got.size() == 1);
  player.due(5'100'000, sink);
  REQUIRE(got.size() == 2);
  CHECK(got[1].x == 2);
  CHECK_FALSE(player.finished(5'100'000));
  CHECK(player.finished(5'150'000));
}
