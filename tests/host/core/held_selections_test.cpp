#include "host/core/held_selections.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace drishti::host;

namespace {

HeldSelection typed(std::size_t textEnd) {
  HeldSelection s;
  s.tUs = textEnd * 1000;
  s.keyX = static_cast<double>(textEnd);
  s.textEnd = textEnd;
  return s;
}

std::vector<std::size_t> settle(HeldSelections& held, std::size_t textSize,
                                TextBoundary boundary = TextBoundary::kNone) {
  std::vector<std::size_t> released;
  held.settle(textSize, boundary, [&](const HeldSelection& s) { released.push_back(s.textEnd); });
  return released;
}

}  // namespace

TEST_CASE("held selections are released once their word is finished and kept") {
  HeldSelections held;
  held.hold(typed(1));
  held.hold(typed(2));
  CHECK(settle(held, 2).empty());  // another letter: still held
  CHECK(held.size() == 2);
  held.hold(typed(3));
  CHECK(settle(held, 4, TextBoundary::kWord).empty());  // Space: waits for the next selection
  held.hold(typed(4));                                  // the Space itself
  CHECK(settle(held, 5) == std::vector<std::size_t>{1, 2, 3});  // a letter keeps the Space
  CHECK(held.size() == 1);
  CHECK(settle(held, 5, TextBoundary::kMessage) == std::vector<std::size_t>{4});  // Speak
  CHECK(held.size() == 0);
  CHECK(settle(held, 5, TextBoundary::kMessage).empty());  // released once only
}

TEST_CASE("a character deleted before its word is kept is never released") {
  HeldSelections held;
  held.hold(typed(1));             // "h"
  held.hold(typed(2));             // "q", meant "e"
  CHECK(settle(held, 1).empty());  // Delete
  CHECK(held.size() == 1);
  held.hold(typed(2));  // "e"
  CHECK(settle(held, 2, TextBoundary::kMessage) == std::vector<std::size_t>{1, 2});

  // Clear removes everything held.
  held.hold(typed(3));
  held.hold(typed(4));
  CHECK(settle(held, 0).empty());
  CHECK(settle(held, 0, TextBoundary::kMessage).empty());
  CHECK(held.size() == 0);
}

TEST_CASE("a space selected by mistake does not vouch for the letters before it") {
  // "hq", then the eyes go for Delete and Space beside it is selected:
  // Delete then removes the Space and the q. Only the h is ever released.
  HeldSelections held;
  held.hold(typed(1));                                  // h
  held.hold(typed(2));                                  // q
  CHECK(settle(held, 3, TextBoundary::kWord).empty());  // Space by mistake
  held.hold(typed(3));
  CHECK(settle(held, 2).empty());  // Delete: the Space is gone, so nothing is kept
  CHECK(settle(held, 1).empty());  // Delete: the q
  CHECK(held.size() == 1);
  held.hold(typed(2));  // e
  CHECK(settle(held, 3, TextBoundary::kWord).empty());
  held.hold(typed(3));
  CHECK(settle(held, 4) == std::vector<std::size_t>{1, 2});
}

TEST_CASE("held selections beyond the capacity drop the oldest unreleased") {
  HeldSelections held;
  const std::size_t n = HeldSelections::kCapacity + 5;
  for (std::size_t i = 1; i <= n; ++i)
    held.hold(typed(i));
  CHECK(held.size() == HeldSelections::kCapacity);
  const std::vector<std::size_t> released = settle(held, n, TextBoundary::kMessage);
  REQUIRE(released.size() == HeldSelections::kCapacity);
  CHECK(released.front() == 6);
  CHECK(released.back() == n);
}
