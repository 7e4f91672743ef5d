// Allocation-free resampling helpers shared by the core.
#pragma once

#include <opencv2/core.hpp>

namespace drishti::core {

// Fills `dst` (CV_32F, already allocated, any size) with samples of the 8-bit
// single-channel `src` at dstToSrc * (u, v, 1). Each destination pixel is the
// mean of k x k bilinear samples spread over its footprint, k = round(scale)
// clamped to [1, 4] where scale = source px per destination px (anti-aliasing
// for downscaling by more than 1.5x; plain bilinear below). Out-of-image positions are clamped to
// the border. Requires: src CV_8UC1 non-empty; dst CV_32FC1 non-empty. No allocation.
void resampleAffine(const cv::Mat& src, const cv::Matx23f& dstToSrc, cv::Mat& dst);

}  // namespace drishti::core
