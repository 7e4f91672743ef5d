// drishti-simulate: the simulated user on the host core, as a command.
//
// simulateMain() is the whole program (drishti-lab's `simulate` subcommand
// calls it too): it parses the command line (--help lists it), runs the
// simulations and prints one line per access method and board, with its
// speed as "N wpm". Returns 0, or 2 for a bad command line, 3 when the
// board data cannot be read.
#pragma once

namespace drishti::sim {

int simulateMain(int argc, char** argv);

}  // namespace drishti::sim
