#include "firmware/io/test_pattern.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

namespace drishti::io {
namespace {

// Writes value v into pixel (x, y) of a CV_8UC1 or CV_8UC3 row.
inline void put(std::uint8_t* row, int x, int channels, std::uint8_t v) {
  std::uint8_t* p = row + static_cast<std::ptrdiff_t>(x) * channels;
  for (int c = 0; c < channels; ++c)
    p[c] = v;
}

inline std::uint8_t get(const std::uint8_t* row, int x, int channels) {
  // Green for colour images (the pattern is grey-valued, so any channel would do).
  return row[static_cast<std::ptrdiff_t>(x) * channels + (channels == 3 ? 1 : 0)];
}

}  // namespace

TestPattern::TestPattern(const PatternSpec& spec) : spec_(spec) {
  spec_.width = std::max(spec_.width, 160);
  spec_.height = std::max(spec_.height, 120);
  if (!(spec_.fps > 0))
    spec_.fps = 30;
}

PatternTruth TestPattern::truthAt(std::uint64_t index) const {
  PatternTruth t;
  const float w = static_cast<float>(spec_.width);
  const float h = static_cast<float>(spec_.height);
  t.eyeHalfWidth = 0.09f * w;
  t.eyeHalfHeight = std::min(0.045f * w, 0.2f * h);
  t.pupilRadius = 0.55f * t.eyeHalfHeight;
  t.eyeCentre[0] = {0.32f * w, 0.5f * h};
  t.eyeCentre[1] = {0.68f * w, 0.5f * h};

  const double seconds = static_cast<double>(index) / spec_.fps;
  const double dx = 0.45 * t.eyeHalfWidth * std::sin(2 * std::numbers::pi * seconds / 3.1);
  const double dy = 0.25 * t.eyeHalfHeight * std::sin(2 * std::numbers::pi * seconds / 2.3);
  for (int e = 0; e < 2; ++e) {
    t.pupil[e] = {t.eyeCentre[e].x + static_cast<float>(dx),
                  t.eyeCentre[e].y + static_cast<float>(dy)};
  }
  const auto cycleMs = static_cast<int>(std::fmod(seconds * 1000.0, kCycleMs));
  const bool closed = (cycleMs >= kShortBlinkStartMs && cycleMs < kShortBlinkEndMs) ||
                      (cycleMs >= kLongBlinkStartMs && cycleMs < kLongBlinkEndMs);
  t.openness = closed ? 0.0f : 1.0f;
  return t;
}

void TestPattern::draw(std::uint64_t index, cv::Mat& image) const {
  const int channels = spec_.colour ? 3 : 1;
  image.create(spec_.height, spec_.width, spec_.colour ? CV_8UC3 : CV_8UC1);
  // Row by row: cv::Mat::setTo allocates a scratch buffer on every call.
  for (int y = 0; y < image.rows; ++y)
    std::memset(image.ptr<std::uint8_t>(y), kBackground, image.cols * image.elemSize());
  const PatternTruth t = truthAt(index);

  // Rows are drawn directly rather than with cv::ellipse, which builds a
  // polygon in a std::vector on every call.
  for (int e = 0; e < 2; ++e) {
    const float cx = t.eyeCentre[e].x, cy = t.eyeCentre[e].y;
    const float a = t.eyeHalfWidth, b = t.eyeHalfHeight, r = t.pupilRadius;
    const float lidBottom = cy - b + (1.0f - t.openness) * 2 * b;
    const int y0 = static_cast<int>(std::floor(cy - b)), y1 = static_cast<int>(std::ceil(cy + b));
    for (int y = std::max(y0, 0); y <= std::min(y1, spec_.height - 1); ++y) {
      const float fy = static_cast<float>(y) + 0.5f;
      const float v = (fy - cy) / b;
      if (v * v >= 1)
        continue;
      const float half = a * std::sqrt(1 - v * v);
      std::uint8_t* row = image.ptr<std::uint8_t>(y);
      const int x0 = std::max(static_cast<int>(std::ceil(cx - half - 0.5f)), 0);
      const int x1 = std::min(static_cast<int>(std::floor(cx + half - 0.5f)), spec_.width - 1);
      for (int x = x0; x <= x1; ++x) {
        std::uint8_t value = kSclera;
        if (fy < lidBottom) {
          value = kLid;
        } else {
          const float px = static_cast<float>(x) + 0.5f - t.pupil[e].x;
          const float py = fy - t.pupil[e].y;
          if (px * px + py * py <= r * r)
            value = kPupil;
        }
        put(row, x, channels, value);
      }
    }
  }

  const auto bits = static_cast<std::uint32_t>(index);
  for (int y = 0; y < kCellPx; ++y) {
    std::uint8_t* row = image.ptr<std::uint8_t>(y);
    for (int bit = 0; bit < kIndexBits; ++bit) {
      const std::uint8_t v = ((bits >> bit) & 1u) ? 255 : 0;
      for (int x = bit * kCellPx; x < (bit + 1) * kCellPx; ++x)
        put(row, x, channels, v);
    }
  }
}

std::int64_t TestPattern::readIndex(const cv::Mat& image) {
  if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3) ||
      image.cols < kIndexBits * kCellPx || image.rows < kCellPx)
    return -1;
  const int channels = image.channels();
  std::uint32_t bits = 0;
  for (int bit = 0; bit < kIndexBits; ++bit) {
    int ones = 0, zeros = 0;
    for (int y = 0; y < kCellPx; ++y) {
      const std::uint8_t* row = image.ptr<std::uint8_t>(y);
      for (int x = bit * kCellPx; x < (bit + 1) * kCellPx; ++x) {
        const std::uint8_t v = get(row, x, channels);
        ones += v >= 200;
        zeros += v <= 55;
      }
    }
    if (ones == kCellPx * kCellPx)
      bits |= 1u << bit;
    else if (zeros != kCellPx * kCellPx)
      return -1;
  }
  return bits;
}

}  // namespace drishti::io
