#include "firmware/app/lab/allocation_counter.h"

#include <atomic>
#include <cstdlib>
#include <new>

#include "firmware/app/lab/allocation_counter_detail.h"

namespace drishti::lab {

namespace detail {
std::atomic<std::uint64_t> mallocCalls{0};
bool mallocCounted = false;
}  // namespace detail

namespace {
std::atomic<std::uint64_t> newCalls{0};

void* allocate(std::size_t n) {
  newCalls.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}

void* allocateAligned(std::size_t n, std::align_val_t a) {
  newCalls.fetch_add(1, std::memory_order_relaxed);
  void* p = nullptr;
  const std::size_t align =
      static_cast<std::size_t>(a) < sizeof(void*) ? sizeof(void*) : static_cast<std::size_t>(a);
  return ::posix_memalign(&p, align, n == 0 ? 1 : n) == 0 ? p : nullptr;
}
}  // namespace

std::uint64_t operatorNewCount() {
  return newCalls.load(std::memory_order_relaxed);
}

std::uint64_t allocationCount() {
  return operatorNewCount() + detail::mallocCalls.load(std::memory_order_relaxed);
}

bool countsMalloc() {
  return detail::mallocCounted;
}

}  // namespace drishti::lab

using drishti::lab::allocate;
using drishti::lab::allocateAligned;

void* operator new(std::size_t n) {
  if (void* p = allocate(n))
    return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return allocate(n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return allocate(n);
}
void* operator new(std::size_t n, std::align_val_t a) {
  if (void* p = allocateAligned(n, a))
    return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) {
  return operator new(n, a);
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocateAligned(n, a);
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  return allocateAligned(n, a);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
