// Allocation-free area (box-filter) downscaling of 8-bit images.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace drishti::core {

// AreaResizer
// Represents: downscaling by pixel-area averaging, the method of
//   cv::INTER_AREA, with its coordinate tables and row buffer kept between
//   calls. (cv::resize allocates scratch memory on every call, which the
//   per-frame path must not.)
// Requires: src CV_8UC1/3/4 and dst of the same type, dst no larger than src
//   in either axis, both non-empty; src and dst distinct.
// Ensures: each dst pixel is the area-weighted mean of the source pixels its
//   footprint covers; no allocation once the tables exist for a size pair.
//   Not thread-safe (one object per thread).
class AreaResizer {
 public:
  void resize(const cv::Mat& src, cv::Mat& dst);

 private:
  struct Tap {
    int src;
    float weight;
  };
  void buildTable(int srcLen, int dstLen, std::vector<Tap>& taps, std::vector<int>& start);
  template <int Ch>
  void horizontal(const uchar* src, float* out) const;
  template <int Ch>
  void run(const cv::Mat& src, cv::Mat& dst);

  cv::Size srcSize_, dstSize_;
  int channels_ = 0;
  int cachedRow_ = -1;  // source row whose horizontal pass is in row_
  std::vector<Tap> xTaps_, yTaps_;
  std::vector<int> xStart_, yStart_;  // dst index -> first tap; size dstLen + 1
  std::vector<float> row_, acc_;
};

}  // namespace drishti::core
