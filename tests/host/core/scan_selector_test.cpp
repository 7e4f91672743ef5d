#include "host/core/scan_selector.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "method_test_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

AccessParams params(ScanMode mode) {
  AccessParams p;
  p.scan.mode = mode;
  p.scan.intervalMs = 1000;
  p.scan.firstDelayMs = 0;
  p.scan.loops = 2;
  return p;
}

MethodView viewOf(const ScanSelector& s) {
  MethodView v;
  s.view(v);
  return v;
}

}  // namespace

TEST_CASE("row scanning: rows in turn, then keys of the chosen row") {
  const auto targets = gridTargets(3, 4);
  ScanSelector s(params(ScanMode::kRows));
  s.setTargets(targets, 0);
  CHECK(viewOf(s).groupBegin == 0);
  CHECK(viewOf(s).groupEnd == 4);
  s.advance(1000'000);
  CHECK(viewOf(s).groupBegin == 4);        // second row
  CHECK(s.input(blink(1500, 500)) == -1);  // enter the row
  CHECK(viewOf(s).focus == 4);
  s.advance(2500'000);
  CHECK(viewOf(s).focus == 5);
  CHECK(s.input(blink(3000, 500)) == 5);
  CHECK(viewOf(s).groupBegin == 0);  // back to the top after a selection
}

TEST_CASE("a longer blink or the second switch steps back up") {
  const auto targets = gridTargets(3, 4);
  ScanSelector s(params(ScanMode::kRows));
  s.setTargets(targets, 0);
  s.input(simple(100, InputKind::kSwitchDown, 0));  // into row 0
  CHECK(viewOf(s).focus == 0);
  s.input(blink(800, 1500));  // longer blink: back to rows
  CHECK(viewOf(s).groupEnd - viewOf(s).groupBegin == 4);
  s.input(simple(900, InputKind::kSwitchUp, 0));
  s.input(simple(1000, InputKind::kSwitchDown, 0));  // into row 0 again
  s.input(simple(1100, InputKind::kSwitchDown, 1));  // second switch: back
  CHECK(viewOf(s).groupEnd - viewOf(s).groupBegin == 4);
  CHECK(s.input(simple(1200, InputKind::kSwitchDown, 0)) == -1);  // key repeat of a held switch
}

TEST_CASE("a step back scans the rows again from the first, after the first delay") {
  // A late blink entered row 1 when row 0 was meant: going on from row 1
  // would make the person wait a whole pass to reach row 0 again.
  const auto targets = gridTargets(3, 4);
  AccessParams p = params(ScanMode::kRows);
  p.scan.firstDelayMs = 500;
  ScanSelector s(p);
  s.setTargets(targets, 0);
  s.advance(1600'000);  // row 0 for 1500 ms (first delay), then row 1
  CHECK(viewOf(s).groupBegin == 4);
  CHECK(s.input(blink(2100, 500)) == -1);  // into row 1
  CHECK(viewOf(s).focus == 4);
  CHECK(s.input(blink(4000, 1500)) == -1);  // a longer blink: back to the rows
  CHECK(viewOf(s).groupBegin == 0);         // from the first row again
  CHECK(viewOf(s).groupEnd == 4);
  s.advance(5'400'000);  // it stays interval + first delay
  CHECK(viewOf(s).groupBegin == 0);
  s.advance(5'500'000);
  CHECK(viewOf(s).groupBegin == 4);
  CHECK(s.input(blink(6000, 500)) == -1);  // a blink now enters row 1 again
  CHECK(viewOf(s).focus == 4);
}

TEST_CASE("after a selection the first row stays lit for the restart delay too, inside a row not") {
  const auto targets = gridTargets(3, 4);
  AccessParams p = params(ScanMode::kRows);
  p.scan.firstDelayMs = 200;
  p.scan.restartDelayMs = 800;
  ScanSelector s(p);
  s.setTargets(targets, 0);  // a new screen: scanning starts from the top
  s.advance(1'900'000);      // 1000 + 200 + 800 ms
  CHECK(viewOf(s).groupBegin == 0);
  s.advance(2'000'000);
  CHECK(viewOf(s).groupBegin == 4);
  CHECK(s.input(blink(2500, 400)) == -1);  // into row 1 at 2.5 s
  s.advance(3'650'000);                    // its first key: 1000 + 200 ms, no restart delay
  CHECK(viewOf(s).focus == 4);
  s.advance(3'700'000);
  CHECK(viewOf(s).focus == 5);
  CHECK(s.input(blink(4200, 400)) == 5);  // chosen at 4.2 s: from the top again
  s.advance(6'150'000);
  CHECK(viewOf(s).groupBegin == 0);
  s.advance(6'200'000);
  CHECK(viewOf(s).groupBegin == 4);
}

TEST_CASE("group scanning goes section, row, key") {
  auto targets = gridTargets(2, 2);
  for (Target& t : gridTargets(1, 3)) {
    t.section = 1;
    t.rect.y += 300;
    targets.push_back(t);
  }
  ScanSelector s(params(ScanMode::kGroups));
  s.setTargets(targets, 0);
  CHECK(viewOf(s).groupEnd == 4);  // the whole board section
  s.input(blink(500, 500));
  CHECK(viewOf(s).groupEnd == 2);  // its first row
  s.input(blink(1000, 500));
  CHECK(viewOf(s).focus == 0);
  CHECK(s.input(blink(1500, 500)) == 0);
}

TEST_CASE("property: scanning wraps around at every level and never stalls") {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    std::mt19937 rng(seed);
    const int rows = std::uniform_int_distribution<int>(1, 6)(rng);
    const int cols = std::uniform_int_distribution<int>(1, 8)(rng);
    const auto targets = gridTargets(rows, cols);
    AccessParams p = params(seed % 2 ? ScanMode::kRows : ScanMode::kLinear);
    p.scan.intervalMs =
        static_cast<std::uint32_t>(std::uniform_int_distribution<int>(300, 3000)(rng));
    p.scan.loops = 100;
    ScanSelector s(p);
    s.setTargets(targets, 0);
    const int items = p.scan.mode == ScanMode::kLinear ? rows * cols : rows;
    std::vector<int> seen;
    for (int step = 0; step < 3 * items; ++step) {
      const MethodView v = viewOf(s);
      seen.push_back(v.groupBegin);
      s.advance(static_cast<std::int64_t>(step + 1) * p.scan.intervalMs * 1000);
    }
    for (int i = 0; i < 3 * items; ++i) {
      const int expected = (i % items) * (p.scan.mode == ScanMode::kLinear || rows == 1 ? 1 : cols);
      INFO("seed " << seed << " step " << i << " rows " << rows << " cols " << cols);
      if (rows == 1 && p.scan.mode == ScanMode::kRows)
        CHECK(seen[static_cast<std::size_t>(i)] == i % cols);  // one row: its keys directly
      else
        CHECK(seen[static_cast<std::size_t>(i)] == expected);
    }
    // Inside a row, the keys wrap too, and after scan.loops passes it climbs back out.
    if (p.scan.mode == ScanMode::kRows && rows > 1 && cols > 1) {
      AccessParams q = p;
      q.scan.loops = 2;
      ScanSelector inner(q);
      inner.setTargets(targets, 0);
      inner.input(simple(0, InputKind::kSwitchDown, 0));
      const std::int64_t iv = q.scan.intervalMs * 1000LL;
      for (int k = 0; k < cols; ++k) {
        CHECK(viewOf(inner).focus == k);
        inner.advance(iv * (k + 1));
      }
      CHECK(viewOf(inner).focus == 0);  // one full pass: wrapped to the first key
      inner.advance(iv * 2 * cols);     // second pass done: back to the rows
      CHECK(viewOf(inner).groupEnd - viewOf(inner).groupBegin == cols);
    }
  }
}

TEST_CASE("hours of silence do not hang the scanner") {
  const auto targets = gridTargets(4, 4);
  ScanSelector s(params(ScanMode::kRows));
  s.setTargets(targets, 0);
  s.advance(10LL * 3600 * 1000'000);
  CHECK(viewOf(s).groupBegin >= 0);
}

TEST_CASE("scanning passes over empty slots and rows of them") {
  auto targets = gridTargets(3, 4);
  for (int i = 0; i < 4; ++i)
    targets[static_cast<std::size_t>(i)].scanSkip = true;  // an empty first row
  targets[5].scanSkip = true;                              // an empty slot in the second
  ScanSelector s(params(ScanMode::kRows));
  s.setTargets(targets, 0);
  CHECK(viewOf(s).groupBegin == 4);       // the empty row is never lit
  CHECK(s.input(blink(600, 500)) == -1);  // enter the second row
  CHECK(viewOf(s).focus == 4);
  s.advance(1700'000);
  CHECK(viewOf(s).focus == 6);  // slot 5 is passed over
  CHECK(viewOf(s).scopeBegin == 4);
  CHECK(viewOf(s).scopeEnd == 8);
  CHECK(s.input(blink(2300, 500)) == 6);
}

namespace {

// Four keys with chances 1/2, 1/4, 1/8, 1/8 (scan_code_test.cpp).
std::vector<Target> huffmanTargets() {
  auto t = gridTargets(1, 4);
  const float w[] = {0.5F, 0.25F, 0.125F, 0.125F};
  for (std::size_t i = 0; i < t.size(); ++i)
    t[i].scanWeight = w[i];
  return t;
}

bool lit(const MethodView& v, int key) {
  return std::find(v.lit.begin(), v.lit.end(), key) != v.lit.end();
}

}  // namespace

TEST_CASE("Huffman scanning: a blink means lit, a timeout means not lit") {
  const auto targets = huffmanTargets();
  ScanSelector s(params(ScanMode::kHuffman));
  s.setTargets(targets, 0);
  MethodView v = viewOf(s);
  CHECK(v.candidates.size() == 4);
  CHECK(v.lit.size() == 1);  // the likeliest key, alone
  CHECK(v.focus == 0);
  CHECK(v.groupBegin == -1);
  s.advance(1000'000);  // "no"
  v = viewOf(s);
  CHECK(v.candidates.size() == 3);
  CHECK(lit(v, 1));
  CHECK(!lit(v, 0));
  s.advance(2000'000);  // "no": keys 2 and 3 left, one lit
  v = viewOf(s);
  REQUIRE(v.candidates.size() == 2);
  const int first = v.lit[0];
  const int other = first == 2 ? 3 : 2;
  s.advance(3000'000);  // "no": the other is lit alone, to be confirmed
  v = viewOf(s);
  CHECK(v.candidates.size() == 1);
  CHECK(v.focus == other);
  CHECK(s.input(blink(3600, 500)) == other);
  CHECK(viewOf(s).candidates.size() == 4);  // all keys again
  CHECK(s.input(blink(4200, 500)) == 0);    // the likeliest: one blink
}

TEST_CASE("Huffman scanning selects nothing while nobody blinks") {
  const auto targets = huffmanTargets();
  ScanSelector s(params(ScanMode::kHuffman));
  s.setTargets(targets, 0);
  for (std::int64_t t = 0; t <= 600'000; t += 50)
    REQUIRE(s.advance(t * 1000) == -1);
  // Short (spontaneous) blinks are no answer either.
  for (std::int64_t t = 600'100; t <= 700'000; t += 3000)
    REQUIRE(s.input(blink(t, 200)) == -1);
}

TEST_CASE("Huffman scanning: a late blink answers the set lit when the eyes closed") {
  const auto targets = huffmanTargets();
  AccessParams p = params(ScanMode::kHuffman);
  ScanSelector s(p);
  s.setTargets(targets, 0);
  // Key 0 lit alone until 1000 ms; the eyes close at 900 and open at 1400:
  // the blink picks key 0 although key 1's set is lit by then.
  s.advance(1300'000);
  CHECK(!lit(viewOf(s), 0));
  CHECK(s.input(blink(1400, 500)) == 0);
}

TEST_CASE("Huffman scanning: a longer blink starts again from all keys") {
  const auto targets = huffmanTargets();
  ScanSelector s(params(ScanMode::kHuffman));
  s.setTargets(targets, 0);
  s.advance(1000'000);  // key 0 ruled out
  CHECK(viewOf(s).candidates.size() == 3);
  CHECK(s.input(blink(1800, 1500)) == -1);  // step back
  CHECK(viewOf(s).candidates.size() == 4);
  CHECK(s.atTop());
  s.advance(2500'000);
  CHECK(s.input(blink(2600, 500)) == 0);
}

TEST_CASE("with scan.gaze_start the first set after a pick waits for the gaze to rest on a key") {
  // Keys in a 1 x 4 grid (0..400 px wide, 0..100 high); the message is
  // elsewhere (y 300). Steps 1000 ms, no first delay.
  const auto targets = huffmanTargets();
  for (const bool on : {false, true}) {
    INFO(on);
    AccessParams p = params(ScanMode::kHuffman);
    p.scan.gazeStart = on;
    ScanSelector s(p);
    s.setTargets(targets, 0);
    s.input(gaze(100, 50, 50));  // on key 0
    // Key 1 picked at 2000 ms (key 0 lit alone until 1000, then key 1's set).
    s.advance(1500'000);
    REQUIRE(s.input(blink(2000, 500)) == 1);
    REQUIRE(viewOf(s).candidates.size() == 4);
    // The person reads the message until 2900 ms, then rests on key 3.
    for (std::int64_t t = 2050; t <= 2900; t += 50)
      s.input(gaze(t, 200, 300));
    for (std::int64_t t = 2950; t <= 3500; t += 50)
      s.input(gaze(t, 350, 50));
    s.advance(3500'000);
    // Without the setting the first set ran out at 3000 ms; with it, its
    // 1000 ms started when the gaze came to rest on a key (2950 ms).
    CHECK((viewOf(s).candidates.size() == 4) == on);
    s.advance(3960'000);
    CHECK(viewOf(s).candidates.size() == 3);
  }
  // Reading (or a lost gaze) never holds the scan longer than the cap.
  AccessParams p = params(ScanMode::kHuffman);
  p.scan.gazeStart = true;
  ScanSelector s(p);
  s.setTargets(targets, 0);
  s.input(gaze(100, 50, 50));
  s.advance(1500'000);
  REQUIRE(s.input(blink(2000, 500)) == 1);
  const std::int64_t capMs = 2000 + ScanParams::kGazeStartMaxMs;
  for (std::int64_t t = 2050; t < capMs; t += 50) {
    s.input(gaze(t, 200, 300));
    REQUIRE(viewOf(s).candidates.size() == 4);
  }
  s.input(gaze(capMs + 10, 200, 300));
  CHECK(viewOf(s).candidates.size() == 3);
}

TEST_CASE("early blink: a closure enters the row at blink.min_ms, a key waits for the eyes") {
  const auto targets = gridTargets(3, 4);
  AccessParams p = params(ScanMode::kRows);
  p.scan.earlyBlink = true;
  ScanSelector s(p);
  s.setTargets(targets, 0);
  s.advance(1000'000);                      // second row lit
  CHECK(s.input(lids(1100, false)) == -1);  // eyes close
  CHECK(s.advance(1400'000) == -1);         // 300 ms: nothing yet
  CHECK(viewOf(s).groupEnd - viewOf(s).groupBegin == 4);
  CHECK(s.advance(1500'000) == -1);  // 400 ms (blink.min_ms): into the row
  CHECK(viewOf(s).focus == 4);
  CHECK(s.input(lids(1700, true)) == -1);
  CHECK(s.input(blink(1700, 600)) == -1);  // the same blink: not counted again
  CHECK(viewOf(s).focus == 4);
  // A key: the closure waits for the eyes to open; then a long one steps back.
  CHECK(s.input(lids(1800, false)) == -1);
  CHECK(s.advance(2300'000) == -1);
  for (std::int64_t t = 2333; t < 3000; t += 33)  // still shut: lid samples go on
    CHECK(s.input(lids(t, false)) == -1);
  CHECK(s.input(blink(3000, 1200)) == -1);
  CHECK(viewOf(s).groupEnd - viewOf(s).groupBegin == 4);  // rows again, nothing typed
  // A short (spontaneous) closure does nothing.
  s.input(lids(3100, false));
  s.advance(3300'000);
  CHECK(s.input(blink(3300, 200)) == -1);
  CHECK(viewOf(s).groupEnd - viewOf(s).groupBegin == 4);
}

TEST_CASE("early blink in Huffman scanning narrows at blink.min_ms and picks when the eyes open") {
  auto targets = gridTargets(1, 8);
  for (std::size_t i = 0; i < targets.size(); ++i)
    targets[i].scanWeight = 1;  // all alike: 3 questions, the first lit set holds 4 keys
  AccessParams p = params(ScanMode::kHuffman);
  p.scan.earlyBlink = true;
  ScanSelector s(p);
  s.setTargets(targets, 0);
  REQUIRE(viewOf(s).lit.size() == 4);
  const int want = viewOf(s).lit[0];
  s.input(lids(100, false));
  s.advance(500'000);
  CHECK(viewOf(s).candidates.size() == 4);  // narrowed while the eyes are still shut
  s.input(lids(700, true));
  CHECK(s.input(blink(700, 600)) == -1);
  REQUIRE(viewOf(s).candidates.size() == 4);
  int chosen = -1;
  std::int64_t t = 800;
  for (int q = 0; q < 4 && chosen < 0; ++q, t += 700) {
    const MethodView v = viewOf(s);
    if (std::find(v.lit.begin(), v.lit.end(), want) != v.lit.end()) {
      s.input(lids(t, false));
      const int early = s.advance((t + 450) * 1000);
      const bool picks = v.lit.size() == 1;
      CHECK(early == -1);  // a key is never picked with the eyes shut
      chosen = s.input(blink(t + 600, 600));
      if (!picks)
        CHECK(chosen == -1);
    } else {
      s.advance((t + 700) * 1000);
    }
  }
  CHECK(chosen == want);
}
