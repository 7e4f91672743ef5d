// LatencyHistogram: durations in µs counted in logarithmic buckets, for
// percentiles over a sliding window without storing samples or locking.
//
// Represents: counts per bucket, 16 buckets per power of two (each bucket
// spans at most 1/16 of its value: percentiles are within ~6%), exact below
// 16 µs, up to about 70 minutes. One thread records (relaxed atomic
// increments: no allocation, no lock); any thread may snapshot the cumulative
// counts, and the percentile of a window is taken from the difference of two
// snapshots.
// Thread safety: record() from one or more threads, snapshot() from any.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace drishti::io {

class LatencyHistogram {
 public:
  static constexpr std::size_t kBuckets = 16 + 28 * 16;
  using Counts = std::array<std::uint64_t, kBuckets>;

  void record(std::uint64_t us);
  void snapshot(Counts& out) const;

  static std::size_t bucketOf(std::uint64_t us);
  // A representative value (the middle) of a bucket, µs.
  static std::uint64_t valueOf(std::size_t bucket);

  // The q-quantile (0..1) of the durations counted in `now` minus `before`
  // (cumulative snapshots); 0 if none were counted.
  static std::uint64_t percentile(const Counts& now, const Counts& before, double q);
  static std::uint64_t total(const Counts& now, const Counts& before);

 private:
  std::array<std::atomic<std::uint64_t>, kBuckets> counts_{};
};

}  // namespace drishti::io
