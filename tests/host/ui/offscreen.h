// Offscreen: an SDL software renderer drawing into a memory surface, for tests.
#pragma once

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include <catch2/catch.hpp>

#include "host/core/draw_list.h"
#include "host/ui/font_catalog.h"

namespace drishti::ui::test {

class Offscreen {
 public:
  Offscreen(int w, int h) {
    if (TTF_WasInit() == 0)
      REQUIRE(TTF_Init() == 0);
    surface_ = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    REQUIRE(surface_ != nullptr);
    renderer_ = SDL_CreateSoftwareRenderer(surface_);
    REQUIRE(renderer_ != nullptr);
  }
  ~Offscreen() {
    SDL_DestroyRenderer(renderer_);
    SDL_FreeSurface(surface_);
  }
  Offscreen(const Offscreen&) = delete;
  Offscreen& operator=(const Offscreen&) = delete;

  SDL_Renderer* renderer() const { return renderer_; }
  SDL_Surface* surface() const { return surface_; }

  host::Color at(int x, int y) const {
    const auto* row = static_cast<const std::uint8_t*>(surface_->pixels) + y * surface_->pitch;
    const std::uint32_t p = reinterpret_cast<const std::uint32_t*>(row)[x];
    return {static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8),
            static_cast<std::uint8_t>(p), 255};
  }

 private:
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
};

inline const FontCatalog& fonts() {
  static std::vector<std::string> problems;
  static const FontCatalog catalog = FontCatalog::find(problems);
  return catalog;
}

}  // namespace drishti::ui::test

namespace drishti::host {
inline std::ostream& operator<<(std::ostream& os, const Color& c) {
  return os << "rgba(" << int(c.r) << "," << int(c.g) << "," << int(c.b) << "," << int(c.a) << ")";
}
}  // namespace drishti::host
