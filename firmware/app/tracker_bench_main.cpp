// drishti-tracker-bench: measures drishti-tracker from the host's side.
//
// Starts the real drishti-tracker (with the arguments after "--") sending UDP
// to this program, decodes everything it sends, and reports what a host sees:
// capture-to-wire latency of every eye sample (sendUs - captureUs, both stamped
// by the tracker's monotonic clock), lost messages (sequence gaps), frames the
// tracker dropped or found corrupt (its last Status), its processing times,
// and its peak resident memory. Optionally loads every core with busy
// processes first (--stress N), to see what the tracker does under load.
//
//   drishti-tracker-bench [--stress N] [--tracker PATH] -- <drishti-tracker args>
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

std::uint64_t residentKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
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
      "Usage: drishti-tracker-bench [--stress N] [--tracker PATH] -- <drishti-tracker args>\n"
      "Runs drishti-tracker sending UDP here and reports capture-to-wire latency,\n"
      "lost messages, dropped frames, processing time and peak memory.\n"
      "  --stress N     keep N busy processes running meanwhile (e.g. one per core)\n"
      "  --tracker PATH the drishti-tracker binary (default: beside this program)\n",
      stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int stress = 0;
  std::string tracker =
      (std::filesystem::path(argv[0]).parent_path() / "drishti-tracker").string();
  std::vector<std::string> trackerArgs;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--stress" && i + 1 < argc)
      stress = std::atoi(argv[++i]);
    else if (a == "--tracker" && i + 1 < argc)
      tracker = argv[++i];
    else if (a == "--")
      break;
    else
      return usage();
  }
  for (++i; i < argc; ++i)
    trackerArgs.push_back(argv[i]);

  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int big = 8 << 20;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return 1;
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);

  std::vector<std::string> all{tracker, "--port", std::to_string(ntohs(addr.sin_port)),
                               "--quiet"};
  all.insert(all.end(), trackerArgs.begin(), trackerArgs.end());
  std::vector<char*> args;
  for (auto& s : all)
    args.push_back(s.data());
  args.push_back(nullptr);

  const std::vector<pid_t> stressors = startStress(stress);
  pid_t pid = -1;
  if (::posix_spawn(&pid, tracker.c_str(), nullptr, nullptr, args.data(), environ) != 0) {
    std::fprintf(stderr, "drishti-tracker-bench: cannot start %s\n", tracker.c_str());
    return 1;
  }

  drishti::protocol::StreamDecoder decoder;
  std::vector<std::uint64_t> latency, processP50, processP99;
  drishti::protocol::Status last{};
  std::uint64_t samples = 0, gaps = 0, peakKb = 0, statuses = 0;
  std::uint32_t lastSeq = 0;
  std::uint64_t nextRss = 0;
  std::array<std::uint8_t, 4096> buffer;
  int status = 0;
  bool running = true;
  while (running) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) > 0) {
      const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
      if (n > 0) {
        decoder.feed(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)),
                     [&](drishti::protocol::DecodeStatus s, const drishti::protocol::Message& m,
                         const drishti::protocol::DecodeError&) {
                       if (s != drishti::protocol::DecodeStatus::kMessage)
                         return;
                       const std::uint32_t seq = std::visit([](auto& x) { return x.seq; }, m);
                       gaps += lastSeq != 0 && seq != lastSeq + 1;
                       lastSeq = seq;
                       if (const auto* e = std::get_if<drishti::protocol::EyeSample>(&m)) {
                         ++samples;
                         latency.push_back(e->sendUs - e->captureUs);
                       } else if (const auto* st = std::get_if<drishti::protocol::Status>(&m)) {
                         ++statuses;
                         last = *st;
                         if (st->processP50Us > 0) {
                           processP50.push_back(st->processP50Us);
                           processP99.push_back(st->processP99Us);
                         }
                       }
                     });
      }
    }
    const std::uint64_t now = drishti::io::monotonicUs();
    if (now >= nextRss) {
      peakKb = std::max(peakKb, residentKb(pid));
      nextRss = now + 500'000;
    }
    if (::waitpid(pid, &status, WNOHANG) == pid)
      running = false;
  }
  for (pid_t s : stressors) {
    ::kill(s, SIGKILL);
    ::waitpid(s, nullptr, 0);
  }

  auto ms = [](double us) { return us / 1000.0; };
  std::printf("drishti-tracker-bench: tracker exit %d, stress processes %d\n",
              WIFEXITED(status) ? WEXITSTATUS(status) : -1, stress);
  std::printf("  samples received      %" PRIu64 " (sequence gaps: %" PRIu64
              ", rejected frames: %" PRIu64 ")\n",
              samples, gaps, decoder.stats().rejectedFrames());
  std::printf("  frames in / dropped / corrupt   %" PRIu64 " / %" PRIu64 " / %" PRIu64
              "   deadline misses %" PRIu64 "\n",
              last.framesIn, last.framesDropped, last.framesCorrupt, last.deadlineMisses);
  std::printf("  capture-to-wire latency  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
              ms(percentile(latency, 0.5)), ms(percentile(latency, 0.9)),
              ms(percentile(latency, 0.99)), ms(percentile(latency, 1.0)));
  std::printf("  processing (per-second p50, median over %zu s)  p50 %.2f ms  p99 %.2f ms\n",
              processP50.size(), ms(percentile(processP50, 0.5)), ms(percentile(processP99, 0.5)));
  std::printf("  peak resident memory  %.1f MB   heartbeats %" PRIu64 "\n", peakKb / 1024.0,
              statuses);
  return 0;
}
