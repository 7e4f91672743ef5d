// The 68-point face shape (iBUG / dlib ordering) and
// small allocation-free geometry helpers on it.
#pragma once

#include <array>
#include <cmath>
#include <opencv2/core.hpp>

namespace drishti::core {

// FaceShape
// Represents: the 68 landmarks of the iBUG 300-W scheme as produced by dlib's
//   shape_predictor_68_face_landmarks, in image pixels (x right, y down) of the
//   image they were computed on.
// Index ranges (0-based): jaw 0-16, brows 17-26, nose 27-35, eye on the
//   image's left (the person's right eye) 36-41, eye on the image's right 42-47,
//   mouth 48-67. "left"/"right" in this library always mean image left/right.
using FaceShape = std::array<cv::Point2f, 68>;

inline constexpr int kImageLeftEyeFirst = 36;
inline constexpr int kImageRightEyeFirst = 42;

// EyeContour: the six landmarks of one eye, image pixels, in dlib order:
// [0] image-left corner, [1],[2] upper lid (left to right), [3] image-right
// corner, [4],[5] lower lid (right to left); points 36..41 for the image-left
// eye, 42..47 for the image-right eye. This is also the p1..p6 order of
// Soukupova & Cech (2016) used for the eye aspect ratio.
using EyeContour = std::array<cv::Point2f, 6>;

inline EyeContour eyeContour(const FaceShape& s, int first) {
  EyeContour e;
  for (int i = 0; i < 6; ++i)
    e[static_cast<size_t>(i)] = s[static_cast<size_t>(first + i)];
  return e;
}

// 2-D similarity transform x' = [a -b; b a] x + t.
struct Similarity {
  float a = 1.f, b = 0.f, tx = 0.f, ty = 0.f;
  cv::Point2f apply(cv::Point2f p) const {
    return {a * p.x - b * p.y + tx, b * p.x + a * p.y + ty};
  }
  float scale() const { return std::sqrt(a * a + b * b); }
  // The transform that undoes this one. Requires scale() > 0.
  Similarity inverse() const {
    const float d = a * a + b * b;
    Similarity r;
    r.a = a / d;
    r.b = -b / d;
    r.tx = -(r.a * tx - r.b * ty);
    r.ty = -(r.b * tx + r.a * ty);
    return r;
  }
};

// Least-squares similarity mapping `from` onto `to` (Umeyama 1991, closed
// form for 2-D without reflection). Requires n >= 2 and non-degenerate
// `from`. No allocation.
template <size_t N>
Similarity fitSimilarity(const std::array<cv::Point2f, N>& from,
                         const std::array<cv::Point2f, N>& to) {
  double mfx = 0, mfy = 0, mtx = 0, mty = 0;
  for (size_t i = 0; i < N; ++i) {
    mfx += from[i].x;
    mfy += from[i].y;
    mtx += to[i].x;
    mty += to[i].y;
  }
  mfx /= N;
  mfy /= N;
  mtx /= N;
  mty /= N;
  double sxx = 0, sa = 0, sb = 0;
  for (size_t i = 0; i < N; ++i) {
    const double fx = from[i].x - mfx, fy = from[i].y - mfy;
    const double gx = to[i].x - mtx, gy = to[i].y - mty;
    sxx += fx * fx + fy * fy;
    sa += fx * gx + fy * gy;
    sb += fx * gy - fy * gx;
  }
  Similarity s;
  if (sxx <= 0)
    return s;
  s.a = static_cast<float>(sa / sxx);
  s.b = static_cast<float>(sb / sxx);
  s.tx = static_cast<float>(mtx - (s.a * mfx - s.b * mfy));
  s.ty = static_cast<float>(mty - (s.b * mfx + s.a * mfy));
  return s;
}

inline float distance(cv::Point2f a, cv::Point2f b) {
  return std::hypot(a.x - b.x, a.y - b.y);
}

}  // namespace drishti::core
