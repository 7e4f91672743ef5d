#include "host/sim/simulation.h"

#include <catch2/catch.hpp>
#include <regex>

#include "host/sim/phrase_set.h"
#include "host/sim/text_metrics.h"
#include "tests/host/core/session_helpers.h"
#include "tests/host/sim/simulate_capture.h"
#include "tests/support/test_data.h"

using namespace drishti;
using namespace drishti::sim;

namespace {

SimSetup setupFor(host::MethodKind method, double noiseDeg, std::uint64_t seed = 1) {
  SimSetup s;
  s.dataDir = host::test::dataDir();
  s.method = method;
  s.tracker.noiseDeg = noiseDeg;
  s.seed = seed;
  return s;
}

std::vector<std::string> somePhrases(std::size_t n) {
  std::vector<std::string> p = defaultPhrases();
  p.resize(n);
  return p;
}

// Seconds per key selection meant (dwell), from the first look at the key.
double secondsPerKey(const TypingResult& r) {
  REQUIRE(r.time.keySelections > 0);
  return r.time.keys / static_cast<double>(r.time.keySelections);
}

}  // namespace

TEST_CASE("minimum string distance counts insertions, deletions and substitutions") {
  CHECK(minimumStringDistance("i need water", "i need water") == 0);
  CHECK(minimumStringDistance("i need water", "i ned water") == 1);
  CHECK(minimumStringDistance("i need water", "i need waterr") == 1);
  CHECK(minimumStringDistance("abc", "xyz") == 3);
  CHECK(minimumStringDistance("", "abc") == 3);
  CHECK(wordsPerMinute(50, 60) == Approx(10));
  CHECK(wordsPerMinute(50, 0) == 0);
}

TEST_CASE("the simulation is deterministic for a seed") {
  Simulation a(setupFor(host::MethodKind::kDwell, 1.0, 7));
  Simulation b(setupFor(host::MethodKind::kDwell, 1.0, 7));
  const TypingResult ra = a.type(somePhrases(3));
  const TypingResult rb = b.type(somePhrases(3));
  CHECK(ra.seconds == rb.seconds);
  CHECK(ra.selections == rb.selections);
  CHECK(a.session().text() == b.session().text());
}

TEST_CASE("a simulated dwell user with a good tracker types the phrases") {
  Simulation sim(setupFor(host::MethodKind::kDwell, 0.3));
  const TypingResult r = sim.type(somePhrases(4));
  CHECK(r.gaveUp == 0);
  CHECK(r.errorRate < 0.05);
  CHECK(r.wpm > 2.0);
  CHECK(r.wpm < 20.0);  // a dwell of 1 s per letter cannot be faster
}

TEST_CASE("more gaze noise does not make dwell typing faster") {
  for (std::uint64_t seed : {1, 2}) {
    Simulation steady(setupFor(host::MethodKind::kDwell, 0.3, seed));
    Simulation noisy(setupFor(host::MethodKind::kDwell, 2.5, seed));
    const TypingResult a = steady.type(somePhrases(4));
    const TypingResult b = noisy.type(somePhrases(4));
    CHECK(b.wpm <= a.wpm);
  }
}

TEST_CASE("restarting the refined gaze after a saccade shortens the time per key") {
  // The filter's glide onto a key after a saccade is a device cost: with the
  // restart the point is on the key about 100 ms after landing.
  // The default profile restarts (gaze.saccade_restart on); the glide is the
  // setting off.
  // The static dwell (dwell.cascade_ms 0): the restart's gain was measured
  // with it, and the cascade's shorter dwells shrink what the glide costs.
  SimSetup glideSetup = setupFor(host::MethodKind::kDwell, 1.0);
  glideSetup.settings = {{"gaze.saccade_restart", "off"}, {"dwell.cascade_ms", "0"}};
  SimSetup restartSetup = setupFor(host::MethodKind::kDwell, 1.0);
  restartSetup.settings = {{"dwell.cascade_ms", "0"}};
  Simulation glide(glideSetup), restart(restartSetup);
  CHECK(glide.session().profile().gaze.saccadeRestart == false);
  CHECK(restart.session().profile().gaze.saccadeRestart);
  const TypingResult a = glide.type(somePhrases(6));
  const TypingResult b = restart.type(somePhrases(6));
  CHECK(secondsPerKey(b) < secondsPerKey(a) - 0.15);
  CHECK(b.gaveUp == 0);
  CHECK(b.errorRate < 0.05);
}

TEST_CASE(
    "the dwell breakdown counts lost dwells and wrong keys, more wrong keys at a short dwell") {
  // A dwell shorter than the time to see a highlight on a neighbour and
  // re-aim (lock-on 150 ms, notice 400 ms) takes the neighbour the gaze
  // landed on; at the default 1000 ms the person re-aims in time.
  SimSetup quick = setupFor(host::MethodKind::kDwell, 1.0);
  quick.settings = {{"dwell.ms", "400"}};
  Simulation slow(setupFor(host::MethodKind::kDwell, 1.0)), fast(quick);
  const TypingResult a = slow.type(somePhrases(6));
  const TypingResult b = fast.type(somePhrases(6));
  CHECK(a.time.restartsOnKey + a.time.restartsLeft > 0);
  CHECK(a.time.restartLostS > 0);
  CHECK(a.time.restartLostS < a.time.keys + a.time.words);
  const auto wrong = [](const TypingResult& r) {
    return r.time.wrongBeforeLanding + r.time.wrongAfterLanding;
  };
  CHECK(wrong(b) > wrong(a) + 3);
  CHECK(b.time.wrongAfterLanding > 0);
  CHECK(wrong(b) <= b.selections);
}

TEST_CASE("a dwell user who keeps looking at a predicted word found in the row chooses it sooner") {
  SimSetup inPlace = setupFor(host::MethodKind::kDwell, 1.0);
  inPlace.wordInPlace = true;
  Simulation again(setupFor(host::MethodKind::kDwell, 1.0)), stay(inPlace);
  const TypingResult a = again.type(somePhrases(8));
  const TypingResult b = stay.type(somePhrases(8));
  REQUIRE(a.predictionsChosen > 3);
  REQUIRE(b.predictionsChosen > 3);
  const double perWordAgain = a.time.words / static_cast<double>(a.predictionsChosen);
  const double perWordStay = b.time.words / static_cast<double>(b.predictionsChosen);
  CHECK(perWordStay < perWordAgain - 0.5);
  CHECK(perWordStay > 1.0);  // still the lock-on and the whole dwell (1.15 s)
  CHECK(b.gaveUp == 0);
}

TEST_CASE(
    "with cascading dwell the reading right after typing starts with the cascade down, and a "
    "pause puts it back to dwell.ms") {
  SimSetup setup = setupFor(host::MethodKind::kDwell, 1.0);
  setup.settings = {{"dwell.cascade_ms", "500"},
                    {"dwell.cascade_step_ms", "50"},
                    {"dwell.cascade_pause_ms", "5000"}};
  Simulation sim(setup);
  sim.type({"i need water"});
  // Speak at the end leaves the floor where the typing brought it: the
  // worst case for a reader who starts at once.
  CHECK(sim.session().cascadeFloorMs() < 1000);
  const ReadingResult r = sim.readAfterTyping({"thank you"}, 0.5, 20);
  CHECK(r.minutes == Approx(0.5).margin(0.02));
  // Each round reads 20 s, past the 5 s pause: it ends at the full dwell.
  CHECK(sim.session().cascadeFloorMs() == 1000);
}

TEST_CASE("blink-select and scanning type with blinks") {
  for (host::MethodKind m : {host::MethodKind::kBlink, host::MethodKind::kScan}) {
    Simulation sim(setupFor(m, 1.0));
    REQUIRE(sim.session().method() == m);
    const TypingResult r = sim.type(somePhrases(2));
    CHECK(r.gaveUp == 0);
    CHECK(r.wpm > 0.5);
  }
}

TEST_CASE("scanning takes fewer seconds a character on the scanning board than on en-freq") {
  // en-scan places keys by frequency along diagonals (fewer steps to common
  // letters) and has its own Delete near the start of the scan.
  double freqS = 0, scanS = 0;
  std::size_t freqChars = 0, scanChars = 0;
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    SimSetup a = setupFor(host::MethodKind::kScan, 1.0, seed);
    a.board = "en-freq";
    SimSetup b = a;
    b.board = "en-scan";
    Simulation simA(a), simB(b);
    REQUIRE(simB.session().board()->id == "en-scan");
    const TypingResult ra = simA.type(somePhrases(8));
    const TypingResult rb = simB.type(somePhrases(8));
    freqS += ra.seconds;
    freqChars += ra.chars;
    scanS += rb.seconds;
    scanChars += rb.chars;
  }
  REQUIRE(freqChars > 0);
  REQUIRE(scanChars > 0);
  CHECK(scanS / static_cast<double>(scanChars) < freqS / static_cast<double>(freqChars));
}

TEST_CASE("while resting, a reader selects nothing with any method") {
  for (host::MethodKind m :
       {host::MethodKind::kDwell, host::MethodKind::kBlink, host::MethodKind::kScan}) {
    Simulation sim(setupFor(m, 1.0, 3));
    const ReadingResult r = sim.read(3.0, true);
    CHECK(sim.session().resting());
    CHECK(r.minutes >= 3.0);
    CHECK(r.selections == 0);
  }
}

TEST_CASE("reading the board with blink-select or scanning selects almost nothing") {
  // Only spontaneous blinks could select, and they are shorter than blink.min_ms
  // but for a rare tail.
  for (host::MethodKind m : {host::MethodKind::kBlink, host::MethodKind::kScan}) {
    Simulation sim(setupFor(m, 1.0, 5));
    const ReadingResult r = sim.read(10.0, false);
    CHECK(r.perMinute <= 0.2);
  }
}

TEST_CASE("drishti-simulate with no arguments prints one line per method with its wpm") {
  const simtest::SimulateRun run = simtest::runSimulate({});
  REQUIRE(run.code == 0);
  const std::vector<std::string>& lines = run.lines;
  REQUIRE(lines.size() == 3);
  // Scanning runs on the English scanning board (frequency along diagonals).
  const std::regex wpm(R"(^(dwell|blink|scan)\s+en-(abc|scan) .* [0-9]+\.[0-9] wpm, .*)");
  CHECK(std::regex_match(lines[0], wpm));
  CHECK(lines[0].starts_with("dwell"));
  CHECK(lines[1].starts_with("blink"));
  CHECK(lines[2].starts_with("scan  en-scan"));
  for (const std::string& l : lines)
    CHECK(std::regex_match(l, wpm));
}

TEST_CASE(
    "Huffman scanning types the phrases, and a reader makes at most 1 false selection in 10 min") {
  // The settings measured in docs/BENCHMARKS.md for an experienced user.
  SimSetup s = setupFor(host::MethodKind::kScan, 1.0, 1);
  s.board = "en-scan";
  s.settings = {{"scan.mode", "huffman"},     {"scan.interval_ms", "700"},
                {"scan.first_delay_ms", "0"}, {"scan.restart_delay_ms", "500"},
                {"scan.gaze_start", "on"},    {"echo", "letters"},
                {"prediction", "off"}};
  Simulation sim(s);
  const TypingResult r = sim.type(somePhrases(3));
  CHECK(r.gaveUp == 0);
  CHECK(r.errorRate < 0.05);
  CHECK(r.wpm > 1.0);
  s.seed = 7;
  Simulation reader(s);
  const ReadingResult read = reader.read(10.0, false);
  CHECK(read.minutes >= 10.0);
  // A key is picked only by a blink, never by a timeout (unit test
  // `Huffman scanning selects nothing while nobody blinks`), but a
  // spontaneous blink longer than blink.min_ms (about 1 in 100) picks a key
  // lit alone: measured up to 1 in 10 minutes (docs/BENCHMARKS.md), the
  // target, which is what this checks.
  CHECK(read.selections <= 1);
}

TEST_CASE("a person practised on the layout makes no search looks and dwell-types faster") {
  SimSetup novice = setupFor(host::MethodKind::kDwell, 1.0);
  SimSetup practised = novice;
  practised.user = practisedUser();
  CHECK(practised.user.extraSearchProbability == 0);
  CHECK(novice.user.extraSearchProbability > 0);
  Simulation a(novice), b(practised);
  const TypingResult slow = a.type(somePhrases(6));
  const TypingResult fast = b.type(somePhrases(6));
  // A search look (250 ms median, then a new saccade) before 30 % of keys.
  CHECK(secondsPerKey(fast) < secondsPerKey(slow) - 0.05);
  CHECK(fast.wpm > slow.wpm);
  CHECK(fast.gaveUp == 0);
  CHECK(fast.errorRate < 0.05);
}

// Six phrases at a 600 ms dwell and a 1 degree tracker (unless said), for
// the drift correction's lock-out cases below.
static TypingResult typeAt600ms(std::uint64_t seed, const UserParams& user, double noiseDeg = 1.0) {
  SimSetup s = setupFor(host::MethodKind::kDwell, noiseDeg, seed);
  s.user = user;
  s.settings = {{"dwell.ms", "600"}};
  Simulation sim(s);
  REQUIRE(sim.error().empty());
  return sim.type(somePhrases(6));
}

TEST_CASE("drift correction does not learn from keys the person deletes") {
  // Found on held-out seed 20: a practised person at a 600 ms dwell selected
  // Space for every look at Delete beside it; the correction learned each
  // Space before it was deleted, moving the gaze further toward Space, and
  // all 20 phrases were abandoned after 2073 tries at Delete (0.1 wpm).
  // Learning only from what the person keeps (HeldSelections) types them.
  const TypingResult r = typeAt600ms(20, practisedUser());
  CHECK(r.gaveUp == 0);
  CHECK(r.errorRate < 0.05);
  CHECK(r.wpm > 3.0);
}

TEST_CASE("drift correction does not learn from keys it moved the gaze onto") {
  // From the 60-seed lock-out sweep: on seed 39 at a 600 ms dwell a Space
  // selected on the way to Delete was "kept" by a second such Space, and the
  // correction learned from keys the eyes were never on; 2 of 6 phrases were
  // abandoned, 33 % errors, 213 tries at Delete. Learning only from keys the
  // uncorrected gaze was on types them.
  const TypingResult r = typeAt600ms(39, UserParams{});
  CHECK(r.gaveUp == 0);
  CHECK(r.errorRate < 0.05);
}

TEST_CASE("drift correction that is local keeps a person with a 1.5 degree tracker typing") {
  // From the 60-seed sweep: seed 57 at a 600 ms dwell with a 1.5 degree
  // tracker abandoned all 20 phrases (89 % errors) with one offset for the
  // whole screen. With the local part (DriftParams::localRadiusDeg) it typed
  // them all (4.2 wpm). These six phrases: one offset 6 of 6 abandoned, 77 %
  // errors, 0.2 wpm; local 0 abandoned, 10 % errors, 4.2 wpm.
  const TypingResult r = typeAt600ms(57, UserParams{}, 1.5);
  CHECK(r.gaveUp == 0);
  CHECK(r.errorRate < 0.2);
  CHECK(r.wpm > 2.0);
}
