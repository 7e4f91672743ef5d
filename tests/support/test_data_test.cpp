#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "tests/support/test_data.h"

namespace drishti::test {

TEST_CASE("scratch directories are kept after a failed run and removed after a passed one") {
  ::unsetenv("DRISHTI_KEEP_SCRATCH");
  const auto a = scratchDir("support-a");
  REQUIRE(std::filesystem::is_directory(a));
  CHECK(removeScratchDirs(false) == 0);
  CHECK(std::filesystem::is_directory(a));  // a failed run leaves it to look at

  const auto b = scratchDir("support-b");
  const auto again = scratchDir("support-b");  // made twice, listed once
  CHECK(again == b);
  CHECK(removeScratchDirs(true) == 1);
  CHECK_FALSE(std::filesystem::exists(b));
  std::filesystem::remove_all(a);

  ::setenv("DRISHTI_KEEP_SCRATCH", "1", 1);
  const auto c = scratchDir("support-c");
  CHECK(removeScratchDirs(true) == 0);
  CHECK(std::filesystem::is_directory(c));
  ::unsetenv("DRISHTI_KEEP_SCRATCH");
  std::filesystem::remove_all(c);
}

}  // namespace drishti::test
