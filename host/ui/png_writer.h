// PNG files of rendered screens (screenshots) with libpng.
//
// writePng writes 8-bit RGBA pixels to a file atomically (a temporary file
// renamed into place), so a reader never sees half an image. readPng reads
// any PNG as 8-bit RGBA (for tests and tools). Both return false with a
// message naming the file when they fail. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

struct SDL_Renderer;

namespace drishti::ui {

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, 4 bytes per pixel (R, G, B, A), no padding

  const std::uint8_t* at(int x, int y) const {
    return &pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                    static_cast<std::size_t>(x)) *
                   4];
  }
};

bool writePng(const std::filesystem::path& file, const RgbaImage& image, std::string& error);
bool readPng(const std::filesystem::path& file, RgbaImage& image, std::string& error);

// What `renderer` has drawn so far (before present), as RGBA.
bool readRenderer(SDL_Renderer* renderer, RgbaImage& image, std::string& error);

}  // namespace drishti::ui
