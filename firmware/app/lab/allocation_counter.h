// Counts the heap allocations of the program that links these files, from any
// thread. allocation_counter.cpp replaces the global operator new in all its
// forms (and delete); allocation_counter_malloc.cpp, linked as well, replaces
// malloc and friends too (outside sanitizer builds, which own malloc), since
// OpenCV allocates image buffers with posix_memalign, not new.
// One counter for drishti-lab (its bench reports operator new per frame, what
// our code and dlib allocate; it does not replace malloc) and for the
// allocation tests (which link both files), so both count the same way.
// Each file replaces functions for the whole program: link them into a
// program, never into a library.
#pragma once

#include <cstdint>

namespace drishti::lab {

// Calls of the global operator new (every form) so far.
std::uint64_t operatorNewCount();
// operatorNewCount() plus malloc-family calls when those are counted (a `new`
// then counts twice, as it calls malloc: compare counts, not sizes).
std::uint64_t allocationCount();
// True when allocation_counter_malloc.cpp is linked and counting (not under
// ASan/UBSan).
bool countsMalloc();

}  // namespace drishti::lab
