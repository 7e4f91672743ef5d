// TestPattern: a generated video of two synthetic eyes with known truth.
//
// Represents: frame `index` of a deterministic clip: grey background, two eye
// shapes (a bright ellipse with a dark round pupil), pupils moving on a slow
// Lissajous path, both lids closing for a short blink (200 ms) and a long one
// (800 ms) every 6 s, and the frame index written as 32 black/white cells in
// the top-left corner so a reader can tell exactly which frame it holds (and
// that no other frame was written over it).
// Used by the pattern frame source (hardware-free runs, benchmarks of the
// pipeline itself) and by tests, which compare measurements with truthAt().
// Ensures: draw() allocates nothing when `image` already has the right size and
// type. Thread safety: const methods are reentrant.
#pragma once

#include <array>
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace drishti::io {

struct PatternSpec {
  int width = 640;      // px, >= 160
  int height = 480;     // px, >= 120
  bool colour = false;  // CV_8UC3 (grey-valued BGR) instead of CV_8UC1
  double fps = 30;      // sets the time axis: frame i is at i / fps seconds
};

// What frame `index` shows.
struct PatternTruth {
  std::array<cv::Point2f, 2> pupil{};  // [0] image-left eye, [1] image-right; px
  std::array<cv::Point2f, 2> eyeCentre{};
  float eyeHalfWidth = 0;   // px
  float eyeHalfHeight = 0;  // px
  float pupilRadius = 0;    // px
  float openness = 1;       // 1 open, 0 lids fully closed (both eyes alike)
};

class TestPattern {
 public:
  static constexpr int kIndexBits = 32;
  static constexpr int kCellPx = 4;  // index cells are kCellPx square, in row 0..kCellPx-1
  static constexpr std::uint8_t kBackground = 120;
  static constexpr std::uint8_t kLid = 150;
  static constexpr std::uint8_t kSclera = 230;
  static constexpr std::uint8_t kPupil = 20;
  // Blink schedule, ms within each 6 s cycle: [start, end) with lids closed.
  static constexpr int kCycleMs = 6000;
  static constexpr int kShortBlinkStartMs = 1000, kShortBlinkEndMs = 1200;
  static constexpr int kLongBlinkStartMs = 3500, kLongBlinkEndMs = 4300;

  explicit TestPattern(const PatternSpec& spec);

  const PatternSpec& spec() const { return spec_; }
  PatternTruth truthAt(std::uint64_t index) const;

  // Draws frame `index` into `image`, (re)creating it only if size or type differ.
  void draw(std::uint64_t index, cv::Mat& image) const;

  // The frame index written in `image`'s corner (low 32 bits); -1 if the cells
  // are not a clean black/white pattern (not a test pattern, or damaged).
  static std::int64_t readIndex(const cv::Mat& image);

 private:
  PatternSpec spec_;
};

}  // namespace drishti::io
