#include "firmware/io/ir_led.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/support/test_data.h"

namespace drishti::io {
namespace {

// Driving a real line needs GPIO hardware (or the gpio-sim kernel module);
// what can be checked anywhere is that a missing or wrong chip is reported in
// words and leaves the LED closed, so the tracker runs on without it.
TEST_CASE("an IR LED on a chip that is not there is reported, and stays off") {
  IrLed led({true, "/dev/gpiochip99", 18, false});
  std::string error;
  CHECK_FALSE(led.open(error));
  CHECK_THAT(error, Catch::Contains("/dev/gpiochip99") && Catch::Contains("cannot open"));
  CHECK_FALSE(led.isOpen());
  CHECK_FALSE(led.set(true));
}

TEST_CASE("an IR LED chip that is not a GPIO chip is refused with the line named") {
  const auto file = test::scratchDir("ir-led") / "gpiochip0";
  std::ofstream(file) << "not a chip";
  IrLed led({true, file.string(), 18, false});
  std::string error;
  CHECK_FALSE(led.open(error));
  CHECK_THAT(error, Catch::Contains("cannot take line 18"));
  CHECK_FALSE(led.isOpen());
}

}  // namespace
}  // namespace drishti::io
