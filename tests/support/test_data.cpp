#include "tests/support/test_data.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

namespace drishti::test {

std::filesystem::path dataDir(const std::filesystem::path& mustExist) {
  const char* env = std::getenv("DRISHTI_DATA");
  if (env == nullptr || *env == '\0') {
    std::fprintf(stderr,
                 "skipped: this test reads the shared evaluation data; set DRISHTI_DATA to "
                 "its directory (e.g. DRISHTI_DATA=../shared/data)\n");
    std::fflush(nullptr);
    std::_Exit(77);
  }
  const std::filesystem::path dir(env);
  INFO("DRISHTI_DATA=" << dir.string());
  REQUIRE(std::filesystem::is_directory(dir));
  if (!mustExist.empty()) {
    INFO("missing: " << (dir / mustExist).string());
    REQUIRE(std::filesystem::exists(dir / mustExist));
  }
  return dir;
}

namespace {

std::vector<std::filesystem::path>& madeScratchDirs() {
  static std::vector<std::filesystem::path> dirs;
  return dirs;
}

}  // namespace

std::filesystem::path scratchDir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("drishti-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto& made = madeScratchDirs();
  if (std::find(made.begin(), made.end(), dir) == made.end()) made.push_back(dir);
  return dir;
}

int removeScratchDirs(bool runPassed) {
  auto& made = madeScratchDirs();
  const char* keep = std::getenv("DRISHTI_KEEP_SCRATCH");
  int removed = 0;
  for (const auto& dir : made) {
    if (runPassed && (keep == nullptr || *keep == '\0')) {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
      if (ec) {
        std::fprintf(stderr, "could not remove the test directory %s: %s\n", dir.c_str(),
                     ec.message().c_str());
      } else {
        ++removed;
      }
    } else {
      std::fprintf(stderr, "test directory kept: %s\n", dir.c_str());
    }
  }
  made.clear();
  return removed;
}

}  // namespace drishti::test
