#include "host/core/gaze_model_fit.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "host/core/gaze_model_appearance_fit.h"
#include "host/core/spd_solve.h"

namespace drishti::host {

namespace {

constexpr std::size_t kN = kGazeTerms;
constexpr double kLinearPenalty = 1e-3;  // relative ridge penalty of u and v
using Mat = std::array<double, kN * kN>;

// Tukey's biweight for a residual already divided by its cut-off.
double tukey(double r) {
  if (!(r < 1.0))
    return 0.0;
  const double t = 1.0 - r * r;
  return t * t;
}

double median(std::vector<double> v) {
  if (v.empty())
    return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  double m = *mid;
  if (v.size() % 2 == 0)
    m = 0.5 * (m + *std::max_element(v.begin(), mid));
  return m;
}

double dot(const GazeRow& a, const GazeRow& b) {
  double s = 0;
  for (std::size_t i = 0; i < kN; ++i)
    s += a[i] * b[i];
  return s;
}

struct FitPoint {
  int id = 0;
  double tx = 0, ty = 0;          // sample-weighted mean target
  std::vector<std::size_t> rows;  // indices into the sample arrays
  double weight = 1;              // robust point weight
  // Normal-equation pieces with the current weights.
  Mat g{};
  GazeRow rx{}, ry{};
  GazeRow meanRow{};  // design row of the point's weighted mean features
  double mass = 0;    // = weight when the point has samples with weight
};

struct FitProblem {
  std::vector<FitPoint> points;
  std::vector<GazeRow> rows;  // per sample, for residuals
  std::vector<const GazeFitSample*> samples;
  std::vector<double> tx, ty;
  std::vector<double> sampleWeight;
  std::vector<double> startWeight;  // from the point's own feature spread
  GazeFeatureFrame frame;
  GazeRow priorX{}, priorY{};
  double headPenalty = 1;  // ridge multiplier of the head terms
};

bool finiteHead(const GazeFitSample& s) {
  return s.headValid &&
         std::all_of(s.head.begin(), s.head.end(), [](double h) { return std::isfinite(h); });
}

// One row per point, from the weighted mean of its samples' features: fitting
// every noisy sample as a row would shrink the slopes (regression dilution).
void accumulate(FitProblem& pb) {
  for (FitPoint& p : pb.points) {
    p.g.fill(0);
    p.rx.fill(0);
    p.ry.fill(0);
    p.meanRow.fill(0);
    double sw = 0, nx = 0, ny = 0, hw = 0;
    HeadVector head{};
    p.tx = p.ty = 0;
    for (std::size_t i : p.rows) {
      const double w = pb.sampleWeight[i];
      const GazeFitSample& s = *pb.samples[i];
      sw += w;
      nx += w * s.normX;
      ny += w * s.normY;
      p.tx += w * pb.tx[i];
      p.ty += w * pb.ty[i];
      if (finiteHead(s)) {
        hw += w;
        for (std::size_t k = 0; k < kHeadDims; ++k)
          head[k] += w * s.head[k];
      }
    }
    p.mass = sw > 0 ? p.weight : 0;
    if (sw <= 0)
      continue;
    p.tx /= sw;
    p.ty /= sw;
    if (hw > 0)
      for (double& h : head)
        h /= hw;
    gazeDesignRow(pb.frame, nx / sw, ny / sw, hw > 0, head, p.meanRow);
    if (p.weight <= 0)
      continue;
    const GazeRow& x = p.meanRow;
    const double ex = p.tx - dot(x, pb.priorX);
    const double ey = p.ty - dot(x, pb.priorY);
    for (std::size_t r = 0; r < kN; ++r) {
      const double ax = p.weight * x[r];
      p.rx[r] = ax * ex;
      p.ry[r] = ax * ey;
      for (std::size_t c = 0; c <= r; ++c)
        p.g[r * kN + c] = ax * x[c];
    }
  }
}

// Ridge solution using every point except `skip` (-1: all). False when the
// remaining points carry no weight or the system is singular.
bool solveRidge(const FitProblem& pb, double lambda, int skip, GazeRow& bx, GazeRow& by) {
  Mat a{};
  GazeRow rx{}, ry{};
  double mass = 0;
  for (std::size_t pi = 0; pi < pb.points.size(); ++pi) {
    if (static_cast<int>(pi) == skip)
      continue;
    const FitPoint& p = pb.points[pi];
    if (p.mass <= 0)
      continue;
    mass += p.mass;
    for (std::size_t k = 0; k < kN * kN; ++k)
      a[k] += p.g[k];
    for (std::size_t k = 0; k < kN; ++k) {
      rx[k] += p.rx[k];
      ry[k] += p.ry[k];
    }
  }
  if (mass <= 0)
    return false;
  for (std::size_t r = 0; r < kN; ++r)
    for (std::size_t c = r + 1; c < kN; ++c)
      a[r * kN + c] = a[c * kN + r];
  // The intercept is free; the linear terms nearly so (the mapping is mostly
  // linear, and a 5-point pattern determines little else); curvature pays the
  // full price, head terms (pulled toward geometry) headPenalty times that.
  for (std::size_t k = 1; k < kN; ++k) {
    const double weight =
        k >= kGazeFirstHeadTerm ? pb.headPenalty : (k <= 2 ? kLinearPenalty : 1.0);
    a[k * kN + k] += lambda * mass * weight;
  }
  if (!choleskyFactor<kN>(a))
    return false;
  choleskySolve<kN>(a, rx, bx);
  choleskySolve<kN>(a, ry, by);
  for (std::size_t k = 0; k < kN; ++k) {
    bx[k] += pb.priorX[k];
    by[k] += pb.priorY[k];
  }
  return true;
}

// Held-out error of every point for one lambda; false if any solve failed.
bool heldOutErrors(const FitProblem& pb, double lambda, std::vector<double>& err) {
  err.assign(pb.points.size(), 0);
  for (std::size_t pi = 0; pi < pb.points.size(); ++pi) {
    GazeRow bx{}, by{};
    if (!solveRidge(pb, lambda, static_cast<int>(pi), bx, by))
      return false;
    const FitPoint& p = pb.points[pi];
    err[pi] = std::hypot(dot(p.meanRow, bx) - p.tx, dot(p.meanRow, by) - p.ty);
    if (!std::isfinite(err[pi]))
      err[pi] = HUGE_VAL;  // keeps sorting and medians well defined
  }
  return true;
}

double chooseLambda(const FitProblem& pb, std::vector<double>& bestErr) {
  std::vector<double> lambdas;
  for (int k = -16; k <= 4; ++k)
    lambdas.push_back(std::pow(10.0, k / 2.0));
  std::vector<double> scores(lambdas.size(), INFINITY);
  std::vector<std::vector<double>> errs(lambdas.size());
  for (std::size_t li = 0; li < lambdas.size(); ++li) {
    if (!heldOutErrors(pb, lambdas[li], errs[li]))
      continue;
    double num = 0, den = 0;
    for (std::size_t pi = 0; pi < pb.points.size(); ++pi) {
      num += pb.points[pi].weight * errs[li][pi] * errs[li][pi];
      den += pb.points[pi].weight;
    }
    scores[li] = den > 0 ? num / den : INFINITY;
  }
  const std::size_t chosen = ridgePenaltyChoice(scores);
  bestErr = errs[chosen];
  return lambdas[chosen];
}

bool finiteRoll(const GazeFitSample& s) {
  return finiteHead(s) && std::isfinite(s.rollDeg);
}

// Sets frame's roll fields (mean roll, the centre: the mean of the points'
// median features) and, when enough samples have a head pose, points `used`
// at copies of the samples turned back by their roll (kept in `derolled`).
void derollSamples(const FitProblem& pb, std::vector<const GazeFitSample*>& used,
                   std::vector<GazeFitSample>& derolled, GazeFeatureFrame& frame) {
  std::size_t valid = 0;
  double rollSum = 0;
  for (const GazeFitSample* s : used) {
    if (finiteRoll(*s)) {
      ++valid;
      rollSum += s->rollDeg;
    }
  }
  if (valid == 0 || valid * 2 < used.size())
    return;
  double cx = 0, cy = 0;
  for (const FitPoint& p : pb.points) {
    std::vector<double> xs, ys;
    for (std::size_t i : p.rows) {
      xs.push_back(used[i]->normX);
      ys.push_back(used[i]->normY);
    }
    cx += median(xs);
    cy += median(ys);
  }
  frame.rollTerm = true;
  frame.rollMean = rollSum / static_cast<double>(valid);
  frame.rollCentreX = cx / static_cast<double>(pb.points.size());
  frame.rollCentreY = cy / static_cast<double>(pb.points.size());
  derolled.reserve(used.size());
  for (const GazeFitSample* s : used) {
    derolled.push_back(*s);
    derollNorm(frame, s->rollDeg, finiteRoll(*s), derolled.back().normX, derolled.back().normY);
  }
  for (std::size_t i = 0; i < used.size(); ++i)
    used[i] = &derolled[i];
}

// The appearance's y model and both cues' leave-one-point-out RMS y errors
// over every point with samples, rejected ones included (see
// gaze_model_fit.h); fills `out`.
void chooseAppearanceY(const FitProblem& pb, double lambda, const GazeRow& by,
                       GazeAppearanceY& out) {
  std::vector<AppearanceFitPoint> app;
  double pupilSq = 0;
  int kept = 0;
  bool cellsEverywhere = true;
  for (std::size_t pi = 0; pi < pb.points.size(); ++pi) {
    const FitPoint& p = pb.points[pi];
    double pointWeight = 0;
    for (std::size_t i : p.rows)
      pointWeight += pb.sampleWeight[i];
    if (pointWeight <= 0)  // no mean features: nothing to compare at
      continue;
    GazeRow lx{}, ly{};
    if (!solveRidge(pb, lambda, static_cast<int>(pi), lx, ly))
      return;
    const double e = dot(p.meanRow, ly) - p.ty;
    pupilSq += e * e;
    ++kept;
    AppearanceFitPoint a;
    double sw = 0;
    for (std::size_t i : p.rows) {
      AppearanceCells c;
      const double w = pb.sampleWeight[i];
      if (w <= 0 || !appearanceCellsOf(pb.samples[i]->appearance, c))
        continue;
      sw += w;
      for (std::size_t k = 0; k < c.size(); ++k)
        a.cells[k] += w * c[k];
    }
    if (sw <= 0) {
      cellsEverywhere = false;
      continue;
    }
    for (double& c : a.cells)
      c /= sw;
    a.targetY = p.ty;
    for (std::size_t k = kGazeFirstHeadTerm; k < kN; ++k)
      a.targetY -= p.meanRow[k] * by[k];
    app.push_back(a);
  }
  if (kept == 0 || !std::isfinite(pupilSq))
    return;
  out.heldOutPupilPx = std::sqrt(pupilSq / kept);
  if (!cellsEverywhere || !fitAppearanceY(app, out))
    return;
  out.used = true;  // weighed against the pupil in GazeModel (appearanceYWeight)
}

}  // namespace

GazeFitResult fitGazeEyeModel(std::span<const GazeFitSample> samples,
                              const CalibrationGeometry& geometry, const GazeFitParams& params) {
  GazeFitResult result;
  if (!geometry.valid()) {
    result.message = "the screen geometry is not valid";
    return result;
  }
  FitProblem pb;
  std::vector<const GazeFitSample*> used;
  for (const GazeFitSample& s : samples) {
    if (!std::isfinite(s.normX) || !std::isfinite(s.normY) || !std::isfinite(s.targetX) ||
        !std::isfinite(s.targetY))
      continue;
    auto it = std::find_if(pb.points.begin(), pb.points.end(),
                           [&](const FitPoint& p) { return p.id == s.point; });
    if (it == pb.points.end()) {
      pb.points.push_back(FitPoint{});
      it = pb.points.end() - 1;
      it->id = s.point;
      it->tx = s.targetX;
      it->ty = s.targetY;
    }
    it->rows.push_back(used.size());
    used.push_back(&s);
  }
  if (pb.points.size() < 3) {
    result.message = "fewer than 3 calibration points have usable samples";
    return result;
  }

  GazeFeatureFrame frame;
  std::vector<GazeFitSample> derolled;
  if (params.rollTerm)
    derollSamples(pb, used, derolled, frame);

  // Standardise the eye feature over point means, each point counting once.
  std::vector<double> mu(pb.points.size()), mv(pb.points.size());
  std::size_t headValid = 0;
  HeadVector headSum{};
  for (std::size_t pi = 0; pi < pb.points.size(); ++pi) {
    std::vector<double> us, vs;
    for (std::size_t i : pb.points[pi].rows) {
      us.push_back(used[i]->normX);
      vs.push_back(used[i]->normY);
      if (used[i]->headValid && std::all_of(used[i]->head.begin(), used[i]->head.end(),
                                            [](double h) { return std::isfinite(h); })) {
        ++headValid;
        for (std::size_t k = 0; k < kHeadDims; ++k)
          headSum[k] += used[i]->head[k];
      }
    }
    mu[pi] = median(us);
    mv[pi] = median(vs);
  }
  const double n = static_cast<double>(pb.points.size());
  for (std::size_t pi = 0; pi < mu.size(); ++pi) {
    frame.meanU += mu[pi] / n;
    frame.meanV += mv[pi] / n;
  }
  frame.sphereRatio = std::max(0.0, params.sphereRatio);
  double su = 0, sv = 0;
  for (std::size_t pi = 0; pi < mu.size(); ++pi) {
    su += std::pow(linearisedFeature(mu[pi], frame.meanU, frame.sphereRatio), 2) / n;
    sv += std::pow(linearisedFeature(mv[pi], frame.meanV, frame.sphereRatio), 2) / n;
  }
  frame.scaleU = std::max(std::sqrt(su), 1e-4);
  frame.scaleV = std::max(std::sqrt(sv), 1e-4);
  frame.headTerms = params.headTerms && headValid * 2 >= used.size();
  if (headValid > 0)
    for (std::size_t k = 0; k < kHeadDims; ++k)
      frame.headMean[k] = headSum[k] / static_cast<double>(headValid);

  if (frame.headTerms && params.geometricHeadPrior) {
    const double radPerDeg = std::numbers::pi / 180.0;
    const double d = geometry.distanceMm;
    pb.priorX[kGazeFirstHeadTerm + 0] = -d * radPerDeg * geometry.pxPerMmX() * kHeadScale[0];
    pb.priorY[kGazeFirstHeadTerm + 1] = -d * radPerDeg * geometry.pxPerMmY() * kHeadScale[1];
    pb.priorX[kGazeFirstHeadTerm + 2] = -geometry.pxPerMmX() * kHeadScale[2];
    pb.priorY[kGazeFirstHeadTerm + 3] = geometry.pxPerMmY() * kHeadScale[3];
  }

  pb.headPenalty = std::max(params.headPenalty, 0.0);
  pb.frame = frame;
  pb.samples = used;
  pb.rows.resize(used.size());
  pb.tx.resize(used.size());
  pb.ty.resize(used.size());
  pb.sampleWeight.assign(used.size(), 1.0);
  for (std::size_t i = 0; i < used.size(); ++i) {
    const GazeFitSample& s = *used[i];
    gazeDesignRow(frame, s.normX, s.normY, finiteHead(s), s.head, pb.rows[i]);
    pb.tx[i] = s.targetX;
    pb.ty[i] = s.targetY;
  }

  // Start robustly: within a point the eye should hold still, so samples far
  // from the point's median feature (looked away, half blink) start at low weight.
  for (std::size_t pi = 0; pi < pb.points.size() && params.robust; ++pi) {
    double cu = 0, cv = 0;
    gazeFeatureUV(frame, mu[pi], mv[pi], cu, cv);
    std::vector<double> d;
    for (std::size_t i : pb.points[pi].rows)
      d.push_back(std::hypot(pb.rows[i][1] - cu, pb.rows[i][2] - cv));
    const double scale = std::max(median(d) / 1.1774, 1e-9);
    for (std::size_t k = 0; k < d.size(); ++k)
      pb.sampleWeight[pb.points[pi].rows[k]] = tukey(d[k] / (4.685 * scale));
  }

  pb.startWeight = pb.sampleWeight;

  const double pxPerDeg = geometry.pxPerDegree();
  const double sampleFloorPx = 0.02 * pxPerDeg;
  double lambda = 1;
  double sigma = sampleFloorPx;
  std::vector<double> lopo;
  GazeRow bx{}, by{};
  int iteration = 0;
  const int iterations = params.robust ? std::max(1, params.maxIterations) : 0;
  for (; iteration < iterations; ++iteration) {
    accumulate(pb);
    lambda = chooseLambda(pb, lopo);
    if (!solveRidge(pb, lambda, -1, bx, by)) {
      result.message = "the calibration samples do not determine a mapping";
      return result;
    }
    // Sample weights from residuals of the full fit.
    std::vector<double> res(used.size(), 0), inPoint;
    for (const FitPoint& p : pb.points) {
      for (std::size_t i : p.rows) {
        res[i] = std::hypot(dot(pb.rows[i], bx) - pb.tx[i], dot(pb.rows[i], by) - pb.ty[i]);
        if (p.weight > 0)
          inPoint.push_back(res[i]);
      }
    }
    sigma = std::max(median(inPoint) / 1.1774, sampleFloorPx);
    // A rejected point's residuals say nothing about its samples: it keeps its
    // starting weights, so its held-out error stays measured at its own fixation.
    double change = 0;
    for (const FitPoint& p : pb.points) {
      for (std::size_t i : p.rows) {
        const double w = p.weight > 0 ? tukey(res[i] / (4.685 * sigma)) : pb.startWeight[i];
        change = std::max(change, std::abs(w - pb.sampleWeight[i]));
        pb.sampleWeight[i] = w;
      }
    }
    // Points: backward elimination by held-out error, one point per round, so
    // a bad point cannot hide by inflating everyone else's error; a rejected
    // point comes back if the others' fit then predicts it well.
    std::vector<double> active;
    for (std::size_t pi = 0; pi < pb.points.size(); ++pi)
      if (pb.points[pi].weight > 0)
        active.push_back(lopo[pi]);
    const double threshold =
        std::max(params.outlierPointFactor * median(active), params.outlierPointDeg * pxPerDeg);
    int worst = -1;
    for (std::size_t pi = 0; pi < pb.points.size(); ++pi) {
      FitPoint& p = pb.points[pi];
      if (p.weight == 0 && lopo[pi] <= threshold) {
        p.weight = 1;
        change = 1;
      } else if (p.weight > 0 && lopo[pi] > threshold &&
                 (worst < 0 || lopo[pi] > lopo[static_cast<std::size_t>(worst)])) {
        worst = static_cast<int>(pi);
      }
    }
    const int minPoints = std::max(params.minPoints, 3);
    if (worst >= 0 && static_cast<int>(active.size()) > minPoints) {
      pb.points[static_cast<std::size_t>(worst)].weight = 0;
      change = 1;
    }
    if (change < 1e-4 && iteration > 0)
      break;
  }
  // Final fit with the converged weights.
  accumulate(pb);
  lambda = chooseLambda(pb, lopo);
  if (!solveRidge(pb, lambda, -1, bx, by)) {
    result.message = "the calibration samples do not determine a mapping";
    return result;
  }

  {
    std::vector<double> inPoint;
    for (const FitPoint& p : pb.points)
      for (std::size_t i : p.rows)
        if (p.weight > 0 && pb.sampleWeight[i] > 0)
          inPoint.push_back(
              std::hypot(dot(pb.rows[i], bx) - pb.tx[i], dot(pb.rows[i], by) - pb.ty[i]));
    sigma = std::max(median(inPoint) / 1.1774, sampleFloorPx);
  }

  GazeEyeModel& m = result.model;
  m.frame = frame;
  m.coefX = bx;
  m.coefY = by;
  m.lambda = lambda;
  m.residualPx = sigma;
  m.minU = m.minV = INFINITY;
  m.maxU = m.maxV = -INFINITY;
  for (std::size_t pi = 0; pi < pb.points.size(); ++pi) {
    const FitPoint& p = pb.points[pi];
    GazeFitPoint out;
    out.point = p.id;
    out.targetX = p.tx;
    out.targetY = p.ty;
    out.fitX = dot(p.meanRow, bx);
    out.fitY = dot(p.meanRow, by);
    out.errorPx = std::hypot(out.fitX - p.tx, out.fitY - p.ty);
    out.heldOutErrorPx = lopo[pi];
    out.weight = p.weight;
    out.samples = static_cast<int>(p.rows.size());
    for (std::size_t i : p.rows)
      out.inliers += pb.sampleWeight[i] > 0 ? 1 : 0;
    result.points.push_back(out);
    if (p.weight > 0 && p.mass > 0) {
      ++m.points;
      m.minU = std::min(m.minU, p.meanRow[1]);
      m.maxU = std::max(m.maxU, p.meanRow[1]);
      m.minV = std::min(m.minV, p.meanRow[2]);
      m.maxV = std::max(m.maxV, p.meanRow[2]);
    }
  }
  const bool finite =
      std::all_of(bx.begin(), bx.end(), [](double c) { return std::isfinite(c); }) &&
      std::all_of(by.begin(), by.end(), [](double c) { return std::isfinite(c); });
  if (!finite || m.points < 3) {
    result.message = "the fit did not converge to a usable mapping";
    return result;
  }
  if (params.appearanceY)
    chooseAppearanceY(pb, lambda, by, m.appearanceY);
  m.valid = true;
  result.iterations = iteration + 1;
  result.ok = true;
  return result;
}

}  // namespace drishti::host
