// Counts the calls of the global operator new (all forms) of the test program
// that links operator_new_counter.cpp, from any thread.
#pragma once

#include <cstdint>

namespace drishti::test {

std::uint64_t operatorNewCalls();

}  // namespace drishti::test
