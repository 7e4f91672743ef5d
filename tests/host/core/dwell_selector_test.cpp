#include "host/core/dwell_selector.h"

#include <catch2/catch.hpp>
#include <random>

#include "method_test_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

DwellParams params() {
  DwellParams p;
  p.dwellMs = 1000;
  p.lockOnMs = 150;
  p.lossGraceMs = 300;
  p.marginPx = 10;
  return p;
}

// Feeds gaze at 30 Hz from t0 for ms, returns the first selection or -1.
int hold(DwellSelector& d, std::int64_t t0, std::int64_t ms, float x, float y) {
  for (std::int64_t t = t0; t < t0 + ms; t += 33) {
    const int s = d.input(gaze(t, x, y));
    if (s >= 0)
      return s;
  }
  return -1;
}

}  // namespace

TEST_CASE("dwell selects after lock-on plus dwell time, with progress in between") {
  const auto targets = gridTargets(2, 3);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  CHECK(d.input(gaze(0, 150, 50)) == -1);
  CHECK(d.input(gaze(100, 150, 50)) == -1);
  CHECK(d.progress() == 0);  // still locking on
  CHECK(d.input(gaze(650, 150, 50)) == -1);
  CHECK(d.progress() == Approx(0.5));
  CHECK(d.focus() == 1);
  CHECK(d.input(gaze(1149, 150, 50)) == -1);
  CHECK(d.input(gaze(1150, 150, 50)) == 1);
}

TEST_CASE("per-key dwell times are honoured") {
  auto targets = gridTargets(1, 2);
  targets[1].dwellMs = 2000;
  DwellSelector d(params());
  d.setTargets(targets, 0);
  CHECK(hold(d, 0, 2100, 150, 50) == -1);
  CHECK(d.input(gaze(2150, 150, 50)) == 1);
}

TEST_CASE("a held look selects once, then needs a look away, even on a new screen") {
  const auto targets = gridTargets(1, 2);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  CHECK(hold(d, 0, 1300, 50, 50) == 0);
  CHECK(hold(d, 1300, 4000, 50, 50) == -1);  // staring on: no "aaaa"
  d.setTargets(targets, 5300);               // a new screen under the same gaze
  CHECK(hold(d, 5300, 3000, 50, 50) == -1);
  CHECK(hold(d, 8300, 200, 150, 50) == -1);  // away
  CHECK(hold(d, 8500, 1300, 50, 50) == 0);   // and back: selectable again
}

TEST_CASE("the mouse held still dwells through time alone") {
  const auto targets = gridTargets(1, 2);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  d.input(gaze(0, 50, 50));
  CHECK(d.advance(1000'000) == -1);
  CHECK(d.advance(1150'000) == 0);
}

TEST_CASE("a blink keeps the progress, and a long loss resets it") {
  const auto targets = gridTargets(1, 2);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  hold(d, 0, 600, 50, 50);
  d.input(simple(600, InputKind::kGazeLost));
  CHECK(d.advance(800'000) == -1);  // nothing is selected while the eyes are closed
  const float before = d.progress();
  d.input(gaze(850, 50, 50));
  CHECK(d.progress() == Approx(before).margin(0.05));
  CHECK(hold(d, 850, 700, 50, 50) == 0);  // the closed time did not count, but the rest did

  d.input(gaze(3000, 150, 50));
  d.input(gaze(3500, 150, 50));
  d.input(simple(3500, InputKind::kGazeLost));
  d.advance(4000'000);  // 500 ms > grace
  d.input(gaze(4000, 150, 50));
  CHECK(d.progress() == 0);
}

TEST_CASE(
    "property: dwell resets when the gaze leaves, and selects only after a full dwell inside") {
  const DwellParams p = params();
  const auto targets = gridTargets(3, 4);
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    DwellSelector d(p);
    d.setTargets(targets, 0);
    struct Sample {
      std::int64_t t;
      float x, y;
    };
    std::vector<Sample> history;
    float x = 200, y = 150;
    std::int64_t t = 0;
    for (int i = 0; i < 3000; ++i) {
      t += std::uniform_int_distribution<int>(10, 60)(rng);
      // Mostly small jitter, sometimes a jump to anywhere (a saccade).
      if (std::uniform_int_distribution<int>(0, 30)(rng) == 0) {
        x = std::uniform_real_distribution<float>(-50, 450)(rng);
        y = std::uniform_real_distribution<float>(-50, 350)(rng);
      } else {
        x += std::uniform_real_distribution<float>(-6, 6)(rng);
        y += std::uniform_real_distribution<float>(-6, 6)(rng);
      }
      history.push_back({t, x, y});
      const int s = d.input(gaze(t, x, y));
      MethodView v;
      d.view(v);
      if (v.focus >= 0) {
        const Rect r = targets[static_cast<std::size_t>(v.focus)].rect;
        const Rect grown{r.x - p.marginPx, r.y - p.marginPx, r.w + 2 * p.marginPx,
                         r.h + 2 * p.marginPx};
        CHECK(grown.contains(x, y));  // progress only ever belongs to the key under the gaze
      } else {
        CHECK(v.progress == 0);
      }
      if (s < 0)
        continue;
      const Rect r = targets[static_cast<std::size_t>(s)].rect;
      const Rect grown{r.x - p.marginPx, r.y - p.marginPx, r.w + 2 * p.marginPx,
                       r.h + 2 * p.marginPx};
      const std::int64_t needMs = p.lockOnMs + p.dwellMs;
      // Every sample before the selecting one, back to a full dwell, was on the key.
      // (The selecting sample may already be elsewhere: time ran out just before it.)
      for (auto it = history.rbegin() + 1; it != history.rend() && it->t >= t - needMs; ++it) {
        INFO("seed " << seed << ": selection at " << t << " ms of target " << s << " but gaze at ("
                     << it->x << ", " << it->y << ") at " << it->t << " ms");
        REQUIRE(grown.contains(it->x, it->y));
      }
      REQUIRE(history.front().t <= t - needMs);
    }
  }
}

namespace {

DwellParams landed() {
  DwellParams p = params();
  p.landedOnly = true;
  p.holdPx = 0;  // the landing rule alone (the hold and reading guards are tested below)
  p.readingGuard = false;
  return p;
}

InputEvent fixGaze(std::int64_t tMs, float x, float y, std::int32_t fixation) {
  InputEvent e = gaze(tMs, x, y);
  e.fixation = fixation;
  return e;
}

}  // namespace

TEST_CASE("with fixations known, a key the gaze passes over between fixations is never dwelt on") {
  const auto targets = gridTargets(1, 3);
  DwellSelector d(landed());
  d.setTargets(targets, 0);
  CHECK(d.input(fixGaze(0, 50, 50, 3)) == -1);  // a fixation on key 0 ...
  // ... then a lagging point (fixation 0: the eyes are moving) rests on key 1
  // longer than lock-on plus dwell: nothing starts there.
  for (std::int64_t t = 33; t < 900; t += 33) {
    CHECK(d.input(fixGaze(t, 150, 50, 0)) == -1);
    CHECK(d.focus() == -1);
  }
  // The eyes land on key 2: its dwell starts at the landing.
  CHECK(d.input(fixGaze(900, 250, 50, 7)) == -1);
  CHECK(d.focus() == 2);
  for (std::int64_t t = 933; t < 2033; t += 33)  // 1133 ms after landing: not yet
    CHECK(d.input(fixGaze(t, 250, 50, 7)) == -1);
  int selected = -1;
  for (std::int64_t t = 2033; t < 2200 && selected < 0; t += 33)
    selected = d.input(fixGaze(t, 250, 50, 7));
  CHECK(selected == 2);
}

TEST_CASE("leaving the key between fixations drops it, within the margin it is kept") {
  const auto targets = gridTargets(1, 3);
  DwellSelector d(landed());
  d.setTargets(targets, 0);
  CHECK(d.input(fixGaze(0, 150, 50, 1)) == -1);
  CHECK(d.input(fixGaze(500, 150, 50, 1)) == -1);
  // Noise takes the point 8 px past the edge while the detector lost the fixation.
  CHECK(d.input(fixGaze(533, 208, 50, 0)) == -1);
  CHECK(d.focus() == 1);
  CHECK(d.progress() > 0.3F);
  // Clearly onto the next key, still moving: dropped, and key 2 not taken up.
  CHECK(d.input(fixGaze(566, 240, 50, 0)) == -1);
  CHECK(d.focus() == -1);
}

TEST_CASE("a fixation split by noise continues the dwell, a step along the key restarts it") {
  const auto targets = gridTargets(1, 3);
  DwellParams p = landed();
  p.refixationPx = 30;
  SECTION("split at the same spot") {
    DwellSelector e(p);
    e.setTargets(targets, 0);
    for (std::int64_t t = 0; t < 700; t += 33)
      CHECK(e.input(fixGaze(t, 140, 50, 1)) == -1);
    // The detector starts fixation 2 ten px away: the same look.
    int selected = -1;
    for (std::int64_t t = 700; t < 1200 && selected < 0; t += 33)
      selected = e.input(fixGaze(t, 150, 50, 2));
    CHECK(selected == 1);  // 1150 ms after the first landing
  }
  SECTION("a reading step of 2 degrees") {
    DwellSelector e(p);
    e.setTargets(targets, 0);
    for (std::int64_t t = 0; t < 700; t += 33)
      CHECK(e.input(fixGaze(t, 115, 50, 1)) == -1);
    for (std::int64_t t = 700; t < 1700; t += 33)
      CHECK(e.input(fixGaze(t, 185, 50, 2)) == -1);  // restarted at 700: due at 1850
    CHECK(e.focus() == 1);
  }
}

TEST_CASE("the mouse (no fixation information) dwells as before") {
  const auto targets = gridTargets(1, 2);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  REQUIRE(gaze(0, 1, 1).fixation == -1);
  // Moving across key 0 onto key 1 with no fixations known: key 1 is taken up at once.
  CHECK(d.input(gaze(0, 50, 50)) == -1);
  CHECK(d.input(gaze(33, 150, 50)) == -1);
  CHECK(d.focus() == 1);
  CHECK(hold(d, 66, 1200, 150, 50) == 1);
}

TEST_CASE("a gaze with no fixation found for a second dwells on its points") {
  const auto targets = gridTargets(1, 2);
  DwellSelector d(landed());
  d.setTargets(targets, 0);
  // The detector never finds a fixation (a very noisy tracker): still usable.
  CHECK(hold(d, 0, 100, 150, 50) == -1);
  int selected = -1;
  for (std::int64_t t = 0; t < 1300 && selected < 0; t += 33)
    selected = d.input(fixGaze(t, 150, 50, 0));
  CHECK(selected == 1);
}

namespace {

// A reader's eyes along row 0 of 100 px keys: fixations of 250 ms, 80 px
// apart, from x = 40; then a pause of pauseMs on the last spot. Returns the
// first selection or -1, and the time the pause ended in tEnd.
int readThenPause(DwellSelector& d, int steps, std::int64_t pauseMs, std::int64_t& tEnd) {
  std::int64_t t = 0;
  float x = 40;
  for (int i = 0; i < steps; ++i, x += 80) {
    const int s = hold(d, t, 250, x, 50);
    if (s >= 0)
      return s;
    t += 250;
  }
  const int s = hold(d, t, pauseMs, x - 80, 50);
  tEnd = t + pauseMs;
  return s;
}

}  // namespace

TEST_CASE("a reader who stops on a key to think selects nothing") {
  const auto targets = gridTargets(2, 8);
  std::int64_t t = 0;
  SECTION("with the guards (the default)") {
    DwellSelector d(params());
    d.setTargets(targets, 0);
    CHECK(readThenPause(d, 5, 2500, t) == -1);
    // A jump down to a key of the next row is not reading: it selects.
    CHECK(hold(d, t, 1100, 350, 150) == -1);
    CHECK(hold(d, t + 1100, 200, 350, 150) == 11);
  }
  SECTION("without them, the pause selects the key") {
    DwellParams p = params();
    p.holdPx = 0;
    p.readingGuard = false;
    DwellSelector d(p);
    d.setTargets(targets, 0);
    CHECK(readThenPause(d, 5, 2500, t) == 3);
  }
  SECTION("with only the hold guard, the pause selects the key too") {
    DwellParams p = params();
    p.readingGuard = false;
    DwellSelector d(p);
    d.setTargets(targets, 0);
    CHECK(readThenPause(d, 5, 2500, t) == 3);
  }
}

TEST_CASE("a reader who stopped to think on a blocked key is still reading at the next word") {
  const auto targets = gridTargets(2, 8);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  std::int64_t t = 0;
  // A long pause (beyond dwell.reading_look_ms) on a key while reading...
  REQUIRE(readThenPause(d, 5, 1500, t) == -1);
  // ... then the next word along the line and another pause: still reading.
  CHECK(hold(d, t, 2500, 40 + 5 * 80, 50) == -1);
  // A look that rests outside reading still ends it: a jump down, held.
  CHECK(hold(d, t + 2500, 1300, 350, 150) == 11);
}

namespace {

// Looks of 250 ms at the given points (a reader's fixations as the refined
// gaze places them), then a pause of pauseMs at the last one. Returns the
// first selection or -1.
int readLooks(DwellSelector& d, std::initializer_list<std::pair<float, float>> looks,
              std::int64_t pauseMs) {
  std::int64_t t = 0;
  const std::pair<float, float>* last = nullptr;
  for (const auto& look : looks) {
    const int s = hold(d, t, 250, look.first, look.second);
    if (s >= 0)
      return s;
    t += 250;
    last = &look;
  }
  return last == nullptr ? -1 : hold(d, t, pauseMs, last->first, last->second);
}

}  // namespace

TEST_CASE("a reader's look placed off the line by the tracker's noise does not end reading") {
  // Along row 0 (y 50), one look 55 px low (more than hold_px 30 off the
  // line, a few samples' mean just after landing), then back on the line.
  const auto targets = gridTargets(3, 12);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  CHECK(readLooks(d, {{40, 50}, {120, 50}, {200, 50}, {280, 50}, {360, 105}, {440, 50}}, 2500) ==
        -1);
  // A look as far down as along (a look down at a key, not a reading step)
  // still ends reading: it selects.
  DwellSelector e(params());
  e.setTargets(targets, 0);
  CHECK(readLooks(e, {{40, 50}, {120, 50}, {200, 50}, {280, 50}, {300, 110}}, 1300) == 15);
}

TEST_CASE("looks scattered about a line by noise are reading steps along it") {
  // Each look 25-35 px above or below the one before (more than hold_px),
  // but within hold_px of the line's mean height.
  const auto targets = gridTargets(3, 12);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  CHECK(readLooks(d, {{40, 50}, {120, 75}, {200, 40}, {280, 72}}, 2500) == -1);
}

TEST_CASE("a step a little beyond a reading step does not end reading, a jump does") {
  const auto targets = gridTargets(3, 12);
  SECTION("300 px (two fixations the refined point merged)") {
    DwellSelector d(params());  // reading_step_px 220
    d.setTargets(targets, 0);
    CHECK(readLooks(d, {{40, 50}, {120, 50}, {200, 50}, {280, 50}, {580, 50}}, 2500) == -1);
  }
  SECTION("600 px") {
    DwellSelector d(params());
    d.setTargets(targets, 0);
    CHECK(readLooks(d, {{40, 50}, {120, 50}, {200, 50}, {280, 50}, {880, 50}}, 1300) == 8);
  }
}

TEST_CASE("the sweep back to the first line does not end reading") {
  const auto targets = gridTargets(4, 12);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  // The last line read (row 3), then back up to the start of row 0, a pause.
  CHECK(readLooks(d, {{40, 350}, {120, 350}, {200, 350}, {280, 350}, {40, 50}}, 2500) == -1);
  // A jump up to a key left of the line but not near its start is no such
  // sweep: it selects.
  DwellSelector e(params());
  e.setTargets(targets, 0);
  CHECK(readLooks(e, {{840, 350}, {920, 350}, {1000, 350}, {1080, 350}, {540, 50}}, 1300) == 5);
}

TEST_CASE(
    "a reader who steps down onto a key at the end of a line, then sweeps back to the next line, "
    "is still reading there") {
  // Row 1 (y 150) read, a step down onto a key at the end of the row below
  // (the text bar's keys stand between the board's rows: this ends reading),
  // one more look there, then the sweep back to the start of row 2 and a
  // pause to think on its second key.
  const auto targets = gridTargets(4, 12);
  DwellSelector d(params());
  d.setTargets(targets, 0);
  CHECK(readLooks(d,
                  {{40, 150},
                   {120, 150},
                   {200, 150},
                   {280, 150},
                   {360, 230},
                   {440, 230},
                   {40, 250},
                   {130, 250}},
                  2500) == -1);
  // A jump back that does not reach where the lines start is no such
  // sweep: the pause there selects.
  DwellSelector e(params());
  e.setTargets(targets, 0);
  CHECK(readLooks(e,
                  {{840, 150},
                   {920, 150},
                   {1000, 150},
                   {1080, 150},
                   {1160, 230},
                   {1240, 230},
                   {540, 250},
                   {630, 250}},
                  1400) >= 0);
}

TEST_CASE("fixations along one key do not add up to a dwell") {
  const auto targets = gridTargets(1, 3);
  DwellParams p = params();
  p.readingGuard = false;  // the hold guard alone
  SECTION("steps of 40 px within key 1 restart it each time") {
    DwellSelector d(p);
    d.setTargets(targets, 0);
    std::int64_t t = 0;
    for (int i = 0; i < 8; ++i, t += 600)
      CHECK(hold(d, t, 600, i % 2 == 0 ? 125 : 175, 50) == -1);
  }
  SECTION("without it they do") {
    p.holdPx = 0;
    DwellSelector d(p);
    d.setTargets(targets, 0);
    CHECK(hold(d, 0, 600, 125, 50) == -1);
    CHECK(hold(d, 600, 600, 175, 50) == 1);
  }
  SECTION("the jitter of a steady look does not restart it") {
    DwellSelector d(p);
    d.setTargets(targets, 0);
    std::mt19937 rng(4);
    std::normal_distribution<float> jitter(0, 8);
    int selected = -1;
    std::int64_t t = 0;
    for (; t < 1400 && selected < 0; t += 33)
      selected = d.input(gaze(t, 150 + jitter(rng), 50 + jitter(rng)));
    CHECK(selected == 1);
    CHECK(t <= 1150 + 2 * 33);
  }
}

TEST_CASE("a look held in a key's margin, over the neighbour's edge, selects the key once") {
  const auto targets = gridTargets(1, 3);
  DwellSelector d(params());  // margin 10 px
  d.setTargets(targets, 0);
  CHECK(hold(d, 0, 300, 150, 50) == -1);  // on key 1 ...
  // ... then 5 px into key 2, within key 1's margin: key 1 keeps the focus.
  // (The 55 px step is a new look: the dwell restarts at 300 ms.)
  CHECK(hold(d, 300, 1300, 205, 50) == 1);
  CHECK(hold(d, 1600, 3000, 205, 50) == -1);  // and is not selected again
}

namespace {

// A row of three 100 px keys; the focus the point (x, 50) gets at once.
int resizedFocus(const std::vector<Target>& targets, float x, bool resize = true,
                 float sigmaPx = 40) {
  DwellParams p = params();
  p.resize = resize;
  p.resizeSigmaPx = sigmaPx;
  DwellSelector d(p);
  d.setTargets(targets, 0);
  d.input(gaze(0, x, 50));
  return d.focus();
}

}  // namespace

TEST_CASE("key-target resizing gives the edge of an unlikely key to a likely neighbour") {
  auto targets = gridTargets(1, 3);
  targets[0].prior = 0.9F;
  targets[1].prior = 0.02F;
  targets[2].prior = 0.08F;
  // 10 px inside the unlikely key, outside its core (the middle 50 px):
  // the likely neighbour's posterior is higher.
  CHECK(resizedFocus(targets, 110) == 0);
  // Its core stays its own, however unlikely.
  CHECK(resizedFocus(targets, 130) == 1);
  CHECK(resizedFocus(targets, 150) == 1);
  // Its far edge goes to the other neighbour (0.08 at 60 px beats 0.02 at
  // 40 px), not to the likeliest key 140 px away.
  CHECK(resizedFocus(targets, 190) == 2);
  // Off, or with no measured precision, the keys are as drawn.
  CHECK(resizedFocus(targets, 110, false) == 1);
  CHECK(resizedFocus(targets, 110, true, 0) == 1);
  // A more precise gaze moves the boundary less.
  CHECK(resizedFocus(targets, 120, true, 40) == 0);
  CHECK(resizedFocus(targets, 120, true, 15) == 1);
}

TEST_CASE("key-target resizing leaves equal keys, commands and gaps as drawn") {
  auto targets = gridTargets(1, 3);
  for (Target& t : targets)
    t.prior = 0.3F;
  // Equal chances: the nearest centre is the key the point is on.
  for (float x : {5.0F, 95.0F, 105.0F, 195.0F, 205.0F})
    CHECK(resizedFocus(targets, x) == static_cast<int>(x / 100));
  // A key with no chance (a command) neither grows nor shrinks.
  targets[0].prior = 0.99F;
  targets[1].prior = 0;
  CHECK(resizedFocus(targets, 105) == 1);
  // A point on no key is not taken in by one.
  targets[1].prior = 0.01F;
  targets[1].rect.w = 50;  // a gap from 150 to 200
  CHECK(resizedFocus(targets, 160) == -1);
}
