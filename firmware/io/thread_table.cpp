#include "firmware/io/thread_table.h"

#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <sstream>

#include "firmware/io/log.h"

namespace drishti::io {
namespace {

OnceFlag policyWarning;
OnceFlag niceWarning;
OnceFlag affinityWarning;
OnceFlag lockWarning;

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos)
    return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

bool parseInt(std::string_view s, long long& out) {
  if (!s.empty() && s.front() == '+')
    s.remove_prefix(1);
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

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

bool parseThreadSpec(std::string_view text, ThreadSpec& spec, std::string& error) {
  ThreadSpec out;
  const std::string usage =
      "expected '<fifo|rr> <1-99>' or 'other [nice -20..19]', optionally ', cpus 2,3' or "
      "', cpus 0-1'";
  const auto comma = text.find(',');
  std::istringstream head{std::string(trimmed(text.substr(0, comma)))};
  std::string policy, priority, extra;
  head >> policy >> priority >> extra;
  if (!extra.empty() || policy.empty()) {
    error = "'" + std::string(text) + "': " + usage;
    return false;
  }
  long long p = 0;
  if (policy == "fifo" || policy == "rr") {
    out.policy = policy == "fifo" ? SchedPolicy::kFifo : SchedPolicy::kRoundRobin;
    if (!parseInt(priority, p) || p < 1 || p > 99) {
      error = "'" + std::string(text) + "': real-time priority must be 1..99";
      return false;
    }
  } else if (policy == "other") {
    if (!priority.empty() && (!parseInt(priority, p) || p < -20 || p > 19)) {
      error = "'" + std::string(text) + "': nice value must be -20..19";
      return false;
    }
  } else {
    error = "'" + std::string(text) + "': unknown policy '" + policy + "'; " + usage;
    return false;
  }
  out.priority = static_cast<int>(p);
  if (comma != std::string_view::npos) {
    std::string_view rest = trimmed(text.substr(comma + 1));
    if (rest.substr(0, 5) != "cpus ") {
      error = "'" + std::string(text) + "': " + usage;
      return false;
    }
    rest = trimmed(rest.substr(5));
    if (rest != "any") {
      while (!rest.empty()) {
        const auto c = rest.find(',');
        const std::string_view item = trimmed(rest.substr(0, c));
        rest = c == std::string_view::npos ? std::string_view{} : rest.substr(c + 1);
        const auto dash = item.find('-');
        long long lo = 0, hi = 0;
        const bool ok = dash == std::string_view::npos ? parseInt(item, lo) && (hi = lo, true)
                                                       : parseInt(item.substr(0, dash), lo) &&
                                                             parseInt(item.substr(dash + 1), hi);
        if (!ok || lo < 0 || hi < lo || hi > 1023) {
          error = "'" + std::string(item) + "' is not a CPU number or range (0-1023)";
          return false;
        }
        for (long long cpu = lo; cpu <= hi; ++cpu)
          out.cpus.push_back(static_cast<int>(cpu));
      }
    }
  }
  spec = out;
  return true;
}

}  // namespace drishti::io
