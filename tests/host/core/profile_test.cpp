#include "host/core/profile.h"

#include <catch2/catch.hpp>

#include "host/core/atomic_file.h"
#include "session_helpers.h"

using namespace drishti::host;

namespace {

std::string problemsOf(const std::string& text) {
  std::vector<Problem> problems;
  CHECK_FALSE(parseProfile(text, "p.profile", problems));
  return describeAll(problems);
}

}  // namespace

TEST_CASE("a profile reads every setting") {
  std::vector<Problem> problems;
  const auto p = parseProfile(R"(drishti-profile 1
name "Asha K"
method scan
board hi-varnamala
menu hi-varnamala hi-phrases
echo both
history on
calibration.appearance_y on
blink.eyes left
scan.mode groups
scan.interval_ms 900
gesture.edge 0.3
help.command "/usr/local/bin/nurse-call --ring"
)",
                              "p.profile", problems);
  INFO(describeAll(problems));
  REQUIRE(p);
  CHECK(p->name == "Asha K");
  CHECK(p->access.method == MethodKind::kScan);
  CHECK(p->letterBoard == "hi-varnamala");
  CHECK(p->menu == std::vector<std::string>{"hi-varnamala", "hi-phrases"});
  CHECK(p->echoLetters);
  CHECK(p->echoWords);
  CHECK(p->keepHistory);
  CHECK(p->calibrationAppearanceY);
  CHECK_FALSE(Profile{}.calibrationAppearanceY);  // off unless the profile says on
  CHECK(p->access.blink.eyes == EyeChoice::kLeft);
  CHECK(p->access.scan.mode == ScanMode::kGroups);
  CHECK(p->access.scan.intervalMs == 900);
  CHECK(p->access.gesture.edge == Approx(0.3));
  CHECK(p->helpCommand == "/usr/local/bin/nurse-call --ring");
}

TEST_CASE("formatting a profile and reading it back gives the same settings") {
  Profile p;
  p.name = "Name with \"quotes\"";
  p.access.method = MethodKind::kBlinkCode;
  p.access.dwell.marginPx = 7.5F;
  p.access.scan.mode = ScanMode::kHuffman;
  p.access.scan.earlyBlink = true;
  p.access.scan.gazeStart = true;
  p.access.scan.adapt = true;
  p.access.scan.adaptMinMs = 650;
  p.menu = {"a", "b"};
  p.echoWords = true;
  p.phraseAction = PhraseAction::kInsert;
  std::vector<Problem> problems;
  const auto back = parseProfile(formatProfile(p), "round", problems);
  INFO(describeAll(problems));
  REQUIRE(back);
  CHECK(formatProfile(*back) == formatProfile(p));
  CHECK(back->name == p.name);
  CHECK(back->access.dwell.marginPx == 7.5F);
  CHECK(back->access.scan.mode == ScanMode::kHuffman);
  CHECK(back->access.scan.earlyBlink);
  CHECK(back->access.scan.gazeStart);
  CHECK(back->access.scan.adapt);
  CHECK(back->access.scan.adaptMinMs == 650);
}

TEST_CASE("profile errors name the file and line") {
  CHECK_THAT(problemsOf("name x\n"), Catch::Contains("p.profile:1: a profile file must start"));
  CHECK_THAT(problemsOf("drishti-profile 1\nmethod stare\n"),
             Catch::Contains("p.profile:2: method must be dwell"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.ms 50\n"),
             Catch::Contains("p.profile:2: dwell.ms must be a whole number from 200"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.ms fast\n"), Catch::Contains("p.profile:2:"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.letter_slots 9\n"),
             Catch::Contains("p.profile:2: scan.letter_slots must be a whole number from 0"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.restart_delay_ms 20000\n"),
             Catch::Contains("p.profile:2: scan.restart_delay_ms must be a whole number from 0"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.restart_delay_ms soon\n"),
             Catch::Contains("p.profile:2: scan.restart_delay_ms"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.mode huffmann\n"),
             Catch::Contains("p.profile:2: scan.mode must be rows, groups, linear or huffman"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.early_blink soon\n"),
             Catch::Contains("p.profile:2: scan.early_blink must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.gaze_start yes\n"),
             Catch::Contains("p.profile:2: scan.gaze_start must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.adapt fast\n"),
             Catch::Contains("p.profile:2: scan.adapt must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\nscan.adapt_min_ms 100\n"),
             Catch::Contains("p.profile:2: scan.adapt_min_ms must be a whole number from 300"));
  CHECK_THAT(problemsOf("drishti-profile 1\ncolour red\n"),
             Catch::Contains("p.profile:2: unknown setting 'colour'"));
  CHECK_THAT(problemsOf("drishti-profile 1\nhistory maybe\n"),
             Catch::Contains("p.profile:2: history must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\nmethod dwell\nmethod scan\n"),
             Catch::Contains("p.profile:3: 'method' is set twice (first on line 2)"));
  CHECK_THAT(problemsOf("drishti-profile 1\nblink.min_ms 900\nblink.max_ms 800\n"),
             Catch::Contains("p.profile:3: blink.max_ms must be longer"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\nsafety.long_blink_min_ms 1500\n"),
      Catch::Contains("p.profile:2: safety.long_blink_min_ms must be at least scan.back_max_ms"));
  CHECK_THAT(problemsOf("drishti-profile 1\nsafety.rest_blinks 3\n"),
             Catch::Contains("safety.rest_blinks must be fewer than safety.help_blinks"));
  CHECK_THAT(problemsOf("drishti-profile 1\nname \"open\n"),
             Catch::Contains("p.profile:2: a quoted text is not closed"));
}

TEST_CASE("the shipped default profile parses and keeps the blink bands apart") {
  std::string error;
  const auto text = readWholeFile(test::dataDir() / "profiles" / "default.profile", error);
  REQUIRE(text);
  std::vector<Problem> problems;
  const auto p = parseProfile(*text, "default.profile", problems);
  INFO(describeAll(problems));
  REQUIRE(p);
  const AccessParams& a = p->access;
  CHECK(a.blink.maxMs <= a.scan.backMaxMs);
  CHECK(a.scan.backMaxMs <= a.safety.longBlinkMinMs);
}

TEST_CASE(
    "word prediction, the dwell guards and the saccade restart are profile settings with checked "
    "values") {
  std::vector<Problem> problems;
  const auto p = parseProfile(
      "drishti-profile 1\nprediction off\nprediction.slots 6\nprediction.learn off\n"
      "dwell.landed on\ndwell.refixation_px 45\ndwell.hold_px 25\ndwell.reading_guard off\n"
      "dwell.reading_step_px 180\ndwell.reading_look_ms 700\ndwell.guard_max_deg 2.5\n"
      "gaze.saccade_restart off\ndwell.likely_ms 500\ndwell.likely_letters 3\n"
      "dwell.word_ms 700\ndwell.resize on\ndwell.resize_core 0.6\ndwell.command_ms 1200\n"
      "dwell.cascade_ms 450\ndwell.cascade_step_ms 40\ndwell.cascade_back_ms 150\n"
      "dwell.cascade_pause_ms 4000\ndwell.cascade_unlikely_ms 1300\ndwell.spoken_ms 2500\n",
      "p.profile", problems);
  INFO(describeAll(problems));
  REQUIRE(p);
  CHECK_FALSE(p->prediction.enabled);
  CHECK(p->prediction.slots == 6);
  CHECK_FALSE(p->prediction.learn);
  CHECK(p->access.dwell.landedOnly);
  CHECK(p->access.dwell.refixationPx == 45.0F);
  CHECK(p->access.dwell.holdPx == 25.0F);
  CHECK_FALSE(p->access.dwell.readingGuard);
  CHECK(p->access.dwell.readingStepPx == 180.0F);
  CHECK(p->access.dwell.readingLookMs == 700);
  CHECK(p->access.dwell.guardMaxDeg == 2.5F);
  CHECK_FALSE(p->gaze.saccadeRestart);
  CHECK(p->access.dwell.likelyMs == 500);
  CHECK(p->access.dwell.likelyLetters == 3);
  CHECK(p->access.dwell.wordMs == 700);
  CHECK(p->access.dwell.commandMs == 1200);
  CHECK(p->access.dwell.cascadeMs == 450);
  CHECK(p->access.dwell.cascadeStepMs == 40);
  CHECK(p->access.dwell.cascadeBackMs == 150);
  CHECK(p->access.dwell.cascadePauseMs == 4000);
  CHECK(p->access.dwell.cascadeUnlikelyMs == 1300);
  CHECK(p->access.dwell.spokenMs == 2500);
  CHECK(Profile{}.access.dwell.commandMs == 1000);  // as long as the default dwell
  CHECK(p->access.dwell.resize);
  CHECK(p->access.dwell.resizeCore == 0.6F);
  CHECK(Profile{}.access.dwell.wordMs == 0);  // off unless the profile says
  CHECK_FALSE(Profile{}.access.dwell.resize);
  CHECK(Profile{}.gaze.saccadeRestart);  // on unless the profile says off
  const auto back = parseProfile(formatProfile(*p), "round", problems);
  REQUIRE(back);
  CHECK(formatProfile(*back) == formatProfile(*p));

  CHECK_THAT(problemsOf("drishti-profile 1\nprediction.slots 9\n"),
             Catch::Contains("p.profile:2: prediction.slots must be a whole number from 1 to 6"));
  CHECK_THAT(problemsOf("drishti-profile 1\nprediction maybe\n"),
             Catch::Contains("p.profile:2: prediction must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\n\nprediction.learn yes\n"),
             Catch::Contains("p.profile:3: prediction.learn must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.landed 1\n"),
             Catch::Contains("p.profile:2: dwell.landed must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.refixation_px -3\n"),
             Catch::Contains("p.profile:2: dwell.refixation_px must be a number from 0 to 400"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.hold_px wide\n"),
             Catch::Contains("p.profile:2: dwell.hold_px must be a number from 0 to 400"));
  CHECK_THAT(problemsOf("drishti-profile 1\n# guards\ndwell.reading_guard maybe\n"),
             Catch::Contains("p.profile:3: dwell.reading_guard must be on or off"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\ndwell.reading_step_px 5\n"),
      Catch::Contains("p.profile:2: dwell.reading_step_px must be a number from 20 to 1000"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.reading_look_ms 50\n"),
             Catch::Contains(
                 "p.profile:2: dwell.reading_look_ms must be a whole number from 100 to 5000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\ndwell.likely_ms 20000\n"),
      Catch::Contains("p.profile:2: dwell.likely_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\ndwell.likely_letters 0\n"),
      Catch::Contains("p.profile:2: dwell.likely_letters must be a whole number from 1 to 8"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.word_ms 10001\n"),
             Catch::Contains("p.profile:2: dwell.word_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\n\ndwell.command_ms long\n"),
      Catch::Contains("p.profile:3: dwell.command_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\ndwell.command_ms 12000\n"),
      Catch::Contains("p.profile:2: dwell.command_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\ndwell.cascade_ms 10001\n"),
      Catch::Contains("p.profile:2: dwell.cascade_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\n\ndwell.cascade_step_ms 0\n"),
      Catch::Contains("p.profile:3: dwell.cascade_step_ms must be a whole number from 1 to 1000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\ndwell.cascade_back_ms -5\n"),
      Catch::Contains("p.profile:2: dwell.cascade_back_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.cascade_pause_ms 100\n"),
             Catch::Contains(
                 "p.profile:2: dwell.cascade_pause_ms must be a whole number from 500 to 60000"));
  CHECK_THAT(
      problemsOf("drishti-profile 1\ndwell.spoken_ms 10001\n"),
      Catch::Contains("p.profile:2: dwell.spoken_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.cascade_unlikely_ms soon\n"),
             Catch::Contains(
                 "p.profile:2: dwell.cascade_unlikely_ms must be a whole number from 0 to 10000"));
  CHECK_THAT(problemsOf("drishti-profile 1\n\ndwell.resize bigger\n"),
             Catch::Contains("p.profile:3: dwell.resize must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.resize_core 0\n"),
             Catch::Contains("p.profile:2: dwell.resize_core must be a number from 0.1 to 1"));
  CHECK_THAT(problemsOf("drishti-profile 1\n\n\ngaze.saccade_restart yes\n"),
             Catch::Contains("p.profile:4: gaze.saccade_restart must be on or off"));
  CHECK_THAT(problemsOf("drishti-profile 1\ndwell.guard_max_deg 11\n"),
             Catch::Contains("p.profile:2: dwell.guard_max_deg must be a number from 0 to 10"));
}
