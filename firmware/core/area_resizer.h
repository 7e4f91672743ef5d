// Allocation-free area (box-filter) downscaling of 8-bit images, optionally
// fused with the BGR-to-grey conversion.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <vector>

namespace drishti::core {

// AreaResizer
// Represents: downscaling by pixel-area averaging, the method of
//   cv::INTER_AREA, with its coordinate tables and row buffers kept between
//   calls (cv::resize allocates scratch memory on every call, which the
//   per-frame path must not). Integer arithmetic throughout, vertical pass
//   first: each source row is read once, in order, and the vertical sums of
//   whole rows are what the compiler vectorises; the horizontal pass then
//   runs on the (fewer) destination rows only.
// Requires: dst no larger than src in either axis, both non-empty, src and
//   dst distinct. resize(): src CV_8UC1/3/4, dst of the same type.
//   resizeToGrey(): src CV_8UC3 (BGR) or CV_8UC4 (BGRA), dst CV_8UC1.
// Ensures: each dst pixel is the area-weighted mean of the source pixels its
//   footprint covers (weights in 1/16384 steps, sums kept to 1/128 of a
//   level, rounded once at the end: within 0.2 of the exact mean before that
//   rounding); resizeToGrey() takes the grey value with cv::cvtColor's
//   BT.601 weights of the area-averaged colour, which is the area average of
//   the exact grey values (conversion is linear), so it is within one level
//   of converting first and averaging after. No allocation once the tables
//   exist for a size pair and channel count. Not thread-safe (one object per
//   thread).
class AreaResizer {
 public:
  void resize(const cv::Mat& src, cv::Mat& dst);
  void resizeToGrey(const cv::Mat& src, cv::Mat& dst);

 private:
  // One axis: for each destination index the first source index and the
  // weights of `taps` consecutive source indices (zero-padded; sum 1 << 14).
  struct Axis {
    int taps = 0;
    std::vector<int> first;
    std::vector<std::int16_t> weight;  // [dst][taps]
    std::vector<int> count;            // non-zero-padded taps of each dst
  };
  static void buildAxis(int srcLen, int dstLen, Axis& axis, int minTaps);
  void prepare(const cv::Mat& src, const cv::Mat& dst, bool grey);
  template <int Ch, bool Grey>
  void run(const cv::Mat& src, cv::Mat& dst);
  void horizontal(int channels, uchar* out) const;

  cv::Size srcSize_, dstSize_;
  int channels_ = 0;
  bool grey_ = false;
  Axis x_, y_;
  // Vertical sums of one dst row over all src columns, in 1/128 levels (so
  // that the horizontal pass multiplies 16-bit numbers), padded with zeros.
  std::vector<std::int16_t> column_;
  std::vector<std::int16_t> row_;   // the same converted to grey
  std::vector<std::int32_t> wide_;  // accumulator for more than four rows
};

}  // namespace drishti::core
