// drishti_host_core_bench: how long the host core takes per input event and
// per frame, in a Release build. Not a test: it prints medians of repeated
// runs (the machine is shared, so single timings are noise).
//
//   build/release/tests/host/core/drishti_host_core_bench [DATA_DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include "host/core/host_session.h"

using namespace drishti::host;
using Clock = std::chrono::steady_clock;

namespace {

double medianNs(int runs, long perRun, const std::function<void()>& body) {
  std::vector<double> ns;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = Clock::now();
    body();
    const auto t1 = Clock::now();
    ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() /
                 static_cast<double>(perRun));
  }
  std::sort(ns.begin(), ns.end());
  return ns[ns.size() / 2];
}

InputEvent gazeAt(std::int64_t tUs, float x, float y) {
  InputEvent e;
  e.tUs = tUs;
  e.kind = InputKind::kGaze;
  e.x = x;
  e.y = y;
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  SessionConfig config;
  config.dataDir =
      argc > 1 ? argv[1] : DRISHTI_BENCH_DATA_DIR;  // no state folder: nothing is written
  std::int64_t t = 1'000'000'000;

  // 1. Gaze samples at 30 Hz wandering over the English board with dwell:
  // the cost of handle() per sample, selections and screen changes included.
  HostSession dwell(config, nullptr);
  dwell.advanceTo(t);
  constexpr long kEvents = 30'000;
  const double perGaze = medianNs(7, kEvents, [&] {
    for (long i = 0; i < kEvents; ++i) {
      const auto& targets = dwell.targets();
      const Rect r =
          targets[static_cast<std::size_t>((i / 45) % 30)].rect;  // a new key every 1.5 s
      dwell.handle(gazeAt(t += 33'333, r.x + r.w / 2, r.y + r.h / 2));
    }
  });

  // 2. Scanning with no input: the cost of advanceTo() per 60 Hz frame.
  HostSession scan(config, nullptr);
  Profile p = scan.profile();
  p.access.method = MethodKind::kScan;
  scan.saveProfile(p);
  std::int64_t ts = t;
  scan.advanceTo(ts);
  constexpr long kFrames = 60'000;
  const double perTick = medianNs(7, kFrames, [&] {
    for (long i = 0; i < kFrames; ++i)
      scan.advanceTo(ts += 16'667);
  });

  // 3. render() of a full board screen with the dwell ring drawn.
  DrawList list;
  const Rect a = dwell.targets()[0].rect;
  for (int k = 0; k < 20; ++k)
    dwell.handle(gazeAt(t += 33'333, a.x + 5, a.y + 5));
  dwell.render(list);
  constexpr long kRenders = 20'000;
  const double perRender = medianNs(7, kRenders, [&] {
    for (long i = 0; i < kRenders; ++i)
      dwell.render(list);
  });

  std::printf("handle(gaze) with dwell, English board: %.0f ns per event (median of 7 x %ld)\n",
              perGaze, kEvents);
  std::printf("advanceTo() with scanning, per 60 Hz frame: %.0f ns (median of 7 x %ld)\n", perTick,
              kFrames);
  std::printf(
      "render() of a board screen: %.0f ns per frame, %zu draw commands (median of 7 x %ld)\n",
      perRender, list.commands().size(), kRenders);
  std::printf("selections made while measuring: %llu\n",
              static_cast<unsigned long long>(dwell.selectionCount()));
  return 0;
}
