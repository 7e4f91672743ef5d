#include "host/core/calibration_collector.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {

namespace {

constexpr std::size_t kMaxEyeDistances = 4096;

double medianOf(std::vector<double> v) {
  if (v.empty())
    return 0;
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  double m = *mid;
  if (v.size() % 2 == 0)
    m = 0.5 * (m + *std::max_element(v.begin(), mid));
  return m;
}

std::vector<CalibrationTarget> makeTargets(ReportPointKind kind,
                                           const std::vector<PatternPoint>& points,
                                           const CalibrationGeometry& g) {
  std::vector<CalibrationTarget> out;
  for (std::size_t i = 0; i < points.size(); ++i)
    out.push_back({kind, static_cast<int>(i), points[i].fx * g.widthPx, points[i].fy * g.heightPx,
                   positionName(points[i])});
  return out;
}

}  // namespace

CalibrationCollector::CalibrationCollector(const CalibrationGeometry& geometry,
                                           const CalibrationPattern& pattern)
    : geometry_(geometry), pattern_(pattern.kind) {
  cal_.targets = makeTargets(ReportPointKind::kCalibration, pattern.points, geometry);
  val_.targets = makeTargets(ReportPointKind::kValidation, pattern.validation, geometry);
  cal_.data.resize(cal_.targets.size());
  val_.data.resize(val_.targets.size());
}

const CalibrationTarget& CalibrationCollector::target(ReportPointKind kind, int index) const {
  const auto& t = kind == ReportPointKind::kCalibration ? cal_.targets : val_.targets;
  return t[static_cast<std::size_t>(index)];
}

void CalibrationCollector::noteSample(const protocol::EyeSample& s, GateVerdict verdict,
                                      const CalibrationSampleGate& gate) {
  ++samples_;
  if (verdict == GateVerdict::kMoving)
    ++moving_;
  if (s.state != protocol::TrackingState::kTracking)
    return;
  ++tracked_;
  if (verdict == GateVerdict::kClosed)
    ++closed_;
  // A closed eye is not an unseen eye: during a closure both count as seen.
  for (std::size_t e = 0; e < 2; ++e) {
    const bool seen =
        gate.eyeUsable(static_cast<int>(e)) || (verdict == GateVerdict::kClosed && s.eyes[e].valid);
    eyeSeen_[e] += seen ? 1 : 0;
  }
  if (s.head.valid) {
    const double h[5] = {s.head.yawDeg, s.head.pitchDeg, s.head.xMm, s.head.yMm, s.head.zMm};
    if (std::all_of(h, h + 5, [](double v) { return std::isfinite(v); })) {
      ++headCount_;
      for (int k = 0; k < 5; ++k) {
        headSum_[k] += h[k];
        headSq_[k] += h[k] * h[k];
      }
    }
  }
  if (s.eyes[0].valid && s.eyes[1].valid && eyeDistances_.size() < kMaxEyeDistances) {
    const float d =
        std::hypot(s.eyes[1].pupilX - s.eyes[0].pupilX, s.eyes[1].pupilY - s.eyes[0].pupilY);
    if (std::isfinite(d))
      eyeDistances_.push_back(d);
  }
  imageWidth_ = s.imageWidth;
}

void CalibrationCollector::accept(ReportPointKind kind, int index, const protocol::EyeSample& s,
                                  const CalibrationSampleGate& gate) {
  PointData& d = points(kind)[static_cast<std::size_t>(index)];
  if (static_cast<int>(d.samples.size()) >= kMaxSamplesPerPoint)
    return;
  protocol::EyeSample kept = s;
  for (int e = 0; e < 2; ++e)
    kept.eyes[static_cast<std::size_t>(e)].valid = gate.eyeUsable(e);
  d.samples.push_back(kept);
}

void CalibrationCollector::refuse(ReportPointKind kind, int index, GateVerdict verdict) {
  PointRefusals& r = points(kind)[static_cast<std::size_t>(index)].refusals;
  switch (verdict) {
    case GateVerdict::kMoving:
      ++r.moving;
      break;
    case GateVerdict::kClosed:
      ++r.closed;
      break;
    case GateVerdict::kNotTracked:
      ++r.notSeen;
      break;
    case GateVerdict::kSettling:
    case GateVerdict::kSteady:  // not a refusal (the procedure never passes it)
      ++r.settling;
      break;
  }
}

void CalibrationCollector::dropSince(ReportPointKind kind, int index, std::uint64_t sinceUs) {
  PointData& d = points(kind)[static_cast<std::size_t>(index)];
  auto& v = d.samples;
  const auto end = std::remove_if(
      v.begin(), v.end(), [&](const protocol::EyeSample& s) { return s.captureUs >= sinceUs; });
  d.refusals.dropped += static_cast<int>(v.end() - end);
  v.erase(end, v.end());
}

void CalibrationCollector::clearPoint(ReportPointKind kind, int index) {
  PointData& d = points(kind)[static_cast<std::size_t>(index)];
  d.samples.clear();
  d.refusals = {};
}

void CalibrationCollector::restore(ReportPointKind kind, int index,
                                   std::vector<protocol::EyeSample> samples,
                                   const PointRefusals& refusals) {
  PointData& d = points(kind)[static_cast<std::size_t>(index)];
  d.samples = std::move(samples);
  d.refusals = refusals;
}

int CalibrationCollector::accepted(ReportPointKind kind, int index) const {
  return static_cast<int>(points(kind)[static_cast<std::size_t>(index)].samples.size());
}

bool CalibrationCollector::fit(const GazeFitParams& fitParams, const GazeModelParams& modelParams) {
  std::array<GazeEyeModel, 2> eyes{};
  for (std::size_t e = 0; e < 2; ++e) {
    std::vector<GazeFitSample> rows;
    for (std::size_t p = 0; p < cal_.data.size(); ++p) {
      for (const protocol::EyeSample& s : cal_.data[p].samples) {
        const protocol::EyeMeasurement& m = s.eyes[e];
        if (!m.valid)
          continue;
        rows.push_back({static_cast<int>(p), m.normX, m.normY, s.head.valid, headVectorOf(s.head),
                        cal_.targets[p].x, cal_.targets[p].y, s.head.rollDeg, m.appearance});
      }
    }
    fits_[e] = fitGazeEyeModel(rows, geometry_, fitParams);
    if (fits_[e].ok)
      eyes[e] = fits_[e].model;
  }
  model_ = GazeModel(geometry_, eyes[0], eyes[1], modelParams);
  return model_.calibrated();
}

void CalibrationCollector::fillPoint(const CalibrationTarget& t, const PointData& d,
                                     CalibrationReportPoint& out) const {
  out.kind = t.kind;
  out.index = t.index;
  out.name = t.name;
  out.targetX = t.x;
  out.targetY = t.y;
  out.samples = static_cast<int>(d.samples.size());
  out.refused = d.refusals.total();
  std::vector<double> xs, ys;
  for (const protocol::EyeSample& s : d.samples) {
    const GazeEstimate est = model_.predict(s);
    if (est.valid) {
      xs.push_back(est.x);
      ys.push_back(est.y);
    }
  }
  out.measured = !xs.empty();
  if (!out.measured)
    return;
  out.estimateX = medianOf(xs);
  out.estimateY = medianOf(ys);
  out.errorPx = std::hypot(out.estimateX - t.x, out.estimateY - t.y);
  out.errorDeg = geometry_.angleDeg(out.estimateX, out.estimateY, t.x, t.y);
  double sq = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double a = geometry_.angleDeg(xs[i], ys[i], out.estimateX, out.estimateY);
    sq += a * a;
  }
  out.precisionDeg = std::sqrt(sq / static_cast<double>(xs.size()));
  if (t.kind != ReportPointKind::kCalibration)
    return;
  // Held-out error and rejection as the eye fits saw them.
  double heldOut = 0;
  int eyes = 0, rejected = 0;
  for (const GazeFitResult& f : fits_) {
    if (!f.ok)
      continue;
    for (const GazeFitPoint& fp : f.points) {
      if (fp.point != t.index)
        continue;
      heldOut += fp.heldOutErrorPx;
      ++eyes;
      rejected += fp.weight == 0 ? 1 : 0;
    }
  }
  if (eyes > 0) {
    out.heldOutDeg = heldOut / eyes / geometry_.pxPerDegree();
    out.rejected = rejected == eyes;
  }
}

CalibrationSessionStats CalibrationCollector::stats() const {
  CalibrationSessionStats st;
  st.samples = samples_;
  if (samples_ > 0) {
    st.trackedFraction = static_cast<double>(tracked_) / samples_;
    st.movingFraction = static_cast<double>(moving_) / samples_;
  }
  if (tracked_ > 0) {
    st.closedFraction = static_cast<double>(closed_) / tracked_;
    for (int e = 0; e < 2; ++e)
      st.eyeSeen[e] = static_cast<double>(eyeSeen_[e]) / tracked_;
  }
  if (headCount_ > 1) {
    auto var = [&](int k) {
      const double m = headSum_[k] / headCount_;
      return std::max(0.0, headSq_[k] / headCount_ - m * m);
    };
    st.headRotationDeg = std::sqrt(var(0) + var(1));
    st.headMotionMm = std::sqrt(var(2) + var(3) + var(4));
  }
  std::vector<double> d(eyeDistances_.begin(), eyeDistances_.end());
  st.eyeDistancePx = medianOf(d);
  st.imageWidth = imageWidth_;
  return st;
}

CalibrationReport CalibrationCollector::report(const CalibrationQualityParams& params) const {
  CalibrationReport r;
  r.geometry = geometry_;
  r.pattern = pattern_;
  std::vector<PointRefusals> refusals;  // beside r.points, for the advice
  for (const TargetSet* set : {&cal_, &val_}) {
    for (std::size_t i = 0; i < set->targets.size(); ++i) {
      r.points.emplace_back();
      fillPoint(set->targets[i], set->data[i], r.points.back());
      refusals.push_back(set->data[i].refusals);
    }
  }
  r.stats = stats();
  for (int e = 0; e < 2; ++e) {
    const GazeEyeModel& m = model_.eye(e);
    r.yCue[static_cast<std::size_t>(e)] =
        yCueOf(geometry_, m.valid, m.appearanceY.used, m.appearanceY.heldOutPupilPx,
               m.appearanceY.heldOutAppearancePx);
  }
  summariseCalibration(r);
  assessCalibration(r, model_.calibrated(), params, refusals);
  return r;
}

}  // namespace drishti::host
