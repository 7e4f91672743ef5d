// Problem: one thing wrong with a file, named by file and line.
//
// Every parser in host/core (boards, profiles, saved state, input scripts)
// reports what it rejects as Problems, so the device can show a caregiver
// "hi-varnamala.board:12: unknown keyword 'rwo'" and keep using its last good
// data. line 0 means the problem concerns the whole file (missing, unreadable).
// Plain value type.
#pragma once

#include <string>
#include <vector>

namespace drishti::host {

struct Problem {
  std::string file;  // as given to the parser: usually the path; "" for none
  int line = 0;      // 1-based; 0 = the file as a whole
  std::string message;

  // "file:line: message" ("file: message" when line is 0; the message alone
  // when there is no file).
  std::string describe() const;
};

// Appends "file:line: message" for each problem, one per line.
std::string describeAll(const std::vector<Problem>& problems);

}  // namespace drishti::host
