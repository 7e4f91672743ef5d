// ThreadTable: scheduling of the tracker's three threads, from the board config.
//
// Represents: per thread a policy (SCHED_FIFO / SCHED_RR with priority 1..99,
// or SCHED_OTHER with a nice value -20..19) and the CPUs it may run on; plus
// whether to lock all memory (mlockall) so that page faults cannot stall the
// camera loop. applyThreadSpec() is called by each thread on itself.
// If the system refuses (no CAP_SYS_NICE / rtprio limit, a CPU that does not
// exist, RLIMIT_MEMLOCK too small) the thread runs anyway with what it has and
// the refusal is logged once per kind, in words that say how to allow it.
// Thread safety: apply functions affect only the calling thread (mlockall the
// process); they may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drishti::io {

enum class SchedPolicy : std::uint8_t { kOther, kFifo, kRoundRobin };

struct ThreadSpec {
  SchedPolicy policy = SchedPolicy::kOther;
  int priority = 0;       // kFifo/kRoundRobin: 1..99; kOther: nice value -20..19
  std::vector<int> cpus;  // CPU numbers; empty = any
};

struct ThreadTable {
  ThreadSpec capture;
  ThreadSpec tracking;
  ThreadSpec sender;
  bool lockMemory = false;
};

// What applying a spec achieved (each flag false if refused or not asked for).
struct ApplyResult {
  bool policyApplied = false;
  bool affinityApplied = false;
};

// Applies `spec` to the calling thread; `role` ("capture") names it in warnings.
ApplyResult applyThreadSpec(const ThreadSpec& spec, const char* role);

// mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT); false (and one warning) if refused.
bool lockAllMemory();

// "fifo 50, cpus 2-3" for logs.
std::string describe(const ThreadSpec& spec);

// Parses a board file's thread entry, "fifo 50, cpus 2-3" (boards/README.md);
// false with `error` set, `spec` unchanged.
bool parseThreadSpec(std::string_view text, ThreadSpec& spec, std::string& error);

}  // namespace drishti::io
