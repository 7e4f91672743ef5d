// Access to the shared evaluation data for tests tagged [data].
#pragma once

#include <filesystem>

namespace drishti::test {

// The directory named by $DRISHTI_DATA. When the variable is unset, prints
// "skipped: ... set DRISHTI_DATA ..." and ends the test program with exit code
// 77, which CTest reports as skipped (SKIP_RETURN_CODE): never a silent pass.
// When it is set but the directory or `mustExist` inside it is missing, the test
// fails with a message naming the path.
std::filesystem::path dataDir(const std::filesystem::path& mustExist = {});

// A fresh empty directory under the system temp dir, for one test's output.
// It is removed when the test program ends with every test passed (the Catch2
// main calls removeScratchDirs); after a failure, or with DRISHTI_KEEP_SCRATCH
// set, it is kept and its path printed, for a look at what the test wrote.
std::filesystem::path scratchDir(const char* name);

// Removes (runPassed and DRISHTI_KEEP_SCRATCH unset) or lists on stderr the
// directories scratchDir made in this process. Returns how many it removed.
int removeScratchDirs(bool runPassed);

}  // namespace drishti::test
