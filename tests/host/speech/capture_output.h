// CaptureOutput: an AudioOutput that keeps every utterance in memory, for tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "host/speech/audio_output.h"

namespace drishti::speech::test {

struct CapturedUtterance {
  Utterance utterance;
  std::vector<std::int16_t> samples;
  bool cut = false;
  bool ended = false;
};

class CaptureOutput final : public AudioOutput {
 public:
  void begin(const Utterance& u) override {
    std::lock_guard lock(mutex_);
    captured_.push_back({u, {}, false, false});
  }
  void write(std::span<const std::int16_t> s) override {
    std::lock_guard lock(mutex_);
    captured_.back().samples.insert(captured_.back().samples.end(), s.begin(), s.end());
  }
  void end(const Utterance&, bool cut) override {
    std::lock_guard lock(mutex_);
    captured_.back().cut = cut;
    captured_.back().ended = true;
  }
  void discard() override {
    std::lock_guard lock(mutex_);
    ++discards_;
  }
  std::vector<CapturedUtterance> captured() const {
    std::lock_guard lock(mutex_);
    return captured_;
  }
  int discards() const {
    std::lock_guard lock(mutex_);
    return discards_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<CapturedUtterance> captured_;
  int discards_ = 0;
};

inline double rms(const std::vector<std::int16_t>& s) {
  double sum = 0;
  for (std::int16_t v : s)
    sum += static_cast<double>(v) * v;
  return s.empty() ? 0 : std::sqrt(sum / static_cast<double>(s.size()));
}

// Fraction of 10 ms windows whose RMS is above `level`: speech has many, silence none.
inline double voicedFraction(const std::vector<std::int16_t>& s, int rate, double level = 300) {
  const std::size_t w = static_cast<std::size_t>(rate / 100);
  std::size_t voiced = 0, windows = 0;
  for (std::size_t i = 0; i + w <= s.size(); i += w, ++windows) {
    double sum = 0;
    for (std::size_t k = i; k < i + w; ++k)
      sum += static_cast<double>(s[k]) * s[k];
    voiced += std::sqrt(sum / static_cast<double>(w)) > level ? 1 : 0;
  }
  return windows == 0 ? 0 : static_cast<double>(voiced) / static_cast<double>(windows);
}

}  // namespace drishti::speech::test
