// SampleStats: durations collected during a run, summarised as percentiles.
//
// Keeps up to `capacity` samples (reserved once; later samples replace
// earlier ones at random, so a long run stays a fair sample). Not thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace drishti::app {

class SampleStats {
 public:
  explicit SampleStats(std::size_t capacity = 1 << 16) : capacity_(capacity) {
    samples_.reserve(capacity);
  }

  void add(std::int64_t us) {
    ++count_;
    if (samples_.size() < capacity_) {
      samples_.push_back(us);
      return;
    }
    rng_ = rng_ * 6364136223846793005ULL + 1442695040888963407ULL;  // reservoir sampling
    const std::uint64_t slot = (rng_ >> 33) % count_;
    if (slot < capacity_)
      samples_[slot] = us;
  }

  std::uint64_t count() const { return count_; }

  // The p-quantile (0..1) of the samples, in µs; 0 when there are none.
  std::int64_t quantile(double p) const {
    if (samples_.empty())
      return 0;
    std::vector<std::int64_t> copy = samples_;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(copy.size() - 1) + 0.5);
    std::nth_element(copy.begin(), copy.begin() + static_cast<long>(k), copy.end());
    return copy[k];
  }
  std::int64_t max() const {
    return samples_.empty() ? 0 : *std::max_element(samples_.begin(), samples_.end());
  }

 private:
  std::size_t capacity_;
  std::vector<std::int64_t> samples_;
  std::uint64_t count_ = 0;
  std::uint64_t rng_ = 0x9E3779B97F4A7C15ULL;
};

}  // namespace drishti::app
