// drishti-bench-latency: input event to visible highlight, through the real app.
//
// Runs DrishtiApp headless (SDL's software renderer on the offscreen video
// driver) with the mouse as gaze. Another thread plays a person's gaze as the
// mouse: it jumps to a different key every 400-700 ms (random) and rests
// there with 1 px jitter at 60 Hz, each sample pushed as an SDL mouse-motion
// event at a random moment relative to the app's frames. The app measures,
// for every input that moved the highlight, the time from the event's stamp
// to the end of the present that shows it (AppStats::highlightUs); this
// program prints those percentiles and the frame budget they are held to.
//
// Usage: drishti-bench-latency [--seconds N] [--data DIR]
// The SDL event stamps have 1 ms resolution, so each figure may be up to 1 ms
// long (never short).
#include <SDL2/SDL.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "host/app/drishti_app.h"
#include "host/core/host_session.h"
#include "host/core/speech_sink.h"

using namespace drishti;

namespace {

class NoSpeech final : public host::SpeechSink {
 public:
  void speak(const host::SpeechRequest&) override {}
  void stopSpeaking() override {}
  bool speaking() const override { return false; }
};

// Key centres of the first screen, from a session on the same data.
std::vector<host::Rect> keysOf(const std::string& data) {
  NoSpeech speech;
  host::SessionConfig config;
  config.dataDir = data;
  host::HostSession session(config, &speech);
  std::vector<host::Rect> keys;
  for (const host::Target& t : session.targets())
    keys.push_back(t.rect);
  return keys;
}

void pushMotion(float x, float y) {
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.x = static_cast<Sint32>(x);
  e.motion.y = static_cast<Sint32>(y);
  SDL_PushEvent(&e);  // thread-safe; SDL stamps it
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 30;
  std::string data = DRISHTI_SOURCE_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
      seconds = std::atoi(argv[++i]);
    else if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc)
      data = argv[++i];
    else {
      std::fprintf(stderr, "usage: drishti-bench-latency [--seconds N] [--data DIR]\n");
      return 2;
    }
  }
  const std::vector<host::Rect> keys = keysOf(data);
  if (keys.size() < 2) {
    std::fprintf(stderr, "no keys on the first screen of %s\n", data.c_str());
    return 1;
  }
  app::AppOptions options;
  options.headless = true;
  options.noState = true;
  options.noWire = true;
  options.noAudio = true;
  options.mouseGaze = app::MouseGaze::kAlways;
  options.dataDir = data;
  app::DrishtiApp drishti(options);
  if (const int code = drishti.setUp(); code != app::kExitOk)
    return code;

  std::atomic<bool> done{false};
  std::thread person([&] {
    std::mt19937 rng(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // first screen up
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    std::size_t key = 0;
    while (std::chrono::steady_clock::now() < end) {
      key = (key + 1 + rng() % (keys.size() - 1)) % keys.size();  // another key
      const host::Rect& r = keys[key];
      const auto stay = std::chrono::milliseconds(400 + rng() % 300);  // short of a dwell
      const auto leave = std::chrono::steady_clock::now() + stay;
      // A random phase against the app's 60 Hz frames.
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % 16'667));
      for (int n = 0; std::chrono::steady_clock::now() < leave; ++n) {
        pushMotion(r.x + r.w / 2 + static_cast<float>(n % 2), r.y + r.h / 2);
        std::this_thread::sleep_for(std::chrono::microseconds(16'667));
      }
    }
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    SDL_PushEvent(&quit);
    done = true;
  });
  const int code = drishti.run();
  person.join();
  const app::AppStats& s = drishti.stats();
  std::printf(
      "input to highlight (%llu highlight moves): p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
      "one display frame at 60 Hz is 16.67 ms\n",
      static_cast<unsigned long long>(s.highlightUs.count()), s.highlightUs.quantile(0.5) / 1000.0,
      s.highlightUs.quantile(0.99) / 1000.0, s.highlightUs.max() / 1000.0);
  std::printf("frames drawn %llu, draw list to pixels incl. present: p50 %.2f ms, p99 %.2f ms\n",
              static_cast<unsigned long long>(s.framesDrawn), s.renderUs.quantile(0.5) / 1000.0,
              s.renderUs.quantile(0.99) / 1000.0);
  return code;
}
