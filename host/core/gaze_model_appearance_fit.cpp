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

using Span = std::array<AppearanceCells, kAppearanceSpanDims>;

// Orthonormalises `q` in order (Gram-Schmidt); a direction that is (nearly)
// in the span of those before it becomes zero.
void orthonormalise(Span& q, double tiny) {
  for (std::size_t i = 0; i < q.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      double c = 0;
      for (std::size_t k = 0; k < q[i].size(); ++k)
        c += q[i][k] * q[j][k];
      for (std::size_t k = 0; k < q[i].size(); ++k)
        q[i][k] -= c * q[j][k];
    }
    double n = 0;
    for (double v : q[i])
      n += v * v;
    n = std::sqrt(n);
    for (double& v : q[i])
      v = n > tiny ? v / n : 0.0;
  }
}

// The mean of the points' cells (all but `skip`, -1: none) and the
// kAppearanceSpanDims principal directions around it (orthogonal iteration
// on their scatter, started from the first points themselves).
void cellsSpan(std::span<const AppearanceFitPoint> points, int skip, AppearanceCells& mean,
               Span& span) {
  constexpr std::size_t kC = protocol::kAppearanceCells;
  mean.fill(0);
  double n = 0;
  for (std::size_t p = 0; p < points.size(); ++p)
    if (static_cast<int>(p) != skip) {
      n += 1;
      for (std::size_t k = 0; k < kC; ++k)
        mean[k] += points[p].cells[k];
    }
  for (double& m : mean)
    m /= n;
  std::array<double, kC * kC> scatter{};
  for (std::size_t p = 0; p < points.size(); ++p)
    if (static_cast<int>(p) != skip)
      for (std::size_t i = 0; i < kC; ++i)
        for (std::size_t j = 0; j < kC; ++j)
          scatter[i * kC + j] += (points[p].cells[i] - mean[i]) * (points[p].cells[j] - mean[j]);
  double trace = 0;
  for (std::size_t i = 0; i < kC; ++i)
    trace += scatter[i * kC + i];
  span = Span{};
  std::size_t d = 0;
  for (std::size_t p = 0; p < points.size() && d < span.size(); ++p)
    if (static_cast<int>(p) != skip) {
      for (std::size_t k = 0; k < kC; ++k)
        span[d][k] = points[p].cells[k] - mean[k];
      ++d;
    }
  const double tiny = 1e-9 * std::sqrt(trace) + 1e-300;
  orthonormalise(span, tiny);
  for (int it = 0; it < 300; ++it) {
    for (AppearanceCells& q : span) {
      AppearanceCells r{};
      for (std::size_t i = 0; i < kC; ++i)
        for (std::size_t j = 0; j < kC; ++j)
          r[i] += scatter[i * kC + j] * q[j];
      q = r;
    }
    orthonormalise(span, tiny * tiny);
  }
}

// Distance of `cells` from the affine span (mean + directions).
double outsideSpan(const AppearanceCells& cells, const AppearanceCells& mean, const Span& span) {
  GazeAppearanceY a;
  a.mean = mean;
  a.span = span;
  a.spanResidual = 1;
  AppearanceCells z;
  appearanceOutside(a, cells, z);
  double sq = 0;
  for (double v : z)
    sq += v * v;
  return std::sqrt(sq);
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
  // The drift check: the points' span, and how far each point lies outside
  // the span of the others (RMS).
  AppearanceCells spanMean;
  cellsSpan(points, -1, spanMean, out.span);
  double outside = 0;
  for (std::size_t p = 0; p < points.size(); ++p) {
    AppearanceCells m;
    Span others;
    cellsSpan(points, static_cast<int>(p), m, others);
    const double d = outsideSpan(points[p].cells, m, others);
    outside += d * d / n;
  }
  // Floored far below what real cells show (about 0.008 on the recordings of
  // docs/BENCHMARKS.md) so that noise-free cells do not make every sample drift.
  out.spanResidual = std::max(std::sqrt(outside), 1e-4);
  out.minY = INFINITY;
  out.maxY = -INFINITY;
  for (const AppearanceRow& r : rows) {
    out.minY = std::min(out.minY, dot(r, b));
    out.maxY = std::max(out.maxY, dot(r, b));
  }
  return true;
}

}  // namespace drishti::host
