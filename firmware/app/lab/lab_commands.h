// drishti-lab's subcommands. Each takes the arguments after its name, writes
// its results, prints problems to stderr naming the file, and returns the
// process exit code: 0 success, 1 some input could not be read (the results
// for the readable ones are still written), 2 bad usage or setup.
#pragma once

#include "firmware/app/lab/lab_support.h"

namespace drishti::lab {

int locateCommand(const LabArgs& args);
int eyestateCommand(const LabArgs& args);
int blinksCommand(const LabArgs& args);
int benchCommand(const LabArgs& args);

}  // namespace drishti::lab
