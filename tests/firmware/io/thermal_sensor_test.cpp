#include "firmware/io/thermal_sensor.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/test_data.h"

namespace drishti::io {
namespace {

namespace fs = std::filesystem;

void zone(const fs::path& root, int n, const char* type, const char* temp) {
  const fs::path dir = root / ("thermal_zone" + std::to_string(n));
  fs::create_directories(dir);
  std::ofstream(dir / "type") << type << "\n";
  std::ofstream(dir / "temp") << temp << "\n";
}

TEST_CASE("the CPU's thermal zone is chosen and read in degrees") {
  const fs::path root = test::scratchDir("thermal");
  zone(root, 0, "acpitz", "30000");
  zone(root, 1, "cpu-thermal", "51234");
  const ThermalSensor sensor("auto", root.string());
  REQUIRE(sensor.available());
  CHECK(sensor.description() == "thermal_zone1 (cpu-thermal)");
  REQUIRE(sensor.read().has_value());
  CHECK(*sensor.read() == Approx(51.234f));
}

TEST_CASE("without a CPU zone the first one is used, and none means none") {
  const fs::path root = test::scratchDir("thermal-first");
  zone(root, 0, "acpitz", "30000");
  CHECK(*ThermalSensor("auto", root.string()).read() == Approx(30.0f));
  CHECK_FALSE(ThermalSensor("none", root.string()).available());
  CHECK_FALSE(ThermalSensor("auto", (root / "missing").string()).available());
}

TEST_CASE("an implausible or unreadable temperature is no temperature") {
  const fs::path root = test::scratchDir("thermal-bad");
  zone(root, 0, "cpu-thermal", "garbage");
  CHECK_FALSE(ThermalSensor("auto", root.string()).read().has_value());
  zone(root, 0, "cpu-thermal", "999999999");
  CHECK_FALSE(ThermalSensor("auto", root.string()).read().has_value());
}

}  // namespace
}  // namespace drishti::io
