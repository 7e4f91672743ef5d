#include "host/ui/png_writer.h"

#include <catch2/catch.hpp>

#include "tests/support/test_data.h"

using namespace drishti::ui;

TEST_CASE("a PNG written is read back with the same pixels") {
  RgbaImage image;
  image.width = 7;
  image.height = 5;
  for (int i = 0; i < 7 * 5; ++i) {
    image.pixels.insert(image.pixels.end(),
                        {static_cast<std::uint8_t>(i * 7), static_cast<std::uint8_t>(255 - i),
                         static_cast<std::uint8_t>(i * 3), static_cast<std::uint8_t>(200 + i)});
  }
  const auto file = drishti::test::scratchDir("png") / "a.png";
  std::string error;
  REQUIRE(writePng(file, image, error));
  CHECK_FALSE(std::filesystem::exists(file.string() + ".tmp"));
  RgbaImage back;
  REQUIRE(readPng(file, back, error));
  CHECK(back.width == 7);
  CHECK(back.height == 5);
  CHECK(back.pixels == image.pixels);
}

TEST_CASE("PNG failures name the file") {
  RgbaImage image;
  image.width = 1;
  image.height = 1;
  image.pixels = {1, 2, 3, 4};
  std::string error;
  CHECK_FALSE(writePng("/nonexistent-dir/a.png", image, error));
  CHECK(error.starts_with("/nonexistent-dir/a.png: cannot write PNG"));
  const auto junk = drishti::test::scratchDir("png-junk") / "junk.png";
  std::FILE* f = std::fopen(junk.c_str(), "wb");
  std::fputs("not a png at all", f);
  std::fclose(f);
  RgbaImage back;
  CHECK_FALSE(readPng(junk, back, error));
  CHECK(error.starts_with(junk.string() + ": cannot read PNG"));
}
