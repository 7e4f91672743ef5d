// Rebuilding the DrawList every frame must not allocate once warm. This test
// program replaces the global operator new to count allocations, so it is a
// program of its own (the count would otherwise see other tests' threads).
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>

#include "host/core/host_session.h"
#include "method_test_helpers.h"
#include "session_helpers.h"

namespace {
std::atomic<bool> gCounting{false};
std::atomic<long> gAllocations{0};
}  // namespace

// Every plain form is replaced, so all of them pair malloc with free (the
// sanitizers check that pairing too).
namespace {
void* counted(std::size_t n) {
  if (gCounting.load(std::memory_order_relaxed))
    gAllocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
}  // namespace

void* operator new(std::size_t n) {
  if (void* p = counted(n))
    return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = counted(n))
    return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return counted(n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return counted(n);
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
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

long allocationsDuring(const HostSession& s, DrawList& list) {
  gAllocations = 0;
  gCounting = true;
  s.render(list);
  gCounting = false;
  return gAllocations.load();
}

}  // namespace

TEST_CASE("rendering a warm screen allocates nothing, on every kind of screen") {
  SessionConfig c;
  c.dataDir = dataDir();
  HostSession s(c, nullptr);
  DrawList list;
  std::int64_t t = 1'000'000;
  s.advanceTo(t * 1000);
  const auto warmAndCount = [&](const char* what) {
    for (int i = 0; i < 3; ++i)
      s.render(list);  // warm: the list grows to this screen's size
    INFO(what << " (" << s.screenName() << ")");
    CHECK(allocationsDuring(s, list) == 0);
    CHECK_FALSE(list.commands().empty());
  };
  // A board with the dwell ring part-way round.
  const Rect a = s.targets()[static_cast<std::size_t>(s.findTarget("a"))].rect;
  for (int k = 0; k < 20; ++k)
    s.handle(gaze(t += 33, a.x + 10, a.y + 10));
  REQUIRE(s.methodView().progress > 0);
  warmAndCount("dwell progress");
  // The same screen while the ring moves on: new progress, same allocations (none).
  s.handle(gaze(t += 33, a.x + 10, a.y + 10));
  CHECK(allocationsDuring(s, list) == 0);

  Profile p = s.profile();
  p.access.method = MethodKind::kScan;
  REQUIRE(s.saveProfile(p).empty());
  s.advanceTo((t += 2000) * 1000);
  warmAndCount("scanning highlight");
  p.access.method = MethodKind::kGesture;
  REQUIRE(s.saveProfile(p).empty());
  s.handle(gaze(t += 33, 640, 400));
  s.handle(gaze(t += 33, 20, 400));
  s.advanceTo((t += 300) * 1000);
  warmAndCount("gesture halves");

  s.handle(blink(t += 2500, 2500));
  s.handle(blink(t += 3500, 2500));
  for (const std::int64_t end = t + 4500; t < end; t += 33)  // eyes open after the burst
    s.handle(lids(t, true));
  REQUIRE(s.resting());
  warmAndCount("rest");
  for (int k = 0; k < 3; ++k)
    s.handle(blink(t += 3000, 2500));
  REQUIRE(s.helpShown());
  warmAndCount("help");
  s.cancelHelp();
  s.handle(simple(t += 10, InputKind::kTrackingLost));
  s.advanceTo((t += 3000) * 1000);
  REQUIRE(s.trackingLostShown());
  warmAndCount("tracking lost");
}

TEST_CASE("the allocation counter does count allocations") {
  gAllocations = 0;
  gCounting = true;
  auto* v = new std::vector<int>(100);
  gCounting = false;
  delete v;
  CHECK(gAllocations.load() >= 2);
}
