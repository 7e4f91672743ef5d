#include "host/app/app_log.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace drishti::app {

void logLine(std::string_view text) {
  static std::mutex mutex;
  std::string line = "drishti: ";
  line.append(text);
  line += '\n';
  std::lock_guard lock(mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace drishti::app
