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
std::filesystem::path scratchDir(const char* name);

}  // namespace drishti::test
