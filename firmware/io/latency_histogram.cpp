#include "firmware/io/latency_histogram.h"

#include <bit>
#include <cmath>

namespace drishti::io {

std::size_t LatencyHistogram::bucketOf(std::uint64_t us) {
  if (us < 16)
    return static_cast<std::size_t>(us);
  const int msb = 63 - std::countl_zero(us);  // >= 4
  const auto sub = static_cast<std::size_t>((us >> (msb - 4)) & 15u);
  const std::size_t bucket = static_cast<std::size_t>(msb - 3) * 16 + sub;
  return bucket < kBuckets ? bucket : kBuckets - 1;
}

std::uint64_t LatencyHistogram::valueOf(std::size_t bucket) {
  if (bucket < 16)
    return bucket;
  const int msb = static_cast<int>(bucket / 16) + 3;
  const std::uint64_t sub = bucket % 16;
  const std::uint64_t low = (16 + sub) << (msb - 4);
  const std::uint64_t width = std::uint64_t{1} << (msb - 4);
  return low + width / 2;
}

void LatencyHistogram::record(std::uint64_t us) {
  counts_[bucketOf(us)].fetch_add(1, std::memory_order_relaxed);
}

void LatencyHistogram::snapshot(Counts& out) const {
  for (std::size_t i = 0; i < kBuckets; ++i)
    out[i] = counts_[i].load(std::memory_order_relaxed);
}

std::uint64_t LatencyHistogram::total(const Counts& now, const Counts& before) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < kBuckets; ++i)
    n += now[i] - before[i];
  return n;
}

std::uint64_t LatencyHistogram::percentile(const Counts& now, const Counts& before, double q) {
  const std::uint64_t n = total(now, before);
  if (n == 0)
    return 0;
  // The smallest value with at least ceil(q * n) values at or below it.
  const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += now[i] - before[i];
    if (seen >= (rank == 0 ? 1 : rank))
      return valueOf(i);
  }
  return valueOf(kBuckets - 1);
}

}  // namespace drishti::io
