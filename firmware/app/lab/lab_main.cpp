// drishti-lab: offline measurement of the tracking core on recorded data, with
// a stable command line (docs/BENCHMARKS.md uses it; independent evaluation
// depends on its names and CSV columns, so keep them).
#include <cstring>
#include <iostream>
#include <opencv2/core/utility.hpp>
#include <string>

#include "firmware/app/lab/lab_commands.h"

#ifdef DRISHTI_LAB_HAVE_SIM
#include "host/sim/simulate_main.h"
#endif

namespace {

void usage(std::ostream& out) {
  out << "Usage: drishti-lab COMMAND [OPTIONS]\n\n"
         "  locate    --images DIR_OR_LISTFILE --out results.csv\n"
         "            pupil centres per image: image,face_found,imgleft_x,imgleft_y,\n"
         "            imgright_x,imgright_y,confidence (original image pixels)\n"
         "  eyestate  --images DIR_OR_LISTFILE --out results.csv\n"
         "            open/closed per eye crop: image,closed_prob,state\n"
         "  blinks    --video FILE --out frames.csv --events events.csv\n"
         "            per-frame openness and blink events\n"
         "  bench     --video FILE [--frames N] [--baseline naive] [--repeat K] [--native]\n"
         "            per-frame processing time as JSON on stdout\n"
         "  simulate  ARGS...   the host-side simulator (when built with the host)\n\n"
         "locate, blinks and bench accept --model FILE (default: the landmark model\n"
         "of models/manifest.ini). Exit status: 0 ok, 1 an input could not be read\n"
         "(the results for the others are written), 2 bad usage or setup.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  if (command == "simulate") {
#ifdef DRISHTI_LAB_HAVE_SIM
    return drishti::sim::simulateMain(argc - 1, argv + 1);
#else
    std::cerr << "drishti-lab: simulate is not part of this build\n";
    return 2;
#endif
  }
  // Measure one core, as the targets are stated for one core.
  cv::setNumThreads(0);
  const drishti::lab::LabArgs args(argc, argv, 2);
  if (command == "locate")
    return drishti::lab::locateCommand(args);
  if (command == "eyestate")
    return drishti::lab::eyestateCommand(args);
  if (command == "blinks")
    return drishti::lab::blinksCommand(args);
  if (command == "bench")
    return drishti::lab::benchCommand(args);
  std::cerr << "drishti-lab: unknown command '" << command << "'\n";
  usage(std::cerr);
  return 2;
}
