#include "firmware/io/config_store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/test_data.h"

namespace drishti::io {
namespace {

namespace fs = std::filesystem;

TEST_CASE("the last good board file is kept and read back as it was") {
  const fs::path dir = test::scratchDir("config-store");
  fs::create_directories(dir / "boards");
  std::ofstream(dir / "boards" / "clip.mp4") << "x";
  const std::string text = "[camera]\nsource = video\npath = clip.mp4\nfps = 25\n";
  const ConfigStore store((dir / "state").string());
  std::string error;
  REQUIRE(store.save((dir / "boards" / "board.ini").string(), text, error));
  CHECK_FALSE(fs::exists(store.path() + ".tmp"));

  std::string origin;
  const ConfigResult r = store.loadLastGood(origin);
  INFO(r.message());
  REQUIRE(r.ok());
  CHECK(origin == (dir / "boards" / "board.ini").string());
  CHECK(r.config->camera.fps == 25);
  // The relative path still means the file beside the original board file.
  CHECK(r.config->camera.path == (dir / "boards" / "clip.mp4").string());
}

TEST_CASE("a later good board file replaces the kept copy") {
  const fs::path dir = test::scratchDir("config-store-replace");
  const ConfigStore store(dir.string());
  std::string error, origin;
  REQUIRE(store.save((dir / "a.ini").string(), "[camera]\nfps = 20\n", error));
  REQUIRE(store.save((dir / "a.ini").string(), "[camera]\nfps = 40\n", error));
  const ConfigResult r = store.loadLastGood(origin);
  REQUIRE(r.ok());
  CHECK(r.config->camera.fps == 40);
}

TEST_CASE("without a kept copy there is nothing to fall back on, and it says so") {
  const fs::path dir = test::scratchDir("config-store-empty");
  std::string origin;
  const ConfigResult r = ConfigStore(dir.string()).loadLastGood(origin);
  CHECK_FALSE(r.ok());
  CHECK_THAT(r.message(), Catch::Contains("no last good configuration"));
  CHECK_FALSE(ConfigStore("").loadLastGood(origin).ok());
}

TEST_CASE("a damaged kept copy is refused with its line") {
  const fs::path dir = test::scratchDir("config-store-damaged");
  const ConfigStore store(dir.string());
  std::ofstream(store.path())
      << "# drishti-tracker: last good copy of /x/board.ini\n[camera]\nfps = ?\n";
  std::string origin;
  const ConfigResult r = store.loadLastGood(origin);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.message(), Catch::Contains(store.path() + ":3:"));
}

}  // namespace
}  // namespace drishti::io
