#include "host/core/blink_code_selector.h"

#include <catch2/catch.hpp>

#include "method_test_helpers.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

AccessParams params() {
  AccessParams p;
  p.blink.minMs = 400;
  p.blink.maxMs = 1000;
  p.code.gapMs = 1500;
  p.scan.intervalMs = 1000;
  p.scan.firstDelayMs = 0;
  return p;
}

std::vector<Target> yesNo() {
  auto t = gridTargets(2, 2);
  t[0].code = 1;
  t[1].code = 2;
  return t;
}

}  // namespace

TEST_CASE("one blink answers yes, two answer no, after the pause") {
  const auto targets = yesNo();
  BlinkCodeSelector b(params());
  b.setTargets(targets, 0);
  CHECK(b.input(blink(1000, 500)) == -1);
  CHECK(b.advance(2400'000) == -1);  // still waiting for a second blink
  CHECK(b.advance(2500'000) == 0);   // yes
  b.input(blink(5000, 500));
  b.input(blink(6000, 500));
  CHECK(b.advance(7400'000) == -1);
  CHECK(b.advance(7500'000) == 1);  // no
}

TEST_CASE("short blinks are not counted, and a code nobody has selects nothing") {
  const auto targets = yesNo();
  BlinkCodeSelector b(params());
  b.setTargets(targets, 0);
  b.input(blink(1000, 150));  // involuntary
  CHECK(b.advance(5000'000) == -1);
  for (int i = 0; i < 5; ++i)
    b.input(blink(6000 + i * 800, 500));
  CHECK(b.advance(20'000'000) == -1);  // five blinks: no key has that code
}

TEST_CASE("screens without codes are scanned: one blink picks what is lit, two go back") {
  const auto targets = gridTargets(2, 3);  // no codes
  BlinkCodeSelector b(params());
  b.setTargets(targets, 0);
  MethodView v;
  b.view(v);
  CHECK(v.scanning);
  b.advance(1000'000);  // row 1 lit
  b.input(blink(1200, 500));
  b.advance(2700'000);  // code 1 done: into row 1 (scanning moved on meanwhile; the choice is the
                        // lit row at the blink)
  b.view(v);
  CHECK(v.focus == 3);
  CHECK(b.input(blink(3000, 500)) == -1);
  CHECK(b.advance(4500'000) == 3);
}

TEST_CASE("a long blink on a coded screen switches to scanning, and a 'no' at the top comes back") {
  const auto targets = yesNo();
  BlinkCodeSelector b(params());
  b.setTargets(targets, 0);
  b.input(blink(1000, 1500));
  MethodView v;
  b.view(v);
  CHECK(v.scanning);
  b.input(blink(2000, 500));
  b.input(blink(2700, 500));
  b.advance(4300'000);
  b.view(v);
  CHECK_FALSE(v.scanning);
}
