#include "firmware/io/thread_table.h"

#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "firmware/io/log.h"

namespace drishti::io {
namespace {

OnceFlag policyWarning;
OnceFlag niceWarning;
OnceFlag affinityWarning;
OnceFlag lockWarning;

}  // namespace

ApplyResult applyThreadSpec(const ThreadSpec& spec, const char* role) {
  ApplyResult result;
  if (spec.policy == SchedPolicy::kOther) {
    if (spec.priority != 0) {
      // Linux applies a nice value to a single thread when given its thread id.
      const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
      if (::setpriority(PRIO_PROCESS, tid, spec.priority) == 0) {
        result.policyApplied = true;
      } else if (niceWarning.first()) {
        logLine(LogLevel::kWarning,
                "%s thread: nice %d not permitted (%s); running at the default priority. "
                "Allow it with LimitNICE= in the service unit",
                role, spec.priority, std::strerror(errno));
      }
    }
  } else {
    sched_param param{};
    param.sched_priority = spec.priority;
    const int policy = spec.policy == SchedPolicy::kFifo ? SCHED_FIFO : SCHED_RR;
    const int err = ::pthread_setschedparam(::pthread_self(), policy, &param);
    if (err == 0) {
      result.policyApplied = true;
    } else if (policyWarning.first()) {
      logLine(LogLevel::kWarning,
              "%s thread: real-time priority (%s) not permitted (%s); running without it, so "
              "frames may be late under load. Allow it with LimitRTPRIO=99 in the service unit "
              "or an rtprio line in /etc/security/limits.conf",
              role, describe(spec).c_str(), std::strerror(err));
    }
  }

  if (!spec.cpus.empty()) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int cpu : spec.cpus) {
      if (cpu >= 0 && cpu < CPU_SETSIZE)
        CPU_SET(cpu, &set);
    }
    const int err = ::pthread_setaffinity_np(::pthread_self(), sizeof set, &set);
    if (err == 0) {
      result.affinityApplied = true;
    } else if (affinityWarning.first()) {
      logLine(LogLevel::kWarning,
              "%s thread: cannot pin to CPUs %s (%s; this machine has %ld); running on any CPU",
              role, describe(spec).c_str(), std::strerror(err), ::sysconf(_SC_NPROCESSORS_ONLN));
    }
  }
  return result;
}

bool lockAllMemory() {
  // MCL_ONFAULT locks pages as they are first touched instead of populating
  // every mapping at once (8 MB per thread stack, OpenCV's pools), which would
  // multiply resident memory; after warm-up the loop touches no new pages.
  if (::mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0)
    return true;
  if (lockWarning.first()) {
    logLine(LogLevel::kWarning,
            "cannot lock memory (%s); running without it, so a page fault may delay a frame. "
            "Allow it with LimitMEMLOCK=infinity in the service unit",
            std::strerror(errno));
  }
  return false;
}

std::string describe(const ThreadSpec& spec) {
  std::string s = spec.policy == SchedPolicy::kFifo         ? "fifo "
                  : spec.policy == SchedPolicy::kRoundRobin ? "rr "
                                                            : "other ";
  s += std::to_string(spec.priority);
  if (!spec.cpus.empty()) {
    s += ", cpus ";
    for (std::size_t i = 0; i < spec.cpus.size(); ++i) {
      if (i > 0)
        s += ',';
      s += std::to_string(spec.cpus[i]);
    }
  }
  return s;
}

}  // namespace drishti::io
