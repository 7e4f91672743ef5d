// The session's features one by one, driven as a person would: by dwell.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "firmware/protocol/frame_codec.h"
#include "firmware/protocol/stream_decoder.h"
#include "host/core/atomic_file.h"
#include "host/core/host_session.h"
#include "host/core/wire_input.h"
#include "method_test_helpers.h"
#include "session_helpers.h"
#include "tests/support/test_data.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

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

std::vector<SessionEvent> drain(HostSession& s) {
  std::vector<SessionEvent> out;
  SessionEvent e;
  while (s.pollEvent(e))
    out.push_back(e);
  return out;
}

bool has(const std::vector<SessionEvent>& events, SessionEventKind kind,
         std::string_view text = {}) {
  for (const SessionEvent& e : events)
    if (e.kind == kind && (text.empty() || e.text == text))
      return true;
  return false;
}

constexpr std::int64_t kT0 = 1'000'000;  // ms

}  // namespace

TEST_CASE("E-tran: a group, then a letter, then the groups again") {
  const auto state = drishti::test::scratchDir("feat-etran");
  writeProfile(state, "board en-etran\n");
  HostSession s(configFor(state), nullptr);
  s.advanceTo(kT0 * 1000);
  CHECK(s.screenName() == "board:en-etran");
  std::int64_t t = dwellOn(s, "A B C D E F", kT0);
  CHECK(s.screenName() == "board:en-etran:group-1");
  CHECK(s.findTarget("Back") >= 0);
  t = dwellOn(s, "c", t);
  CHECK(s.text() == "c");
  CHECK(s.screenName() == "board:en-etran");
  t = dwellOn(s, "G H I J K L", t);
  dwellOn(s, "Back", t);
  CHECK(s.screenName() == "board:en-etran");
  CHECK(s.text() == "c");
}

TEST_CASE("a Mandarin phrase is shown in characters and spoken from its pinyin") {
  const auto state = drishti::test::scratchDir("feat-cmn");
  writeProfile(state, "phrases cmn-phrases\n");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Phrases", kT0);
  REQUIRE(s.board()->id == "cmn-phrases");
  const int i = s.findTarget("我要喝水");
  REQUIRE(i >= 0);
  CHECK(s.keys()[static_cast<std::size_t>(i)].script == Script::kHan);
  dwellOn(s, "我要喝水", t);
  REQUIRE(speech.requests.size() == 1);
  CHECK(speech.requests[0].text == "wo3 yao4 he1 shui3");
  CHECK(speech.requests[0].language == "cmn-latn-pinyin");
  CHECK(speech.requests[0].kind == SpeechKind::kMessage);
  CHECK(s.text().empty());  // phrases speak at once by default
}

TEST_CASE("phrase categories switch, and phrases can go into the message instead") {
  const auto state = drishti::test::scratchDir("feat-insert");
  writeProfile(state, "phrases.action insert\n");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Phrases", kT0);
  t = dwellOn(s, "Feelings", t);
  CHECK(s.screenName() == "board:en-phrases:tab-2");
  t = dwellOn(s, "Thank you", t);
  CHECK(s.text() == "Thank you ");
  CHECK(speech.requests.empty());
}

TEST_CASE("letter and word echo are said as they are chosen, without cutting off a message") {
  const auto state = drishti::test::scratchDir("feat-echo");
  writeProfile(state, "echo both\n");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "h", kT0);
  t = dwellOn(s, "i", t);
  t = dwellOn(s, "Space", t);
  REQUIRE(speech.requests.size() == 3);
  CHECK(speech.requests[0].kind == SpeechKind::kLetterEcho);
  CHECK(speech.requests[0].text == "h");
  CHECK_FALSE(speech.requests[0].interrupt);
  CHECK(speech.requests[2].kind == SpeechKind::kWordEcho);
  CHECK(speech.requests[2].text == "hi");
  dwellOn(s, "Speak", t);
  CHECK(speech.requests.back().kind == SpeechKind::kMessage);
  CHECK(speech.requests.back().interrupt);
}

TEST_CASE(
    "history is kept only when chosen, privately, and the person can delete it with the eyes") {
  const auto state = drishti::test::scratchDir("feat-history");
  {
    HostSession off(configFor(state), nullptr);
    off.advanceTo(kT0 * 1000);
    std::int64_t t = dwellOn(off, "a", kT0);
    dwellOn(off, "Speak", t);
    CHECK(off.recentMessages().size() == 1);  // recent in this session only
    CHECK_FALSE(std::filesystem::exists(state / "profiles" / "default.history"));
  }
  writeProfile(state, "history on\n");
  {
    HostSession on(configFor(state), nullptr);
    CHECK(on.recentMessages().empty());
    on.advanceTo(kT0 * 1000);
    dwellOn(on, "Speak", dwellOn(on, "b", kT0));
    const auto file = state / "profiles" / "default.history";
    REQUIRE(std::filesystem::exists(file));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  REQUIRE(s.recentMessages() == std::vector<std::string>{"ab"});
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Recent", kT0);
  CHECK(s.screen() == ScreenKind::kRecent);
  t = dwellOn(s, "Delete saved messages", t);
  CHECK(s.screen() == ScreenKind::kConfirmClearHistory);
  t = dwellOn(s, "No, keep them", t);
  CHECK(s.recentMessages().size() == 1);
  t = dwellOn(s, "Delete saved messages", t);
  dwellOn(s, "Yes, delete them", t);
  CHECK(s.recentMessages().empty());
  CHECK_FALSE(std::filesystem::exists(state / "profiles" / "default.history"));
  CHECK(speech.requests.empty());
}

TEST_CASE("a recent message is said again in one selection") {
  const auto state = drishti::test::scratchDir("feat-recent");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Speak", dwellOn(s, "o", kT0));
  t = dwellOn(s, "Clear", t);
  t = dwellOn(s, "Recent", t);
  dwellOn(s, "o", t);
  REQUIRE(speech.messages().size() == 2);
  CHECK(speech.messages()[1].text == "o");
  CHECK(s.screen() == ScreenKind::kBoard);
}

TEST_CASE("rest by the Rest key, nothing chosen while resting, wake by looking at the circle") {
  const auto state = drishti::test::scratchDir("feat-rest");
  HostSession s(configFor(state), nullptr);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Rest", kT0);
  REQUIRE(s.resting());
  CHECK(s.screenName() == "rest");
  CHECK(s.targets().empty());  // nothing to select
  // Glances at the circle shorter than the wake time do not wake.
  DrawList list;
  s.render(list);
  const Rect wake{1280 / 2 - 104, 440, 208, 208};
  for (const std::int64_t end = t + 2000; t < end; t += 33)
    s.handle(gaze(t, wake.x + wake.w / 2, wake.y + wake.h / 2));
  for (const std::int64_t end = t + 500; t < end; t += 33)
    s.handle(gaze(t, 100, 100));
  CHECK(s.resting());
  for (const std::int64_t end = t + 3300; t < end; t += 33)
    s.handle(gaze(t, wake.x + wake.w / 2, wake.y + wake.h / 2));
  CHECK_FALSE(s.resting());
  CHECK(s.screenName() == "board:en-abc");
  CHECK(s.selectionCount() == 1);  // only the Rest key
  const auto events = drain(s);
  CHECK(has(events, SessionEventKind::kRestStarted));
  CHECK(has(events, SessionEventKind::kRestEnded));
}

TEST_CASE("a switch held down wakes a switch user from rest") {
  const auto state = drishti::test::scratchDir("feat-rest-switch");
  writeProfile(state, "method scan\n");
  HostSession s(configFor(state), nullptr);
  std::int64_t t = kT0;
  s.advanceTo(t * 1000);
  s.handle(blink(t += 2500, 2500));
  s.handle(blink(t += 3500, 2500));
  for (const std::int64_t end = t + 4500; t < end; t += 33)  // eyes open after the burst
    s.handle(lids(t, true));
  REQUIRE(s.resting());
  s.handle(simple(t += 10, InputKind::kSwitchDown, 0));
  s.advanceTo((t += 1000) * 1000);
  CHECK(s.resting());  // a press is not enough
  s.advanceTo((t += 2100) * 1000);
  CHECK_FALSE(s.resting());
}

TEST_CASE("calling help runs the hook, repeats the alarm, and only the help gesture cancels it") {
  const auto state = drishti::test::scratchDir("feat-help");
  writeProfile(state,
               "help.command \"/usr/local/bin/nurse-call --ring\"\nhelp.message \"Please come\"\n"
               "safety.help_repeat_ms 10000\n");
  RecordingSpeech speech;
  HostSession s(configFor(state), &speech);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Help", kT0);
  REQUIRE(s.helpShown());
  auto events = drain(s);
  CHECK(has(events, SessionEventKind::kHelpCalled, "Please come"));
  CHECK(has(events, SessionEventKind::kAttentionSound));
  CHECK(has(events, SessionEventKind::kRunHelpCommand, "/usr/local/bin/nurse-call --ring"));
  CHECK(speech.requests.back().text == "Please come");
  CHECK(speech.requests.back().kind == SpeechKind::kPrompt);
  s.advanceTo((t += 11'000) * 1000);
  events = drain(s);
  CHECK(has(events, SessionEventKind::kAttentionSound));
  // Nothing on the help screen can be selected: a long look anywhere cancels nothing.
  CHECK(s.targets().empty());
  for (const float y : {100.0F, 400.0F, 650.0F, 760.0F})
    for (const std::int64_t end = t + 4000; t < end; t += 33)
      s.handle(gaze(t, 640, y));
  CHECK(s.helpShown());
  // The help gesture again cancels it.
  for (int i = 0; i < 3; ++i)
    s.handle(blink(t += 3000, 2500));
  CHECK_FALSE(s.helpShown());
  CHECK(has(drain(s), SessionEventKind::kHelpCancelled));
  CHECK(s.screenName() == "board:en-abc");
}

TEST_CASE("with scanning or blink-select, no selecting blink cancels a call for help") {
  for (const char* method : {"scan", "blink"}) {
    const auto state = drishti::test::scratchDir((std::string("feat-help-") + method).c_str());
    writeProfile(state, std::string("method ") + method + "\n");
    HostSession s(configFor(state), nullptr);
    std::int64_t t = kT0;
    s.advanceTo(t * 1000);
    REQUIRE(s.method() == (std::string(method) == "scan" ? MethodKind::kScan : MethodKind::kBlink));
    for (int i = 0; i < 3; ++i)
      s.handle(blink(t += 3000, 2500));
    REQUIRE(s.helpShown());
    // Every blink the methods select with, at every phase of the scan, for a minute.
    for (int i = 0; i < 60; ++i) {
      s.handle(gaze(t += 400, 640, 700));
      s.handle(blink(t += 600, 500));
      s.advanceTo((t += 100) * 1000);
    }
    CHECK(s.helpShown());
    CHECK(s.selectionCount() == 0);
    // Long blinks that go on right after the call are the same call, not a cancel.
    const auto st2 = drishti::test::scratchDir((std::string("feat-help2-") + method).c_str());
    writeProfile(st2, std::string("method ") + method + "\n");
    HostSession again(configFor(st2), nullptr);
    std::int64_t u = kT0;
    again.advanceTo(u * 1000);
    for (int i = 0; i < 6; ++i)
      again.handle(blink(u += 3000, 2500));
    CHECK(again.helpShown());
    // A caregiver answers.
    again.cancelHelp();
    CHECK_FALSE(again.helpShown());
  }
}

TEST_CASE("the boards menu opens any board, and Letters returns to the letters in use") {
  const auto state = drishti::test::scratchDir("feat-nav");
  HostSession s(configFor(state), nullptr);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Boards", kT0);
  t = dwellOn(s, "QWERTY", t);
  CHECK(s.board()->id == "en-qwerty");
  t = dwellOn(s, "123", t);
  CHECK(s.board()->id == "numbers");
  t = dwellOn(s, "Yes / No", t);
  CHECK(s.board()->id == "en-yesno");
  dwellOn(s, "Letters", t);
  CHECK(s.board()->id == "en-qwerty");
}

TEST_CASE("gestures reach every key of a board by halving") {
  const auto state = drishti::test::scratchDir("feat-gesture");
  writeProfile(state, "method gesture\n");
  HostSession s(configFor(state), nullptr);
  std::int64_t t = kT0;
  s.advanceTo(t * 1000);
  const int target = s.findTarget("w");
  REQUIRE(target >= 0);
  int guard = 0;
  while (s.text().empty()) {
    const MethodView v = s.methodView();
    REQUIRE(v.candidateBegin >= 0);
    const bool left = target < v.candidateSplit;
    for (const std::int64_t end = t + 800; t < end; t += 33)
      s.handle(gaze(t, left ? 10 : 1270, 400));
    for (const std::int64_t end = t + 300; t < end; t += 33)
      s.handle(gaze(t, 640, 400));
    REQUIRE(++guard < 12);
  }
  CHECK(s.text() == "w");
  CHECK(guard <= 6);  // log2 of the 44 targets, rounded up
}

TEST_CASE("after waking by gaze, the key under the wake circle waits for a look away") {
  const auto state = drishti::test::scratchDir("feat-wake-hold");
  HostSession s(configFor(state), nullptr);
  s.advanceTo(kT0 * 1000);
  std::int64_t t = dwellOn(s, "Rest", kT0);
  REQUIRE(s.resting());
  const float cx = 640, cy = 440 + 104;
  for (const std::int64_t end = t + 3300; t < end; t += 33)
    s.handle(gaze(t, cx, cy));
  REQUIRE_FALSE(s.resting());
  for (const std::int64_t end = t + 3000; t < end; t += 33)
    s.handle(gaze(t, cx, cy));  // still looking at the same spot
  CHECK(s.text().empty());
  for (const std::int64_t end = t + 300; t < end; t += 33)
    s.handle(gaze(t, 640, 30));
  for (const std::int64_t end = t + 1400; t < end; t += 33)
    s.handle(gaze(t, cx, cy));  // looked away and back: now it types
  CHECK(s.text().size() == 1);
}

TEST_CASE("a profile naming missing boards is reported, and the device carries on") {
  const auto state = drishti::test::scratchDir("feat-missing-board");
  writeProfile(state, "board en-nope\nmenu en-abc ghost\n");
  HostSession s(configFor(state), nullptr);
  const std::string all = describeAll(s.problems());
  CHECK_THAT(all, Catch::Contains("names board 'en-nope'"));
  CHECK_THAT(all, Catch::Contains("menu names board 'ghost'"));
  REQUIRE(s.board() != nullptr);
  Profile p = s.profile();
  REQUIRE(s.saveProfile(p).empty());
  CHECK(s.problems().size() == 2);  // checked again, not piled up
}

TEST_CASE(
    "from the wire, before calibration: blinks scan and type, tracking loss shows and clears") {
  namespace proto = drishti::protocol;
  const auto state = drishti::test::scratchDir("feat-wire");
  HostSession s(configFor(state), nullptr);
  UncalibratedGazeMapper mapper;
  WireInput wire(mapper);
  s.setGazeCalibrated(wire.calibrated());
  REQUIRE(s.method() == MethodKind::kScan);
  proto::StreamDecoder decoder;
  std::uint32_t seq = 0;
  std::int64_t hostUs = kT0 * 1000;
  s.advanceTo(hostUs);
  // Sends one message through the real framing, as the tracker would, at `atUs` on both clocks.
  const auto send = [&](proto::Message m, std::int64_t atUs) {
    std::visit([&](auto& msg) { msg.seq = ++seq; }, m);
    std::vector<std::uint8_t> bytes(proto::kMaxFrameSize);
    bytes.resize(proto::encodeFrame(m, bytes));
    decoder.feed(bytes,
                 [&](proto::DecodeStatus st, const proto::Message& msg, const proto::DecodeError&) {
                   REQUIRE(st == proto::DecodeStatus::kMessage);
                   for (const InputEvent& e : wire.convert(msg, atUs))
                     s.handle(e);
                 });
  };
  const auto sampleAt = [&](std::int64_t atUs, proto::TrackingState ts) {
    proto::EyeSample e;
    e.captureUs = e.sendUs = static_cast<std::uint64_t>(atUs);
    e.state = ts;
    send(e, atUs);
    s.advanceTo(atUs);  // as the app does every frame
  };
  const auto blinkAt = [&](std::int64_t endUs, std::uint32_t ms) {
    proto::BlinkEvent b;
    b.endUs = b.sendUs = static_cast<std::uint64_t>(endUs);
    b.startUs = b.endUs - ms * 1000ULL;
    b.durationMs = ms;
    b.kind = proto::BlinkKind::kLong;
    send(b, endUs);
  };
  for (int i = 0; i < 10; ++i)
    sampleAt(hostUs += 33'000, proto::TrackingState::kTracking);
  // The predicted words are lit first (1.8 s), then the first row of letters.
  blinkAt(hostUs += 2'100'000, 500);  // into the first row of letters
  blinkAt(hostUs += 300'000, 500);    // 'a'
  CHECK(s.text() == "a");
  for (int i = 0; i < 60; ++i)
    sampleAt(hostUs += 33'000, proto::TrackingState::kLost);
  CHECK(s.trackingLostShown());
  sampleAt(hostUs += 33'000, proto::TrackingState::kTracking);
  CHECK_FALSE(s.trackingLostShown());
  // The tracker falls silent: that too is said, and recovers with the next message.
  for (const InputEvent& e : wire.checkSilence(hostUs += 2'000'000))
    s.handle(e);
  s.advanceTo(hostUs += 2'000'000);
  CHECK(s.trackingLostShown());
  sampleAt(hostUs += 33'000, proto::TrackingState::kTracking);
  CHECK_FALSE(s.trackingLostShown());
}

namespace {

// A reader's eyes along the first letter row: fixations of 250 ms, 80 px
// apart, then a pause of 2.5 s on the last spot. Returns the selections.
std::vector<std::string> readThenPause(HostSession& s) {
  const int a = s.findTarget("a");
  REQUIRE(a >= 0);
  const Rect r = s.targets()[static_cast<std::size_t>(a)].rect;
  const float y = r.y + r.h / 2;
  std::int64_t t = kT0;
  float x = r.x + 20;
  for (int i = 0; i < 6; ++i, x += 80)
    for (const std::int64_t end = t + 250; t < end; t += 33)
      s.handle(gaze(t, x, y));
  for (const std::int64_t end = t + 2500; t < end; t += 33)
    s.handle(gaze(t, x - 80, y));
  std::vector<std::string> selected;
  for (const SessionEvent& e : drain(s))
    if (e.kind == SessionEventKind::kSelected)
      selected.push_back(e.text);
  return selected;
}

}  // namespace

TEST_CASE("a reader who stops on a key selects nothing, unless the tracker is too noisy to tell") {
  SessionConfig c;
  c.dataDir = dataDir();
  c.startBoard = "en-abc";
  HostSession s(c, nullptr);
  s.setGazeCalibrated(true);
  SECTION("precision unknown: dwell.hold_px as set") {
    CHECK(readThenPause(s).empty());
  }
  SECTION("a 1 degree tracker: the hold widens to 0.7 degree") {
    s.setGazePrecision(1.0F, 44);
    CHECK(readThenPause(s).empty());
  }
  SECTION("a 2 degree tracker, beyond dwell.guard_max_deg: plain dwell selects the key") {
    s.setGazePrecision(2.0F, 44);
    const std::vector<std::string> selected = readThenPause(s);
    REQUIRE_FALSE(selected.empty());
    CHECK(selected.front() == "c");  // the fixations on "c" and the pause added up
  }
}
