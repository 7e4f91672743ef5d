// Counts calls of the global operator new (all forms, any thread) in the
// program that links allocation_count.cpp, which replaces the global
// allocation functions: drishti-lab (the bench reports allocations per frame)
// and the core's allocation test, so both count the same way.
#pragma once

#include <cstdint>

namespace drishti::lab {

std::uint64_t operatorNewCount();

}  // namespace drishti::lab
