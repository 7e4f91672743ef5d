// drishti-simulate: see host/sim/simulate_main.h.
#include "host/sim/simulate_main.h"

int main(int argc, char** argv) {
  return drishti::sim::simulateMain(argc, argv);
}
