// Counts calls of the global operator new in drishti-lab (the bench reports
// allocations per frame). allocation_count.cpp replaces the global allocation
// functions for the whole program.
#pragma once

#include <cstdint>

namespace drishti::lab {

std::uint64_t operatorNewCount();

}  // namespace drishti::lab
