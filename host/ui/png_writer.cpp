#include "host/ui/png_writer.h"

#include <SDL2/SDL.h>
#include <png.h>

#include <cstdio>
#include <cstring>

namespace drishti::ui {

bool writePng(const std::filesystem::path& file, const RgbaImage& image, std::string& error) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
    error = file.string() + ": no image to write";
    return false;
  }
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width);
  png.height = static_cast<png_uint_32>(image.height);
  png.format = PNG_FORMAT_RGBA;
  const std::filesystem::path tmp = file.string() + ".tmp";
  if (png_image_write_to_file(&png, tmp.c_str(), 0, image.pixels.data(), 0, nullptr) == 0) {
    error = file.string() + ": cannot write PNG (" + png.message + ")";
    png_image_free(&png);
    std::remove(tmp.c_str());
    return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    error = file.string() + ": cannot write PNG (" + ec.message() + ")";
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

bool readPng(const std::filesystem::path& file, RgbaImage& image, std::string& error) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&png, file.c_str()) == 0) {
    error = file.string() + ": cannot read PNG (" + png.message + ")";
    return false;
  }
  png.format = PNG_FORMAT_RGBA;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.pixels.resize(PNG_IMAGE_SIZE(png));
  if (png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr) == 0) {
    error = file.string() + ": cannot read PNG (" + png.message + ")";
    png_image_free(&png);
    return false;
  }
  return true;
}

bool readRenderer(SDL_Renderer* renderer, RgbaImage& image, std::string& error) {
  int w = 0, h = 0;
  if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0 || w <= 0 || h <= 0) {
    error = std::string("cannot read the screen: ") + SDL_GetError();
    return false;
  }
  image.width = w;
  image.height = h;
  image.pixels.resize(static_cast<std::size_t>(w) * h * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, image.pixels.data(), w * 4) !=
      0) {
    error = std::string("cannot read the screen: ") + SDL_GetError();
    return false;
  }
  return true;
}

}  // namespace drishti::ui
