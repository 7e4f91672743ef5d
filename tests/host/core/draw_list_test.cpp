#include "host/core/draw_list.h"

#include <catch2/catch.hpp>

using namespace drishti::host;

TEST_CASE("draw list keeps commands in order with their text") {
  DrawList list;
  list.reset(1280, 800, {0, 0, 0, 255});
  list.fillRect({10, 10, 100, 50}, {255, 0, 0, 255}, 8);
  list.text({10, 10, 100, 50}, "नमस्ते", 32, {255, 255, 255, 255}, Script::kDevanagari);
  list.text({10, 70, 100, 50}, "hello", 32, {255, 255, 255, 255}, Script::kLatin, Align::kStart);
  list.progressRing({0, 0, 40, 40}, 1.7F, {0, 255, 0, 255}, 4);
  REQUIRE(list.commands().size() == 4);
  CHECK(list.commands()[0].kind == DrawKind::kFillRect);
  CHECK(list.textOf(list.commands()[1]) == "नमस्ते");
  CHECK(list.commands()[1].script == Script::kDevanagari);
  CHECK(list.textOf(list.commands()[2]) == "hello");
  CHECK(list.commands()[3].progress == 1.0F);  // clamped
  CHECK(list.width() == 1280);
}

TEST_CASE("reset empties the list and keeps the screen identity until it is set again") {
  DrawList list;
  list.setScreen("board:en-alpha", 3);
  list.reset(640, 480, {});
  list.text({}, "a", 10, {}, Script::kLatin);
  list.reset(640, 480, {});
  CHECK(list.commands().empty());
  CHECK(list.screenName() == "board:en-alpha");
  CHECK(list.screenSerial() == 3);
}
