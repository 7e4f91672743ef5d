#include "host/core/problem.h"

namespace drishti::host {

std::string Problem::describe() const {
  if (file.empty())
    return message;
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
  }
  out += ": ";
  out += message;
  return out;
}

std::string describeAll(const std::vector<Problem>& problems) {
  std::string out;
  for (const Problem& p : problems) {
    out += p.describe();
    out += '\n';
  }
  return out;
}

}  // namespace drishti::host
