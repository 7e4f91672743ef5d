// The malloc half of the allocation counter (allocation_counter.h): link it
// beside allocation_counter.cpp to count malloc-family calls as well. glibc
// lets a program replace malloc; its own internal calls then come here too,
// and are forwarded to glibc's implementation. Under ASan/UBSan the sanitizer
// runtime owns malloc, so nothing is replaced and countsMalloc() stays false.
#include <cstddef>

#include "firmware/app/lab/allocation_counter_detail.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define DRISHTI_COUNT_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DRISHTI_COUNT_MALLOC 0
#endif
#endif
#ifndef DRISHTI_COUNT_MALLOC
#define DRISHTI_COUNT_MALLOC 1
#endif

#if DRISHTI_COUNT_MALLOC
namespace {
// mallocCounted is constant-initialised to false; this runs at dynamic
// initialisation, before main.
const bool registered = (drishti::lab::detail::mallocCounted = true);

void count() {
  drishti::lab::detail::mallocCalls.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);

void* malloc(std::size_t n) {
  count();
  return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) {
  count();
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) {
  count();
  return __libc_realloc(p, n);
}
void free(void* p) {
  __libc_free(p);
}
void* memalign(std::size_t align, std::size_t n) {
  count();
  return __libc_memalign(align, n);
}
void* aligned_alloc(std::size_t align, std::size_t n) {
  return memalign(align, n);
}
int posix_memalign(void** out, std::size_t align, std::size_t n) {
  void* p = memalign(align, n);
  if (p == nullptr)
    return 12;  // ENOMEM
  *out = p;
  return 0;
}
void* valloc(std::size_t n) {
  return memalign(4096, n);
}
}
#endif
