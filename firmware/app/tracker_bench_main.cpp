// drishti-tracker-bench: measures drishti-tracker from the host's side.
//
// Starts the real drishti-tracker (with the arguments after "--") sending UDP
// to this program, decodes everything it sends, and reports what a host sees:
// capture-to-wire latency of every eye sample (sendUs - captureUs, both stamped
// by the tracker's monotonic clock), lost messages (sequence gaps), frames the
// tracker dropped or found corrupt (its last Status), its processing times,
// and its peak resident memory (the kernel's high-water mark, read every
// 0.5 s). Optionally loads every core with busy processes first (--stress N),
// to see what the tracker does under load.
//
//   drishti-tracker-bench [--stress N] [--repeat N] [--tracker PATH] -- <tracker args>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "firmware/io/monotonic_clock.h"
#include "firmware/protocol/stream_decoder.h"

extern char** environ;

namespace {

// The process's resident high-water mark (VmHWM): the true peak so far, also
// between two samples.
std::uint64_t peakResidentKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      std::uint64_t kb = 0;
      status >> kb;
      return kb;
    }
    status.ignore(4096, '\n');
  }
  return 0;
}

double percentile(std::vector<std::uint64_t> v, double q) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return static_cast<double>(v[std::min(i, v.size() - 1)]);
}

// Busy processes at normal priority, one per `n`: the "stress process".
std::vector<pid_t> startStress(int n) {
  std::vector<pid_t> pids;
  for (int i = 0; i < n; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      volatile std::uint64_t x = 0;
      while (true)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
    pids.push_back(pid);
  }
  return pids;
}

int usage() {
  std::fputs(
      "Usage: drishti-tracker-bench [--stress N] [--repeat N] [--tracker PATH] -- <tracker args>\n"
      "Runs drishti-tracker sending UDP here and reports capture-to-wire latency,\n"
      "lost messages, dropped frames, processing time and peak memory.\n"
      "  --stress N     keep N busy processes running meanwhile (e.g. one per core)\n"
      "  --repeat N     run it N times and also print the median of each figure\n"
      "  --tracker PATH the drishti-tracker binary (default: beside this program)\n",
      stderr);
  return 2;
}

struct Run {
  int exit = -1;
  std::uint64_t samples = 0, gaps = 0, rejected = 0, heartbeats = 0;
  drishti::protocol::Status last{};
  double p50 = 0, p90 = 0, p99 = 0, max = 0;  // capture-to-wire, ms
  double processP50 = 0, processP99 = 0;      // ms, median of the per-second values
  double peakMb = 0;
};

Run runOnce(const std::string& tracker, const std::vector<std::string>& trackerArgs, int stress) {
  Run run;
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int big = 8 << 20;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);

  std::vector<std::string> all{tracker, "--port", std::to_string(ntohs(addr.sin_port)), "--quiet"};
  all.insert(all.end(), trackerArgs.begin(), trackerArgs.end());
  std::vector<char*> args;
  for (auto& a : all)
    args.push_back(a.data());
  args.push_back(nullptr);

  const std::vector<pid_t> stressors = startStress(stress);
  pid_t pid = -1;
  if (::posix_spawn(&pid, tracker.c_str(), nullptr, nullptr, args.data(), environ) != 0) {
    std::fprintf(stderr, "drishti-tracker-bench: cannot start %s\n", tracker.c_str());
    std::exit(1);
  }

  drishti::protocol::StreamDecoder decoder;
  std::vector<std::uint64_t> latency, processP50, processP99;
  std::uint32_t lastSeq = 0;
  std::uint64_t nextRss = 0, peakKb = 0;
  std::array<std::uint8_t, 4096> buffer;
  int status = 0;
  bool running = true;
  auto onEvent = [&](drishti::protocol::DecodeStatus s, const drishti::protocol::Message& m,
                     const drishti::protocol::DecodeError&) {
    if (s != drishti::protocol::DecodeStatus::kMessage)
      return;
    const std::uint32_t seq = std::visit([](auto& x) { return x.seq; }, m);
    run.gaps += lastSeq != 0 && seq != lastSeq + 1;
    lastSeq = seq;
    if (const auto* e = std::get_if<drishti::protocol::EyeSample>(&m)) {
      ++run.samples;
      latency.push_back(e->sendUs - e->captureUs);
    } else if (const auto* st = std::get_if<drishti::protocol::Status>(&m)) {
      ++run.heartbeats;
      run.last = *st;
      if (st->processP50Us > 0 || st->fpsIn > 0) {
        processP50.push_back(st->processP50Us);
        processP99.push_back(st->processP99Us);
      }
    }
  };
  while (running) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) > 0) {
      const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
      if (n > 0)
        decoder.feed(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)),
                     onEvent);
    }
    const std::uint64_t now = drishti::io::monotonicUs();
    if (now >= nextRss) {
      peakKb = std::max(peakKb, peakResidentKb(pid));
      nextRss = now + 500'000;
    }
    if (::waitpid(pid, &status, WNOHANG) == pid)
      running = false;
  }
  // What was sent last (the final status) may still be in the socket.
  while (true) {
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n <= 0)
      break;
    decoder.feed(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)),
                 onEvent);
  }
  ::close(fd);
  for (pid_t s : stressors) {
    ::kill(s, SIGKILL);
    ::waitpid(s, nullptr, 0);
  }
  run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.rejected = decoder.stats().rejectedFrames();
  run.p50 = percentile(latency, 0.5) / 1000.0;
  run.p90 = percentile(latency, 0.9) / 1000.0;
  run.p99 = percentile(latency, 0.99) / 1000.0;
  run.max = percentile(latency, 1.0) / 1000.0;
  run.processP50 = percentile(processP50, 0.5) / 1000.0;
  run.processP99 = percentile(processP99, 0.5) / 1000.0;
  run.peakMb = static_cast<double>(peakKb) / 1024.0;
  return run;
}

void print(const char* label, const Run& r) {
  std::printf("%-7s exit %d | samples %" PRIu64 ", gaps %" PRIu64 ", rejected %" PRIu64
              " | frames in %" PRIu64 ", dropped %" PRIu64 ", corrupt %" PRIu64
              ", deadline misses %" PRIu64
              " | capture-to-wire ms p50 %.2f p90 %.2f p99 %.2f max %.2f"
              " | processing ms p50 %.2f p99 %.2f | peak RSS %.1f MB\n",
              label, r.exit, r.samples, r.gaps, r.rejected, r.last.framesIn, r.last.framesDropped,
              r.last.framesCorrupt, r.last.deadlineMisses, r.p50, r.p90, r.p99, r.max, r.processP50,
              r.processP99, r.peakMb);
}

template <class F>
double medianOf(const std::vector<Run>& runs, F field) {
  std::vector<double> v;
  for (const Run& r : runs)
    v.push_back(static_cast<double>(field(r)));
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int stress = 0, repeat = 1;
  std::string tracker = (std::filesystem::path(argv[0]).parent_path() / "drishti-tracker").string();
  std::vector<std::string> trackerArgs;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--stress" && i + 1 < argc)
      stress = std::atoi(argv[++i]);
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--tracker" && i + 1 < argc)
      tracker = argv[++i];
    else if (a == "--")
      break;
    else
      return usage();
  }
  for (++i; i < argc; ++i)
    trackerArgs.push_back(argv[i]);

  std::vector<Run> runs;
  for (int r = 0; r < repeat; ++r) {
    runs.push_back(runOnce(tracker, trackerArgs, stress));
    print(("run " + std::to_string(r + 1)).c_str(), runs.back());
  }
  if (repeat > 1) {
    Run m;
    m.exit = static_cast<int>(medianOf(runs, [](const Run& r) { return r.exit; }));
    m.samples = static_cast<std::uint64_t>(medianOf(runs, [](const Run& r) { return r.samples; }));
    m.gaps = static_cast<std::uint64_t>(medianOf(runs, [](const Run& r) { return r.gaps; }));
    m.rejected =
        static_cast<std::uint64_t>(medianOf(runs, [](const Run& r) { return r.rejected; }));
    m.last.framesIn =
        static_cast<std::uint64_t>(medianOf(runs, [](const Run& r) { return r.last.framesIn; }));
    m.last.framesDropped = static_cast<std::uint64_t>(
        medianOf(runs, [](const Run& r) { return r.last.framesDropped; }));
    m.last.framesCorrupt = static_cast<std::uint64_t>(
        medianOf(runs, [](const Run& r) { return r.last.framesCorrupt; }));
    m.last.deadlineMisses = static_cast<std::uint64_t>(
        medianOf(runs, [](const Run& r) { return r.last.deadlineMisses; }));
    m.p50 = medianOf(runs, [](const Run& r) { return r.p50; });
    m.p90 = medianOf(runs, [](const Run& r) { return r.p90; });
    m.p99 = medianOf(runs, [](const Run& r) { return r.p99; });
    m.max = medianOf(runs, [](const Run& r) { return r.max; });
    m.processP50 = medianOf(runs, [](const Run& r) { return r.processP50; });
    m.processP99 = medianOf(runs, [](const Run& r) { return r.processP99; });
    m.peakMb = medianOf(runs, [](const Run& r) { return r.peakMb; });
    print("median", m);
  }
  return 0;
}
