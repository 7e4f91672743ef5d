// Counts every heap allocation the process makes, from any thread: operator
// new in all its forms and, outside sanitizer builds, malloc and friends too
// (OpenCV allocates image buffers with posix_memalign, not new).
// Link allocation_counter.cpp into a test program of its own: it replaces the
// global allocation functions for the whole program.
#pragma once

#include <cstdint>

namespace drishti::test {

std::uint64_t allocationCount();
// True when malloc-family calls are counted too (not under ASan/UBSan builds).
bool countsMalloc();

}  // namespace drishti::test
