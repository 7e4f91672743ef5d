// Small dense symmetric positive definite solves (Cholesky), and the choice
// of the ridge penalty, for the ridge fits of the gaze model
// (gaze_model_fit.cpp, gaze_model_appearance_fit.cpp).
// A is an N x N row-major matrix of which only the lower triangle is read.
// Header-only; allocates nothing.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <span>

namespace drishti::host {

// Factors A = L L^T in place (L in the lower triangle); false if A is not
// numerically positive definite.
template <std::size_t N>
bool choleskyFactor(std::array<double, N * N>& a) {
  for (std::size_t j = 0; j < N; ++j) {
    double d = a[j * N + j];
    for (std::size_t k = 0; k < j; ++k)
      d -= a[j * N + k] * a[j * N + k];
    if (!(d > 1e-300))
      return false;
    const double l = std::sqrt(d);
    a[j * N + j] = l;
    for (std::size_t i = j + 1; i < N; ++i) {
      double s = a[i * N + j];
      for (std::size_t k = 0; k < j; ++k)
        s -= a[i * N + k] * a[j * N + k];
      a[i * N + j] = s / l;
    }
  }
  return true;
}

// Solves L L^T x = b with the factor from choleskyFactor.
template <std::size_t N>
void choleskySolve(const std::array<double, N * N>& l, const std::array<double, N>& b,
                   std::array<double, N>& x) {
  std::array<double, N> z{};
  for (std::size_t i = 0; i < N; ++i) {
    double s = b[i];
    for (std::size_t k = 0; k < i; ++k)
      s -= l[i * N + k] * z[k];
    z[i] = s / l[i * N + i];
  }
  for (std::size_t i = N; i-- > 0;) {
    double s = z[i];
    for (std::size_t k = i + 1; k < N; ++k)
      s -= l[k * N + i] * x[k];
    x[i] = s / l[i * N + i];
  }
}

// The ridge penalty of a leave-one-point-out search: given the held-out
// scores of a grid of penalties in ascending order (INFINITY where a solve
// failed), the index of the largest penalty whose score is within 2% of the
// best (the smoothest fit that predicts as well); the last index when all
// failed. Requires: scores not empty, no NaN.
inline std::size_t ridgePenaltyChoice(std::span<const double> scores) {
  double best = INFINITY;
  for (double s : scores)
    best = std::min(best, s);
  for (std::size_t i = scores.size(); i-- > 0;)
    if (scores[i] <= best * 1.02 + 1e-12)
      return i;
  return scores.size() - 1;
}

}  // namespace drishti::host
