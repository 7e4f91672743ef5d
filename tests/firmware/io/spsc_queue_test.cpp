#include "firmware/io/spsc_queue.h"

#include <catch2/catch.hpp>
#include <thread>

namespace drishti::io {
namespace {

TEST_CASE("a full queue refuses new values instead of waiting") {
  SpscQueue<int, 4> q;
  CHECK(q.push(1));
  CHECK(q.push(2));
  CHECK(q.push(3));
  CHECK_FALSE(q.push(4));  // capacity is N-1
  int v = 0;
  REQUIRE(q.pop(v));
  CHECK(v == 1);
  CHECK(q.push(4));
}

TEST_CASE("values cross between two threads in order and exactly once") {
  SpscQueue<std::uint64_t, 64> q;
  constexpr std::uint64_t kCount = 20'000;
  std::thread producer([&] {
    for (std::uint64_t i = 0; i < kCount; ++i) {
      while (!q.push(i))
        std::this_thread::yield();
    }
  });
  std::uint64_t expected = 0, v = 0;
  while (expected < kCount) {
    if (q.pop(v)) {
      REQUIRE(v == expected);
      ++expected;
    }
  }
  producer.join();
  CHECK(q.empty());
}

}  // namespace
}  // namespace drishti::io
