#include "tests/support/test_data.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

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

std::filesystem::path scratchDir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("drishti-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace drishti::test
