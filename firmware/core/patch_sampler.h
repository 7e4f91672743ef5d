// Bilinear sampling of a small canonical patch through
// a similarity transform, into a caller-owned buffer (no allocation).
#pragma once

#include <opencv2/core.hpp>

#include "firmware/core/face_shape.h"

namespace drishti::core {

// Fills out (CV_32F, size fixed by the caller) with out(v,u) = img(T(u,v)),
// bilinear, where T maps patch pixel centres to image coordinates. Samples
// outside the image are clamped to the border.
// Requires: img CV_8UC1 non-empty; out CV_32FC1 allocated.
// Returns the fraction (0..1) of samples that fell inside the image.
float samplePatch(const cv::Mat& img, const Similarity& patchToImage, cv::Mat& out);

// Colour variant: samples a BGR image (CV_8UC3) through the same transform and
// writes the red chromaticity r = R/(R+G+B) to `chroma` and the mean
// intensity (R+G+B)/3 to `intensity` (both CV_32FC1, same size).
// Returns the fraction of samples inside the image.
float samplePatchChroma(const cv::Mat& bgr, const Similarity& patchToImage, cv::Mat& chroma,
                        cv::Mat& intensity);

// Zero-mean, unit-L2-norm normalisation in place; returns the standard
// deviation before normalisation (0 for a flat patch, which is left zero).
float normalisePatch(cv::Mat& patch);

// Dot product of two equally sized CV_32F patches (the NCC of two patches
// that went through normalisePatch).
float patchDot(const cv::Mat& a, const cv::Mat& b);

}  // namespace drishti::core
