#include "firmware/io/log.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace drishti::io {
namespace {

std::atomic<bool> quiet{false};

}  // namespace

void setLogQuiet(bool q) {
  quiet.store(q, std::memory_order_relaxed);
}

void logLine(LogLevel level, const char* format, ...) {
  if (level == LogLevel::kInfo && quiet.load(std::memory_order_relaxed))
    return;
  char line[1024];
  const char* prefix = level == LogLevel::kError     ? "drishti-tracker: error: "
                       : level == LogLevel::kWarning ? "drishti-tracker: warning: "
                                                     : "drishti-tracker: ";
  int n = std::snprintf(line, sizeof line, "%s", prefix);
  va_list args;
  va_start(args, format);
  const int m =
      std::vsnprintf(line + n, sizeof line - static_cast<std::size_t>(n) - 1, format, args);
  va_end(args);
  n = m < 0 ? n : std::min<int>(n + m, static_cast<int>(sizeof line) - 2);
  line[n++] = '\n';
  [[maybe_unused]] const auto w = ::write(STDERR_FILENO, line, static_cast<std::size_t>(n));
}

}  // namespace drishti::io
