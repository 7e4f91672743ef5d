// Log lines of the drishti app, on stderr ("drishti: ..."), and a rate limit
// for messages that could repeat many times a second (damaged wire frames).
//
// logLine is thread-safe (one line per call, never interleaved). RateLimit is
// not: one per thread that uses it.
#pragma once

#include <cstdint>
#include <string_view>

namespace drishti::app {

void logLine(std::string_view text);

// Lets through one message per `intervalUs` and counts the ones held back.
class RateLimit {
 public:
  explicit RateLimit(std::int64_t intervalUs) : intervalUs_(intervalUs) {}
  // True when a message may be logged now; `suppressed` is then the number held
  // back since the last one (and is reset).
  bool allow(std::int64_t nowUs, std::uint64_t& suppressed) {
    if (lastUs_ != kNever && nowUs - lastUs_ < intervalUs_) {
      ++held_;
      return false;
    }
    lastUs_ = nowUs;
    suppressed = held_;
    held_ = 0;
    return true;
  }

 private:
  static constexpr std::int64_t kNever = INT64_MIN;
  std::int64_t intervalUs_;
  std::int64_t lastUs_ = kNever;
  std::uint64_t held_ = 0;
};

}  // namespace drishti::app
