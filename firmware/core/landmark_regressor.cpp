#include "firmware/core/landmark_regressor.h"

#include <dlib/image_processing/shape_predictor.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace drishti::core {
namespace {

constexpr int kPoints = 68;
constexpr int kCoords = 2 * kPoints;

}  // namespace

LandmarkModel::LandmarkModel(const dlib::shape_predictor& model) {
  // dlib keeps the model private; its serialised form is public and stable.
  std::stringstream ss;
  dlib::serialize(model, ss);
  read(ss);
}

LandmarkModel::LandmarkModel(std::istream& serialized) {
  read(serialized);
}

void LandmarkModel::read(std::istream& in) {
  // dlib's serialised shape_predictor, version 1: initial shape, forests
  // (vector of cascades, each a vector of trees: splits, leaf values), anchor
  // indices, deltas. Read one tree at a time straight into the flat arrays,
  // so that the model is never held twice: dlib's own object graph for it is
  // ~100 MB of small blocks that the allocator would keep after freeing.
  int version = 0;
  dlib::matrix<float, 0, 1> initial;
  dlib::deserialize(version, in);
  if (version != 1)
    throw std::runtime_error("LandmarkModel: unknown shape predictor version " +
                             std::to_string(version));
  dlib::deserialize(initial, in);
  if (initial.size() != kCoords)
    throw std::runtime_error("LandmarkModel: expected a 68-point shape predictor");
  for (int i = 0; i < kPoints; ++i)
    mean_[i] = {initial(2 * i), initial(2 * i + 1)};

  // Bounds that no real model comes near: a corrupt size must fail here, not
  // in a multi-gigabyte allocation.
  constexpr unsigned long kMaxCascades = 100, kMaxTrees = 10000;
  constexpr int kMaxLeavesPerTree = 1 << 12;
  unsigned long cascades = 0;
  dlib::deserialize(cascades, in);
  if (cascades == 0 || cascades > kMaxCascades)
    throw std::runtime_error("LandmarkModel: implausible cascade count");
  cascades_ = static_cast<int>(cascades);
  dlib::impl::regression_tree tree;
  for (int c = 0; c < cascades_; ++c) {
    unsigned long trees = 0;
    dlib::deserialize(trees, in);
    if (trees == 0 || trees > kMaxTrees || (c > 0 && static_cast<int>(trees) != trees_))
      throw std::runtime_error("LandmarkModel: irregular cascade");
    for (int t = 0; t < static_cast<int>(trees); ++t) {
      deserialize(tree, in);  // dlib's, found by argument-dependent lookup
      if (c == 0 && t == 0) {
        trees_ = static_cast<int>(trees);
        splitsPerTree_ = static_cast<int>(tree.splits.size());
        leavesPerTree_ = static_cast<int>(tree.leaf_values.size());
        if (leavesPerTree_ != splitsPerTree_ + 1 || leavesPerTree_ > kMaxLeavesPerTree)
          throw std::runtime_error("LandmarkModel: unsupported tree layout");
        splits_.reserve(static_cast<size_t>(cascades_) * trees_ * splitsPerTree_);
        leaves_.reserve(static_cast<size_t>(cascades_) * trees_ * leavesPerTree_ * kCoords);
      }
      if (static_cast<int>(tree.splits.size()) != splitsPerTree_ ||
          static_cast<int>(tree.leaf_values.size()) != leavesPerTree_)
        throw std::runtime_error("LandmarkModel: irregular tree");
      for (const auto& sp : tree.splits) {
        if (sp.idx1 > 65535 || sp.idx2 > 65535)
          throw std::runtime_error("LandmarkModel: feature index out of range");
        splits_.push_back(
            {static_cast<uint16_t>(sp.idx1), static_cast<uint16_t>(sp.idx2), sp.thresh});
      }
      for (const auto& leaf : tree.leaf_values) {
        if (leaf.size() != kCoords)
          throw std::runtime_error("LandmarkModel: leaf of the wrong size");
        leaves_.insert(leaves_.end(), &leaf(0), &leaf(0) + kCoords);
      }
    }
  }

  std::vector<std::vector<unsigned long>> anchors;
  std::vector<std::vector<dlib::vector<float, 2>>> deltas;
  dlib::deserialize(anchors, in);
  dlib::deserialize(deltas, in);
  if (anchors.size() != cascades || deltas.size() != cascades)
    throw std::runtime_error("LandmarkModel: expected a 68-point shape predictor");
  features_ = static_cast<int>(anchors[0].size());
  if (features_ == 0 || features_ > 65535)
    throw std::runtime_error("LandmarkModel: unsupported tree layout");
  anchor_.resize(static_cast<size_t>(cascades_) * features_);
  delta_.resize(static_cast<size_t>(cascades_) * features_ * 2);
  for (int c = 0; c < cascades_; ++c) {
    if (static_cast<int>(anchors[c].size()) != features_ ||
        static_cast<int>(deltas[c].size()) != features_)
      throw std::runtime_error("LandmarkModel: irregular cascade");
    for (int f = 0; f < features_; ++f) {
      if (anchors[c][f] >= static_cast<unsigned long>(kPoints))
        throw std::runtime_error("LandmarkModel: anchor landmark out of range");
      anchor_[c * features_ + f] = static_cast<uint16_t>(anchors[c][f]);
      delta_[(c * features_ + f) * 2] = deltas[c][f].x();
      delta_[(c * features_ + f) * 2 + 1] = deltas[c][f].y();
    }
  }
  // Every split must read a feature pixel that exists.
  for (const Split& s : splits_)
    if (s.idx1 >= features_ || s.idx2 >= features_)
      throw std::runtime_error("LandmarkModel: split reads a feature that does not exist");
}

LandmarkRegressor::LandmarkRegressor(const LandmarkModel& model, bool removeLightSlope)
    : m_(model), removeLightSlope_(removeLightSlope) {
  shape_.resize(kCoords);
  pixels_.resize(m_.features_);
  px_.resize(m_.features_);
  leafOffset_.resize(m_.trees_);
}

void LandmarkRegressor::fitLightSlope(int features) {
  slope_ = centreX_ = 0.f;
  double n = 0, mx = 0;
  for (int f = 0; f < features; ++f) {
    if (pixels_[f] <= 0.f)  // outside the image (or black: no log)
      continue;
    n += 1;
    mx += px_[f];
  }
  if (n < 2)
    return;
  mx /= n;
  double sxx = 0, sxl = 0;
  for (int f = 0; f < features; ++f) {
    if (pixels_[f] <= 0.f)
      continue;
    const double u = px_[f] - mx;
    sxx += u * u;
    sxl += u * std::log(double(pixels_[f]));
  }
  if (sxx <= 0)
    return;
  slope_ = static_cast<float>(sxl / sxx);
  centreX_ = static_cast<float>(mx);
}

void LandmarkRegressor::predict(const cv::Mat& gray, const cv::Rect2f& box, FaceShape& out) {
  CV_Assert(gray.type() == CV_8UC1);
  // Model dimensions as locals (the hot loops must not reload them).
  const int cascades = m_.cascades_, trees = m_.trees_, features = m_.features_;
  const int splitsPerTree = m_.splitsPerTree_, leavesPerTree = m_.leavesPerTree_;
  // dlib rectangle corners (whole pixels) and its unnormalising transform:
  // (0,0) -> (left, top), (1,1) -> (right, bottom).
  const double left = std::lround(box.x), top = std::lround(box.y);
  const double right = std::lround(box.x + box.width), bottom = std::lround(box.y + box.height);
  const double sx = right - left, sy = bottom - top;

  float* cur = shape_.data();
  for (int i = 0; i < kPoints; ++i) {
    cur[2 * i] = m_.mean_[i].x;
    cur[2 * i + 1] = m_.mean_[i].y;
  }
  const int w = gray.cols, h = gray.rows;
  double mfx = 0, mfy = 0;
  for (int i = 0; i < kPoints; ++i) {
    mfx += m_.mean_[i].x;
    mfy += m_.mean_[i].y;
  }
  mfx /= kPoints;
  mfy /= kPoints;
  double sff = 0;
  for (int i = 0; i < kPoints; ++i) {
    const double fx = m_.mean_[i].x - mfx, fy = m_.mean_[i].y - mfy;
    sff += fx * fx + fy * fy;
  }

  for (int c = 0; c < cascades; ++c) {
    // Similarity (rotation+scale part only) from the mean shape to the
    // current shape, closed-form least squares.
    double mtx = 0, mty = 0;
    for (int i = 0; i < kPoints; ++i) {
      mtx += cur[2 * i];
      mty += cur[2 * i + 1];
    }
    mtx /= kPoints;
    mty /= kPoints;
    double sa = 0, sb = 0;
    for (int i = 0; i < kPoints; ++i) {
      const double fx = m_.mean_[i].x - mfx, fy = m_.mean_[i].y - mfy;
      const double gx = cur[2 * i] - mtx, gy = cur[2 * i + 1] - mty;
      sa += fx * gx + fy * gy;
      sb += fx * gy - fy * gx;
    }
    const float a = static_cast<float>(sa / sff), b = static_cast<float>(sb / sff);

    // Feature pixels.
    const uint16_t* anc = &m_.anchor_[static_cast<size_t>(c) * features];
    const float* del = &m_.delta_[static_cast<size_t>(c) * features * 2];
    for (int f = 0; f < features; ++f) {
      const float dx = del[2 * f], dy = del[2 * f + 1];
      const float nx = a * dx - b * dy + cur[2 * anc[f]];
      const float ny = b * dx + a * dy + cur[2 * anc[f] + 1];
      const long px = static_cast<long>(std::floor(left + nx * sx + 0.5));
      const long py = static_cast<long>(std::floor(top + ny * sy + 0.5));
      pixels_[f] = (px >= 0 && py >= 0 && px < w && py < h) ? gray.ptr<uchar>(py)[px] : 0.f;
      if (removeLightSlope_)
        px_[f] = nx;
    }
    if (removeLightSlope_) {
      if (c == 0)
        fitLightSlope(features);
      for (int f = 0; f < features; ++f)
        pixels_[f] *= std::exp(-slope_ * (px_[f] - centreX_));
    }

    // Trees: first walk all of them (the splits are small and cache
    // friendly), then add the reached leaves, prefetching a few trees ahead:
    // the leaves (7500 x 136 floats read per call, spread over 65 MB) are
    // the main cost, and the prefetch overlaps their memory latency.
    const LandmarkModel::Split* sp = &m_.splits_[static_cast<size_t>(c) * trees * splitsPerTree];
    const float* px = pixels_.data();
    for (int t = 0; t < trees; ++t, sp += splitsPerTree) {
      int i = 0;
      while (i < splitsPerTree)
        i = (px[sp[i].idx1] - px[sp[i].idx2] > sp[i].thresh) ? 2 * i + 1 : 2 * i + 2;
      leafOffset_[t] = (t * leavesPerTree + i - splitsPerTree) * kCoords;
    }
    const float* lv = &m_.leaves_[static_cast<size_t>(c) * trees * leavesPerTree * kCoords];

    // Four trees per pass over the shape: each coordinate still receives its
    // increments in tree order (bit-identical to dlib's sequential sums) but
    // the shape is loaded and stored a quarter as often.
    constexpr int kGroup = 4;
    constexpr int kAhead = 8;
    constexpr int kLeafBytes = kCoords * sizeof(float);
    int t = 0;
    for (; t + kGroup <= trees; t += kGroup) {
      for (int g = kAhead; g < kAhead + kGroup && t + g < trees; ++g) {
        const char* p = reinterpret_cast<const char*>(lv + leafOffset_[t + g]);
        for (int q = 0; q < kLeafBytes; q += 64)
          __builtin_prefetch(p + q);
      }
      const float* __restrict l0 = lv + leafOffset_[t];
      const float* __restrict l1 = lv + leafOffset_[t + 1];
      const float* __restrict l2 = lv + leafOffset_[t + 2];
      const float* __restrict l3 = lv + leafOffset_[t + 3];
      float* __restrict s = cur;
      for (int k = 0; k < kCoords; ++k)
        s[k] = (((s[k] + l0[k]) + l1[k]) + l2[k]) + l3[k];
    }
    for (; t < trees; ++t) {
      const float* leaf = lv + leafOffset_[t];
      for (int k = 0; k < kCoords; ++k)
        cur[k] += leaf[k];
    }
  }
  for (int i = 0; i < kPoints; ++i) {
    // dlib rounds the final points to whole pixels; we keep sub-pixel values.
    out[i] = {static_cast<float>(left + cur[2 * i] * sx),
              static_cast<float>(top + cur[2 * i + 1] * sy)};
  }
}

}  // namespace drishti::core
