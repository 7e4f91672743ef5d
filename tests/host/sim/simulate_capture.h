// Runs drishti-simulate's main in this process with its stdout and stderr
// sent to files for the length of the call. Test helper; not thread-safe.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "host/sim/simulate_main.h"
#include "tests/support/test_data.h"

namespace drishti::sim::simtest {

struct SimulateRun {
  int code = -1;
  std::vector<std::string> lines;  // stdout, line by line
  std::string err;                 // stderr
};

inline SimulateRun runSimulate(std::vector<std::string> args) {
  const auto dir = drishti::test::scratchDir("simulate-main");
  const auto outFile = dir / "out.txt", errFile = dir / "err.txt";
  args.insert(args.begin(), "drishti-simulate");
  std::vector<char*> argv;
  for (std::string& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  const int savedOut = ::dup(1), savedErr = ::dup(2);
  const int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  SimulateRun run;
  if (out < 0 || err < 0)
    return run;
  ::dup2(out, 1);
  ::dup2(err, 2);
  run.code = simulateMain(static_cast<int>(args.size()), argv.data());
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(savedOut, 1);
  ::dup2(savedErr, 2);
  ::close(savedOut);
  ::close(savedErr);
  ::close(out);
  ::close(err);
  std::ifstream in(outFile);
  for (std::string line; std::getline(in, line);)
    run.lines.push_back(line);
  std::ifstream errIn(errFile);
  std::ostringstream e;
  e << errIn.rdbuf();
  run.err = e.str();
  return run;
}

}  // namespace drishti::sim::simtest
