#include "firmware/io/link_budget.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "firmware/io/board_config_parser.h"

namespace drishti::io {
namespace {

BoardConfig serialBoard(const std::string& fps, const std::string& device = "/dev/ttyAMA0",
                        const std::string& baud = "115200") {
  const std::string text = "[camera]\nfps = " + fps +
                           "\n[transport]\nkind = serial\ndevice = " + device + "\nbaud = " + baud +
                           "\n";
  const ConfigResult r = parseBoardConfig(text, "board.ini");
  INFO(r.message());
  REQUIRE(r.ok());
  return *r.config;
}

TEST_CASE("the budget counts every sample and status at 10 bits a byte") {
  const std::optional<LinkBudget> b = linkBudget(serialBoard("30"));
  REQUIRE(b);
  // Protocol version 2 (docs/BENCHMARKS.md, "Wire protocol"): 193-byte samples,
  // 96-byte status; 30 x 193 + 10 x 96 = 6750 bytes/s of 11,520.
  CHECK(b->sampleBytes == 193);
  CHECK(b->statusBytes == 96);
  CHECK(b->bytesPerSecond == Approx(6750));
  CHECK(b->share == Approx(6750.0 / 11520));
  CHECK(b->maxSafeFps == 42);  // (0.8 x 11520 - 960) / 193 = 42.8
  CHECK(b->safeBaud == 115200);
}

TEST_CASE("60 fps at 115200 baud is warned about with the figures and the way out") {
  const std::optional<std::string> w = linkBudgetWarning(serialBoard("60"));
  REQUIRE(w);
  INFO(*w);
  CHECK_THAT(*w, Catch::Contains("60 fps x 193 bytes + 10 status/s x 96 bytes = 12540 bytes/s") &&
                     Catch::Contains("109 % of 115200 baud") &&
                     Catch::Contains("Lower [camera] fps to 42 or less") &&
                     Catch::Contains("raise [transport] baud to 230400 or more"));
}

TEST_CASE("30 fps at 115200 baud, a USB gadget port and UDP need no warning") {
  CHECK_FALSE(linkBudgetWarning(serialBoard("30")));
  CHECK_FALSE(linkBudgetWarning(serialBoard("60", "/dev/ttyGS0")));
  CHECK_FALSE(linkBudgetWarning(serialBoard("60", "/dev/ttyAMA0", "230400")));
  BoardConfig udp;
  udp.camera.fps = 240;
  CHECK_FALSE(linkBudgetWarning(udp));
}

TEST_CASE("the shipped board files fit their links") {
  const char* source = std::getenv("DRISHTI_SOURCE_DIR");
  REQUIRE(source != nullptr);
  const std::filesystem::path boards = std::filesystem::path(source) / "boards";
  int checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(boards)) {
    if (entry.path().extension() != ".ini")
      continue;
    const ConfigResult r = loadBoardConfig(entry.path().string());
    INFO(entry.path().string() << ": " << r.message());
    REQUIRE(r.ok());
    const auto w = linkBudgetWarning(*r.config);
    CHECK_FALSE(w);
    ++checked;
  }
  CHECK(checked >= 5);
}

}  // namespace
}  // namespace drishti::io
