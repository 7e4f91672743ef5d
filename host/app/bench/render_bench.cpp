// drishti-bench-render: how long a realistic screen takes from draw list to pixels.
//
// Builds the screens of the real session (boards from host/data at 1280x800,
// with the gaze on a key so the focus frame and dwell ring are drawn, and the
// message bar holding text), then renders them again and again with SDL's
// software renderer, moving the gaze from key to key so the ring and frame
// change every frame as they do while a person dwells. Times render() and
// the present separately and prints p50/p99 per board.
//
// Usage: drishti-bench-render [--frames N] [--window] [--data DIR]
//   --window: draw into an SDL window (SDL_VIDEODRIVER decides; offscreen for
//   headless) instead of a memory surface.
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "host/app/host_clock.h"
#include "host/app/sample_stats.h"
#include "host/core/host_session.h"
#include "host/core/profile.h"
#include "host/core/speech_sink.h"
#include "host/ui/draw_list_renderer.h"

using namespace drishti;

namespace {

// CPU time of this thread, µs: what drawing costs, whoever else shares the cores.
std::int64_t threadCpuUs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

class NoSpeech final : public host::SpeechSink {
 public:
  void speak(const host::SpeechRequest&) override {}
  void stopSpeaking() override {}
  bool speaking() const override { return false; }
};

struct Board {
  const char* id;
  const char* text;  // typed into the message bar first
};

}  // namespace

int main(int argc, char** argv) {
  int frames = 2000;
  bool window = false;
  bool verbose = false;
  std::string data = DRISHTI_SOURCE_DATA_DIR;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
      frames = std::atoi(argv[++i]);
    else if (std::strcmp(argv[i], "--window") == 0)
      window = true;
    else if (std::strcmp(argv[i], "--verbose") == 0)
      verbose = true;
    else if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc)
      data = argv[++i];
    else {
      std::fprintf(stderr, "usage: drishti-bench-render [--frames N] [--window] [--data DIR]\n");
      return 2;
    }
  }
  if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
    std::fprintf(stderr, "SDL: %s\n", SDL_GetError());
    return 4;
  }
  const int w = 1280, h = 800;
  SDL_Window* win = nullptr;
  SDL_Surface* surface = nullptr;
  SDL_Renderer* renderer = nullptr;
  if (window) {
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");  // as drishti does with software rendering
    win = SDL_CreateWindow("bench", 0, 0, w, h, 0);
    renderer = win != nullptr ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : nullptr;
  } else {
    surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = SDL_CreateSoftwareRenderer(surface);
  }
  if (renderer == nullptr) {
    std::fprintf(stderr, "renderer: %s\n", SDL_GetError());
    return 4;
  }
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(renderer, &info);
  std::vector<std::string> problems;
  const ui::FontCatalog fonts = ui::FontCatalog::find(problems);
  auto drawer = std::make_unique<ui::DrawListRenderer>(renderer, fonts);
  std::printf("renderer %s, %s, %dx%d, %d frames per board\n", info.name,
              window ? SDL_GetCurrentVideoDriver() : "memory surface", w, h, frames);

  NoSpeech speech;
  char stateTemplate[] = "/tmp/drishti-bench-XXXXXX";
  const std::filesystem::path stateDir = ::mkdtemp(stateTemplate);
  for (const char* board : {"en-abc", "en-qwerty", "hi-varnamala", "ml-aksharamala"}) {
    // A profile whose letter board is this board, as a person would have.
    host::Profile p;
    p.letterBoard = board;
    std::filesystem::create_directories(stateDir / "profiles");
    std::ofstream(stateDir / "profiles" / (std::string(board) + ".profile"))
        << host::formatProfile(p);
    host::SessionConfig config;
    config.dataDir = data;
    config.stateDir = stateDir;
    config.profile = board;
    config.width = w;
    config.height = h;
    host::HostSession session(config, &speech);
    if (session.board() == nullptr || session.board()->id != board) {
      std::printf("%-16s not available\n", board);
      continue;
    }
    app::SampleStats renderUs, presentUs, frameUs, cpuUs;
    host::DrawList list;
    std::int64_t t = 1'000'000;
    const auto targets = session.targets();
    std::size_t keys = 0;
    for (const auto& c : (session.render(list), list.commands()))
      keys += c.kind == host::DrawKind::kText ? 1 : 0;
    for (int f = 0; f < frames; ++f) {
      // Gaze moves to another key every 20 frames; between, the dwell ring grows.
      const host::Target& target = targets[static_cast<std::size_t>((f / 20) * 7) % targets.size()];
      host::InputEvent e;
      e.kind = host::InputKind::kGaze;
      e.tUs = t;
      e.x = target.rect.x + target.rect.w / 2;
      e.y = target.rect.y + target.rect.h / 2;
      session.handle(e);
      t += 16'667;
      session.render(list);
      const std::int64_t cpu0 = threadCpuUs();
      const std::int64_t a = app::hostNowUs();
      drawer->render(list);
      const std::int64_t b = app::hostNowUs();
      if (window)
        SDL_RenderPresent(renderer);
      const std::int64_t c = app::hostNowUs();
      const std::int64_t cpu1 = threadCpuUs();
      if (f >= 20) {  // after the first screens have filled the text cache
        renderUs.add(b - a);
        presentUs.add(c - b);
        frameUs.add(c - a);
        cpuUs.add(cpu1 - cpu0);
      }
      if (verbose && c - a > 4000)
        std::printf("  frame %d: %.2f ms, text cache misses so far %llu\n", f, (c - a) / 1000.0,
                    static_cast<unsigned long long>(drawer->textCache().stats().misses));
    }
    std::printf(
        "%-16s %3zu texts %3zu commands | wall: frame p50 %.2f p99 %.2f ms (render p50 %.2f, "
        "present p50 %.2f) | cpu: frame p50 %.2f p99 %.2f ms\n",
        board, keys, list.commands().size(), frameUs.quantile(0.5) / 1000.0,
        frameUs.quantile(0.99) / 1000.0, renderUs.quantile(0.5) / 1000.0,
        presentUs.quantile(0.5) / 1000.0, cpuUs.quantile(0.5) / 1000.0,
        cpuUs.quantile(0.99) / 1000.0);
  }
  std::filesystem::remove_all(stateDir);
  drawer.reset();  // its fonts and textures before the font engine and renderer go
  SDL_DestroyRenderer(renderer);
  if (surface != nullptr)
    SDL_FreeSurface(surface);
  if (win != nullptr)
    SDL_DestroyWindow(win);
  TTF_Quit();
  SDL_Quit();
  return 0;
}
