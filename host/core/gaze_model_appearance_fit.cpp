#include "host/core/gaze_model_appearance_fit.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "host/core/spd_solve.h"

namespace drishti::host {

namespace {

constexpr std::size_t kN = kAppearanceTerms;
using Mat = std::array<double, kN * kN>;

double dot(const AppearanceRow& a, const AppearanceRow& b) {
  double s = 0;
  for (std::size_t i = 0; i < kN; ++i)
    s += a[i] * b[i];
  return s;
}

// Ridge solution over every row except `skip` (-1: none).
bool solveRidge(const std::vector<AppearanceRow>& rows, std::span<const AppearanceFitPoint> points,
                double lambda, int skip, AppearanceRow& b) {
  Mat a{};
  AppearanceRow r{};
  double n = 0;
  for (std::size_t p = 0; p < rows.size(); ++p) {
    if (static_cast<int>(p) == skip)
      continue;
    n += 1;
    for (std::size_t i = 0; i < kN; ++i) {
      r[i] += rows[p][i] * points[p].targetY;
      for (std::size_t j = 0; j <= i; ++j)
        a[i * kN + j] += rows[p][i] * rows[p][j];
    }
  }
  for (std::size_t i = 1; i < kN; ++i)
    a[i * kN + i] += lambda * n;  // the intercept is free
  if (!choleskyFactor<kN>(a))
    return false;
  choleskySolve<kN>(a, r, b);
  return true;
}

}  // namespace

bool fitAppearanceY(std::span<const AppearanceFitPoint> points, GazeAppearanceY& out) {
  if (static_cast<int>(points.size()) < kMinAppearancePoints)
    return false;
  const double n = static_cast<double>(points.size());
  AppearanceCells mean{};
  for (const AppearanceFitPoint& p : points)
    for (std::size_t k = 0; k < mean.size(); ++k)
      mean[k] += p.cells[k] / n;
  double sq = 0;
  for (const AppearanceFitPoint& p : points)
    for (std::size_t k = 0; k < mean.size(); ++k)
      sq += (p.cells[k] - mean[k]) * (p.cells[k] - mean[k]);
  const double scale = std::sqrt(sq / (n * static_cast<double>(mean.size())));
  if (!(scale > 1e-9) || !std::isfinite(scale))
    return false;
  std::vector<AppearanceRow> rows(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    rows[p][0] = 1;
    for (std::size_t k = 0; k < mean.size(); ++k)
      rows[p][k + 1] = (points[p].cells[k] - mean[k]) / scale;
  }
  // Leave-one-point-out RMS per lambda (ridgePenaltyChoice picks one).
  std::vector<double> lambdas, scores;
  for (int k = -8; k <= 8; ++k) {
    const double lambda = std::pow(10.0, k / 2.0);
    double sum = 0;
    bool ok = true;
    for (std::size_t p = 0; p < points.size() && ok; ++p) {
      AppearanceRow b{};
      ok = solveRidge(rows, points, lambda, static_cast<int>(p), b);
      const double e = dot(rows[p], b) - points[p].targetY;
      sum += e * e;
    }
    lambdas.push_back(lambda);
    scores.push_back(ok && std::isfinite(sum) ? std::sqrt(sum / n) : INFINITY);
  }
  const std::size_t chosen = ridgePenaltyChoice(scores);
  if (!std::isfinite(scores[chosen]))
    return false;
  AppearanceRow b{};
  if (!solveRidge(rows, points, lambdas[chosen], -1, b) ||
      !std::all_of(b.begin(), b.end(), [](double c) { return std::isfinite(c); }))
    return false;
  out.mean = mean;
  out.scale = scale;
  out.coef = b;
  out.lambda = lambdas[chosen];
  out.heldOutAppearancePx = scores[chosen];
  out.minY = INFINITY;
  out.maxY = -INFINITY;
  for (const AppearanceRow& r : rows) {
    out.minY = std::min(out.minY, dot(r, b));
    out.maxY = std::max(out.maxY, dot(r, b));
  }
  return true;
}

}  // namespace drishti::host
