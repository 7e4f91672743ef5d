// Log: one-line messages to stderr (the journal, under systemd).
//
// Formats into a stack buffer and writes it with one write(2), so logging from
// any thread never allocates and lines of different threads never interleave.
// Messages say what is wrong in plain words and what the tracker does about it.
// Thread safety: all functions may be called from any thread.
#pragma once

#include <atomic>
#include <cstdarg>

namespace drishti::io {

enum class LogLevel { kInfo, kWarning, kError };

// printf-style; lines longer than 1 KB are cut.
void logLine(LogLevel level, const char* format, ...) __attribute__((format(printf, 2, 3)));

// Silences info lines (e.g. for --quiet); warnings and errors always print.
void setLogQuiet(bool quiet);

// Lets a call site say something once per process ("SCHED_FIFO not permitted").
class OnceFlag {
 public:
  // True the first time only.
  bool first() { return !done_.exchange(true, std::memory_order_relaxed); }

 private:
  std::atomic<bool> done_{false};
};

}  // namespace drishti::io
