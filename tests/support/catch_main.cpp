// The one Catch2 main for every test program.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "tests/support/test_data.h"

namespace {

// Removes the test's scratch directories when the run passed, so a machine
// that runs the suite often does not fill its temp dir (each run made about a
// hundred); keeps them, with their paths printed, when something failed.
struct ScratchCleanup : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testRunEnded(const Catch::TestRunStats& stats) override {
    drishti::test::removeScratchDirs(stats.totals.assertions.failed == 0 &&
                                     stats.totals.testCases.failed == 0 && !stats.aborting);
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(ScratchCleanup)
