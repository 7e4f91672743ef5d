// Shared between allocation_counter.cpp and allocation_counter_malloc.cpp only.
#pragma once

#include <atomic>
#include <cstdint>

namespace drishti::lab::detail {

extern std::atomic<std::uint64_t> mallocCalls;
// Set during static initialisation when the malloc replacement is linked and active.
extern bool mallocCounted;

}  // namespace drishti::lab::detail
