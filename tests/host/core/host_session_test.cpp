#include "host/core/host_session.h"

#include <catch2/catch.hpp>

#include "host/core/atomic_file.h"
#include "method_test_helpers.h"
#include "session_helpers.h"
#include "tests/support/test_data.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

constexpr std::int64_t kStartUs = 1'000'000'000;  // the app's clock does not start at 0

void writeProfile(const std::filesystem::path& state, const std::string& settings) {
  REQUIRE(
      writeFileAtomically(state / "profiles" / "default.profile", "drishti-profile 1\n" + settings)
          .empty());
}

SessionConfig configFor(const std::filesystem::path& state) {
  SessionConfig c;
  c.dataDir = dataDir();
  c.stateDir = state;
  return c;
}

std::int64_t typeAndSpeak(HostSession& s, std::string_view text, bool speak = true) {
  const std::string script = dwellScriptFor(s, text, 1400, speak);
  REQUIRE_FALSE(script.empty());
  const InputScript parsed = parseInputScript(script, "generated.script");
  INFO(describeAll(parsed.problems));
  REQUIRE(parsed.ok());
  s.advanceTo(kStartUs);
  return play(s, parsed, kStartUs);
}

}  // namespace

TEST_CASE("a scripted dwell session types 'i need water' on the English board and speaks it once") {
  const auto state = drishti::test::scratchDir("session-en");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  INFO(describeAll(s.problems()));
  CHECK(s.problems().empty());
  REQUIRE(s.board() != nullptr);
  CHECK(s.board()->id == "en-abc");
  CHECK(s.method() == MethodKind::kDwell);
  typeAndSpeak(s, "i need water");
  CHECK(s.text() == "i need water");
  const auto messages = speech.messages();
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].text == "i need water");
  CHECK(messages[0].language == "en");
  CHECK(speech.requests.size() == 1);  // echo is off by default: nothing else was said
  CHECK(s.recentMessages().front() == "i need water");
}

TEST_CASE("a scripted dwell session types Hindi 'मुझे पानी चाहिए' with matras after consonants") {
  const auto state = drishti::test::scratchDir("session-hi");
  writeProfile(state,
               "board hi-varnamala\nphrases hi-phrases\nyesno hi-yesno\nvoice hi\nlanguage hi\n");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  INFO(describeAll(s.problems()));
  REQUIRE(s.board()->id == "hi-varnamala");
  const std::string expected =
      "\u092E\u0941\u091D\u0947 \u092A\u093E\u0928\u0940 \u091A\u093E\u0939\u093F\u090F";
  REQUIRE(expected == "मुझे पानी चाहिए");
  typeAndSpeak(s, expected);
  CHECK(s.text() == expected);
  const auto messages = speech.messages();
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].text == expected);
  CHECK(messages[0].language == "hi");
}

TEST_CASE("a scripted dwell session types Malayalam 'എനിക്ക് വെള്ളം വേണം' with chandrakkala") {
  const auto state = drishti::test::scratchDir("session-ml");
  writeProfile(state,
               "board ml-aksharamala\nphrases ml-phrases\nyesno ml-yesno\nvoice ml\nlanguage ml\n");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  REQUIRE(s.board()->id == "ml-aksharamala");
  const std::string expected =
      "\u0D0E\u0D28\u0D3F\u0D15\u0D4D\u0D15\u0D4D \u0D35\u0D46\u0D33\u0D4D\u0D33\u0D02 "
      "\u0D35\u0D47\u0D23\u0D02";
  REQUIRE(expected == "എനിക്ക് വെള്ളം വേണം");
  typeAndSpeak(s, expected);
  CHECK(s.text() == expected);
  const auto messages = speech.messages();
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].text == expected);
  CHECK(messages[0].language == "ml");
}

TEST_CASE("after a consonant the vowel keys show and type the vowel sign") {
  const auto state = drishti::test::scratchDir("session-matra");
  writeProfile(state, "board hi-varnamala\n");
  HostSession s(configFor(state), nullptr);
  const int aa = s.findTarget("आ");
  REQUIRE(aa >= 0);
  typeAndSpeak(s, "क", false);
  CHECK(s.targetLabel(aa) == "का");
  CHECK(s.keys()[static_cast<std::size_t>(aa)].showsSign);
}

TEST_CASE("the text survives a crash: a new session on the same folder restores it") {
  const auto state = drishti::test::scratchDir("session-crash");
  {
    HostSession s(configFor(state), nullptr);
    typeAndSpeak(s, "help me", false);
    REQUIRE(s.text() == "help me");
    // No shutdown step exists: the text was saved as each letter was chosen.
  }
  HostSession again(configFor(state), nullptr);
  CHECK(again.text() == "help me");
  CHECK(again.board()->id == "en-abc");
  for (const auto& e : std::filesystem::recursive_directory_iterator(state))
    CHECK(e.path().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("clear can be undone, and an undo after typing again loses nothing") {
  const auto state = drishti::test::scratchDir("session-undo");
  HostSession s(configFor(state), nullptr);
  typeAndSpeak(s, "ok", false);
  std::int64_t t = s.now() / 1000;
  t = dwellOn(s, "Clear", t);
  CHECK(s.text().empty());
  t = dwellOn(s, "Undo", t);
  CHECK(s.text() == "ok");
  t = dwellOn(s, "Clear", t);
  t = dwellOn(s, "x", t);
  t = dwellOn(s, "Undo", t);  // brings back "ok" and keeps "x" for the next undo
  CHECK(s.text() == "ok");
  dwellOn(s, "Undo", t);
  CHECK(s.text() == "x");
  HostSession restored(configFor(state), nullptr);
  CHECK(restored.text() == "x");
  restored.advanceTo(1);
  CHECK(restored.keys()[static_cast<std::size_t>(restored.findTarget("Undo"))].dim == false);
}

TEST_CASE("a damaged board file is reported by line and its last good copy is used") {
  const auto state = drishti::test::scratchDir("session-corrupt");
  const auto mine = state / "boards" / "family.board";
  const std::string good =
      "drishti-board 1\nid family\ntitle Family\nlanguage en\nscript latin\nkind "
      "phrases\nrow\nphrase \"Call Anil\"\n";
  REQUIRE(writeFileAtomically(mine, good).empty());
  {
    HostSession s(configFor(state), nullptr);
    INFO(describeAll(s.problems()));
    REQUIRE(s.boards().find("family") != nullptr);
  }
  REQUIRE(writeFileAtomically(mine,
                              "drishti-board 1\nid family\ntitle Family\nlanguage en\nscript "
                              "latin\nrow\nphrse \"Call Anil\"\n")
              .empty());
  HostSession s(configFor(state), nullptr);
  const Board* family = s.boards().find("family");
  REQUIRE(family != nullptr);
  CHECK(family->groups.at(0).keys.at(0).value == "Call Anil");
  const std::string all = describeAll(s.problems());
  CHECK_THAT(all, Catch::Contains("family.board:7: unknown keyword 'phrse'"));
  CHECK_THAT(all, Catch::Contains("using the last good version"));
  s.advanceTo(kStartUs);
  CHECK_THAT(std::string(s.statusLine()), Catch::Contains("family.board:7"));
  SessionEvent e;
  bool reported = false;
  while (s.pollEvent(e))
    reported = reported || (e.kind == SessionEventKind::kProblem &&
                            e.text.find("family.board:7") != std::string::npos);
  CHECK(reported);
}

TEST_CASE("a damaged profile falls back to its last good version") {
  const auto state = drishti::test::scratchDir("session-profile");
  writeProfile(state, "method scan\n");
  { HostSession s(configFor(state), nullptr); }
  writeProfile(state, "method scan\nscan.interval_ms lots\n");
  HostSession s(configFor(state), nullptr);
  CHECK(s.profile().access.method == MethodKind::kScan);
  CHECK_THAT(describeAll(s.problems()),
             Catch::Contains("default.profile:3: scan.interval_ms must be"));
}

TEST_CASE("several profiles keep their own text") {
  const auto state = drishti::test::scratchDir("session-profiles");
  HostSession s(configFor(state), nullptr);
  typeAndSpeak(s, "hi", false);
  REQUIRE(s.switchProfile("night").empty());
  CHECK(s.profileName() == "night");
  CHECK(s.text().empty());
  REQUIRE(s.switchProfile("default").empty());
  CHECK(s.text() == "hi");
  CHECK(s.profileNames() == std::vector<std::string>{"default", "night"});
  HostSession restarted(configFor(state), nullptr);
  CHECK(restarted.profileName() == "default");  // the last one used
}

TEST_CASE("tracking loss shows a calm message and recovers by itself") {
  const auto state = drishti::test::scratchDir("session-lost");
  HostSession s(configFor(state), nullptr);
  const std::int64_t t0 = kStartUs / 1000;
  s.advanceTo(kStartUs);
  InputEvent lost = simple(t0 + 10, InputKind::kTrackingLost);
  s.handle(lost);
  CHECK_FALSE(s.trackingLostShown());  // not for a moment's loss
  s.advanceTo((t0 + 2000) * 1000);
  CHECK(s.trackingLostShown());
  CHECK(s.screenName() == "tracking-lost");
  DrawList list;
  s.render(list);
  bool said = false;
  for (const DrawCommand& c : list.commands())
    said = said || list.textOf(c) == "I can't see your eyes";
  CHECK(said);
  // Nothing is selected while the eyes are not seen, whatever else arrives.
  for (int i = 0; i < 5; ++i)
    s.handle(blink(t0 + 3000 + i * 700, 500));
  s.handle(simple(t0 + 7000, InputKind::kTrackingBack));
  CHECK_FALSE(s.trackingLostShown());
  CHECK(s.screenName() == "board:en-abc");
  CHECK(s.selectionCount() == 0);
  // And the person carries on by themselves.
  dwellOn(s, "a", t0 + 7100);
  CHECK(s.text() == "a");
}

TEST_CASE("before calibration a gaze method falls back to blink scanning and says so") {
  const auto state = drishti::test::scratchDir("session-uncal");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  s.setGazeCalibrated(false);
  CHECK(s.method() == MethodKind::kScan);
  CHECK_THAT(std::string(s.statusLine()), Catch::Contains("not calibrated"));
  // Row scanning on ABC: the predicted words are lit first (1.8 s with the
  // first delay), then the first row of letters; blink, then blink at 'a'.
  s.advanceTo(kStartUs);
  s.handle(blink(kStartUs / 1000 + 2400, 500));
  s.handle(blink(kStartUs / 1000 + 2900, 500));
  CHECK(s.text() == "a");
  // A mouse standing in for gaze brings the profile's method back.
  s.handle(gaze(kStartUs / 1000 + 3000, 640, 400));
  CHECK(s.method() == MethodKind::kDwell);
}

TEST_CASE("with scan.adapt the status line shows the scan step the device uses") {
  const auto state = drishti::test::scratchDir("session-adapt");
  writeProfile(state, "method scan\nscan.interval_ms 900\nscan.adapt on\n");
  HostSession s(configFor(state), nullptr);
  s.advanceTo(kStartUs);
  CHECK_THAT(std::string(s.statusLine()), Catch::Contains("Step 0.9 seconds."));
  writeProfile(state, "method scan\nscan.interval_ms 900\nscan.adapt off\n");
  HostSession fixed(configFor(state), nullptr);
  fixed.advanceTo(kStartUs);
  CHECK_THAT(std::string(fixed.statusLine()), !Catch::Contains("Step"));
}

TEST_CASE("the yes/no board answers by blink code and speaks the answer") {
  const auto state = drishti::test::scratchDir("session-code");
  writeProfile(state, "method blink-code\nboard en-yesno\n");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  REQUIRE(s.board()->id == "en-yesno");
  s.advanceTo(kStartUs);
  const std::int64_t t0 = kStartUs / 1000;
  s.handle(blink(t0 + 1000, 500));
  s.handle(blink(t0 + 1800, 500));
  s.advanceTo((t0 + 4000) * 1000);
  REQUIRE(speech.requests.size() == 1);
  CHECK(speech.requests[0].text == "No");
  CHECK(speech.requests[0].kind == SpeechKind::kPrompt);
}

TEST_CASE("every board, reached through the boards menu, has Help one selection away") {
  const auto state = drishti::test::scratchDir("session-help-reach");
  HostSession s(configFor(state), nullptr);
  std::int64_t t = kStartUs / 1000;
  s.advanceTo(t * 1000);
  std::vector<std::string> titles;
  for (const Board& b : s.boards().boards())
    titles.push_back(b.title);
  REQUIRE(titles.size() >= 14);
  for (const std::string& title : titles) {
    INFO("board " << title);
    t = dwellOn(s, "Boards", t);
    REQUIRE(s.screen() == ScreenKind::kBoardsMenu);
    t = dwellOn(s, title, t);
    REQUIRE(s.screen() == ScreenKind::kBoard);
    CHECK(s.board()->title == title);
    if (s.board()->style == BoardStyle::kGroups)
      t = dwellOn(s, s.board()->groups[0].label, t);  // also from inside an open group
    t = dwellOn(s, "Help", t);
    CHECK(s.helpShown());
    s.cancelHelp();
    CHECK(s.screen() == ScreenKind::kBoard);
    CHECK(s.board()->title == title);
  }
}

TEST_CASE("with row scanning Help takes two switch presses from a board") {
  const auto state = drishti::test::scratchDir("session-help-scan");
  writeProfile(state, "method scan\nscan.first_delay_ms 0\n");
  HostSession s(configFor(state), nullptr);
  std::int64_t t = kStartUs / 1000;
  s.advanceTo(t * 1000);
  const int help = s.findTarget("Help");
  REQUIRE(help >= 0);
  int guard = 0;
  while (!(s.methodView().groupBegin <= help && help < s.methodView().groupEnd)) {
    t += 100;
    s.advanceTo(t * 1000);
    REQUIRE(++guard < 1000);
  }
  s.handle(simple(t, InputKind::kSwitchDown, 0));
  s.handle(simple(t + 50, InputKind::kSwitchUp, 0));
  while (s.methodView().focus != help) {
    t += 100;
    s.advanceTo(t * 1000);
    REQUIRE(++guard < 2000);
  }
  s.handle(simple(t, InputKind::kSwitchDown, 0));
  CHECK(s.helpShown());
  CHECK(s.selectionCount() == 1);  // entering the row is not a selection; Help is
  SessionEvent e;
  bool attention = false;
  while (s.pollEvent(e))
    attention = attention || e.kind == SessionEventKind::kAttentionSound;
  CHECK(attention);
}
