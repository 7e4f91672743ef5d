#include "host/core/gaze_model_fit.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "host/core/calibration_pattern.h"
#include "host/core/gaze_model.h"
#include "tests/host/core/synthetic_viewer.h"

using namespace drishti;
using namespace drishti::host;

namespace {

struct Collected {
  std::vector<GazeFitSample> eye[2];
};

void addSample(Collected& c, int point, const protocol::EyeSample& s, double tx, double ty) {
  for (int e = 0; e < 2; ++e) {
    const auto& m = s.eyes[static_cast<std::size_t>(e)];
    if (!m.valid)
      continue;
    c.eye[e].push_back(
        {point, m.normX, m.normY, s.head.valid, headVectorOf(s.head), tx, ty, s.head.rollDeg});
  }
}

std::vector<PatternPoint> toPx(const std::vector<PatternPoint>& pts, const CalibrationGeometry& g) {
  std::vector<PatternPoint> out;
  for (const PatternPoint& p : pts)
    out.push_back({p.fx * g.widthPx, p.fy * g.heightPx});
  return out;
}

// Collects `perPoint` samples of every pattern point; head wobbles by up to `wobbleMm`.
Collected calibrate(test::SyntheticViewer& viewer, PatternKind kind, int perPoint,
                    double wobbleMm = 1.0, double outlierFraction = 0, double rollDeg = 0) {
  Collected c;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> unit(-1, 1), u01(0, 1);
  const auto targets = toPx(CalibrationPattern::make(kind).points, viewer.geometry);
  for (std::size_t p = 0; p < targets.size(); ++p) {
    for (int k = 0; k < perPoint; ++k) {
      test::ViewerHead head{unit(rng) * 0.5, unit(rng) * 0.5, unit(rng) * wobbleMm,
                            unit(rng) * wobbleMm, unit(rng) * wobbleMm};
      if (rollDeg != 0)  // only then, so the other tests' samples stay as they were
        head.rollDeg = unit(rng) * rollDeg;
      double lx = targets[p].fx, ly = targets[p].fy;
      if (u01(rng) < outlierFraction) {  // looked somewhere else entirely
        lx = u01(rng) * viewer.geometry.widthPx;
        ly = u01(rng) * viewer.geometry.heightPx;
      }
      addSample(c, static_cast<int>(p), viewer.look(lx, ly, head), targets[p].fx, targets[p].fy);
    }
  }
  return c;
}

GazeModel fitBoth(const Collected& c, const CalibrationGeometry& g,
                  const GazeFitParams& params = {}) {
  const GazeFitResult l = fitGazeEyeModel(c.eye[0], g, params);
  const GazeFitResult r = fitGazeEyeModel(c.eye[1], g, params);
  REQUIRE(l.ok);
  REQUIRE(r.ok);
  return GazeModel(g, l.model, r.model);
}

// Validation errors in degrees over the pattern's validation points, `perPoint`
// samples each, the estimate of a point being the median of its samples.
std::vector<double> validate(const GazeModel& model, test::SyntheticViewer& viewer, int perPoint,
                             const test::ViewerHead& head = {}, int dropEye = -1) {
  std::vector<double> errors;
  const auto& g = viewer.geometry;
  for (const PatternPoint& p : toPx(CalibrationPattern::make(PatternKind::kNine).validation, g)) {
    std::vector<double> xs, ys;
    for (int k = 0; k < perPoint; ++k) {
      protocol::EyeSample s = viewer.look(p.fx, p.fy, head);
      if (dropEye >= 0)
        s.eyes[static_cast<std::size_t>(dropEye)].valid = false;
      const GazeEstimate est = model.predict(s);
      REQUIRE(est.valid);
      xs.push_back(est.x);
      ys.push_back(est.y);
    }
    std::nth_element(xs.begin(), xs.begin() + perPoint / 2, xs.end());
    std::nth_element(ys.begin(), ys.begin() + perPoint / 2, ys.end());
    errors.push_back(g.angleDeg(xs[perPoint / 2], ys[perPoint / 2], p.fx, p.fy));
  }
  return errors;
}

double medianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double maxOf(const std::vector<double>& v) {
  return *std::max_element(v.begin(), v.end());
}

}  // namespace

TEST_CASE("fit recovers an exact second-order mapping from noise-free samples") {
  CalibrationGeometry g;
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> unit(-1, 1);
  // Screen position as an exact polynomial of the raw features plus head terms.
  auto truth = [](double nx, double ny, const HeadVector& h, double& x, double& y) {
    x = 900 - 4000 * (nx - 0.5) + 3000 * (nx - 0.5) * (nx - 0.5) + 900 * (nx - 0.5) * ny + 50 * ny -
        35 * h[0] + 4 * h[2] - 0.5 * h[4];
    y = 500 + 5000 * ny - 6000 * ny * ny + 1200 * (nx - 0.5) * (nx - 0.5) + 20 * h[1] + 3.5 * h[3];
  };
  // 26 points, each with its own head pose; samples of a point repeat it
  // (the fit works on each point's mean features).
  std::vector<GazeFitSample> samples;
  for (int p = 0; p < 26; ++p) {
    const double nx = 0.5 + 0.06 * unit(rng), ny = 0.05 * unit(rng);
    const HeadVector h{unit(rng) * 2, unit(rng) * 2, unit(rng) * 5, unit(rng) * 5, unit(rng) * 10};
    double x, y;
    truth(nx, ny, h, x, y);
    for (int k = 0; k < 10; ++k)
      samples.push_back({p, nx, ny, true, h, x, y});
  }
  GazeFitParams params;
  params.sphereRatio = 0;  // the truth is polynomial in the raw features
  params.geometricHeadPrior = false;
  params.headPenalty = 1;
  const GazeFitResult fit = fitGazeEyeModel(samples, g, params);
  REQUIRE(fit.ok);
  const GazeModel model(g, fit.model, fit.model);
  for (int k = 0; k < 200; ++k) {
    const double nx = 0.5 + 0.05 * unit(rng), ny = 0.04 * unit(rng);
    HeadVector h{unit(rng) * 2, unit(rng) * 2, unit(rng) * 5, unit(rng) * 5, unit(rng) * 10};
    protocol::EyeSample s;
    for (auto& e : s.eyes)
      e = {true, 0, 0, static_cast<float>(nx), static_cast<float>(ny), 1, 1};
    s.head = {true,
              static_cast<float>(h[0]),
              static_cast<float>(h[1]),
              0,
              static_cast<float>(h[2]),
              static_cast<float>(h[3]),
              static_cast<float>(h[4]),
              1};
    double x, y;
    truth(s.eyes[0].normX, s.eyes[0].normY, headVectorOf(s.head), x, y);
    const GazeEstimate est = model.predict(s);
    REQUIRE(est.valid);
    CHECK(est.x == Approx(x).margin(0.05));
    CHECK(est.y == Approx(y).margin(0.05));
  }
  for (const GazeFitPoint& p : fit.points) {
    CHECK(p.weight == 1.0);
    CHECK(p.errorPx < 0.05);
  }
}

TEST_CASE("fit of a geometric eye is accurate between the calibration points") {
  test::SyntheticViewer viewer;
  const GazeModel model = fitBoth(calibrate(viewer, PatternKind::kNine, 20), viewer.geometry);
  const auto errors = validate(model, viewer, 5);
  INFO("max validation error " << maxOf(errors) << " deg");
  CHECK(maxOf(errors) < 0.3);
}

TEST_CASE("a fit on noisy samples stays within a degree") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.01;  // about 1.3 degrees of eye rotation per sample
  const GazeModel model = fitBoth(calibrate(viewer, PatternKind::kNine, 30), viewer.geometry);
  const auto errors = validate(model, viewer, 25);
  INFO("median " << medianOf(errors) << " max " << maxOf(errors));
  CHECK(medianOf(errors) < 0.6);
  CHECK(maxOf(errors) < 1.2);
}

TEST_CASE("a fit with 20% outlier samples is as good as without them") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.005;
  const auto clean =
      validate(fitBoth(calibrate(viewer, PatternKind::kNine, 30), viewer.geometry), viewer, 25);
  const Collected dirty = calibrate(viewer, PatternKind::kNine, 30, 1.0, 0.2);
  const auto robust = validate(fitBoth(dirty, viewer.geometry), viewer, 25);
  GazeFitParams plain;
  plain.robust = false;
  const auto naive = validate(fitBoth(dirty, viewer.geometry, plain), viewer, 25);
  INFO("clean " << maxOf(clean) << " robust " << maxOf(robust) << " naive " << maxOf(naive));
  CHECK(maxOf(robust) < maxOf(clean) + 0.3);
  CHECK(maxOf(naive) > 2 * maxOf(robust));  // the outliers really are harmful
}

TEST_CASE("a calibration point the person did not look at is rejected") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.004;
  Collected c;
  const auto& g = viewer.geometry;
  const auto targets = toPx(CalibrationPattern::make(PatternKind::kThirteen).points, g);
  for (std::size_t p = 0; p < targets.size(); ++p) {
    // Point 4 (top right): the person kept looking 6 degrees to the left of it.
    const double lookX = p == 4 ? targets[p].fx - 6 * g.pxPerDegree() : targets[p].fx;
    for (int k = 0; k < 25; ++k)
      addSample(c, static_cast<int>(p), viewer.look(lookX, targets[p].fy), targets[p].fx,
                targets[p].fy);
  }
  const GazeFitResult fit = fitGazeEyeModel(c.eye[0], g);
  REQUIRE(fit.ok);
  for (const GazeFitPoint& p : fit.points) {
    INFO("point " << p.point << " held-out " << p.heldOutErrorPx / g.pxPerDegree() << " deg");
    if (p.point == 4) {
      CHECK(p.weight == 0.0);
      CHECK(p.heldOutErrorPx > 4 * g.pxPerDegree());
    } else {
      CHECK(p.weight == 1.0);
    }
  }
}

TEST_CASE("with one eye lost the other carries on alone") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.01;
  const GazeModel model = fitBoth(calibrate(viewer, PatternKind::kNine, 30), viewer.geometry);
  const auto both = validate(model, viewer, 25);
  const auto leftOnly = validate(model, viewer, 25, {}, 1);
  const auto rightOnly = validate(model, viewer, 25, {}, 0);
  INFO("both " << medianOf(both) << " left " << medianOf(leftOnly) << " right "
               << medianOf(rightOnly));
  CHECK(medianOf(leftOnly) < 1.0);
  CHECK(medianOf(rightOnly) < 1.0);
  CHECK(medianOf(both) <= std::max(medianOf(leftOnly), medianOf(rightOnly)));

  protocol::EyeSample s = viewer.look(960, 540);
  const GazeEstimate two = model.predict(s);
  s.eyes[1].valid = false;
  const GazeEstimate one = model.predict(s);
  REQUIRE(one.valid);
  CHECK(one.eyesUsed == 1);
  CHECK(two.eyesUsed == 3);
  CHECK(one.confidence < two.confidence);
  s.eyes[0].openness = 0.05f;  // and now the other closes
  CHECK_FALSE(model.predict(s).valid);
}

TEST_CASE("head movement after calibration is compensated by the head terms") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.002;
  const Collected c = calibrate(viewer, PatternKind::kNine, 20, 1.0);
  const GazeModel withHead = fitBoth(c, viewer.geometry);
  GazeFitParams noHead;
  noHead.headTerms = false;
  const GazeModel withoutHead = fitBoth(c, viewer.geometry, noHead);
  const test::ViewerHead moved{3.0, -2.0, 25.0, -15.0, 0.0};
  const auto good = validate(withHead, viewer, 15, moved);
  const auto bad = validate(withoutHead, viewer, 15, moved);
  INFO("with head terms " << maxOf(good) << ", without " << maxOf(bad));
  CHECK(maxOf(good) < 1.0);
  CHECK(maxOf(bad) > 3.0);
}

TEST_CASE("a rolled head is compensated by turning the pupil back by the roll") {
  test::SyntheticViewer viewer;
  viewer.noiseNorm = 0.002;
  // Calibrated with the head rolling by up to 2 degrees either way.
  const Collected c = calibrate(viewer, PatternKind::kNine, 20, 1.0, 0, 2.0);
  const GazeModel withRoll = fitBoth(c, viewer.geometry);
  GazeFitParams noRoll;
  noRoll.rollTerm = false;
  const GazeModel withoutRoll = fitBoth(c, viewer.geometry, noRoll);
  for (const double roll : {-6.0, 6.0}) {
    test::ViewerHead rolled;
    rolled.rollDeg = roll;
    const auto good = validate(withRoll, viewer, 15, rolled);
    const auto bad = validate(withoutRoll, viewer, 15, rolled);
    INFO("roll " << roll << ": with the roll turned back " << maxOf(good) << ", without "
                 << maxOf(bad));
    CHECK(maxOf(good) < 0.6);
    CHECK(maxOf(bad) > 1.5);
  }
  // A level head is as good either way.
  const auto level = validate(withRoll, viewer, 15);
  CHECK(maxOf(level) < 0.6);
}

TEST_CASE("the pupil is turned back by the roll about the calibration's centre") {
  GazeFeatureFrame f;
  f.rollTerm = true;
  f.rollMean = 2;
  f.rollCentreX = 0.5;
  f.rollCentreY = 0.05;
  double x = 0.6, y = 0.05;
  derollNorm(f, 32, true, x, y);  // 30 degrees from the mean
  CHECK(x == Approx(0.5 + 0.1 * std::cos(std::numbers::pi / 6)));
  CHECK(y == Approx(0.05 + 0.1 * std::sin(std::numbers::pi / 6)));
  x = 0.6, y = 0.05;
  derollNorm(f, 92, true, x, y);  // clamped to 30
  CHECK(y == Approx(0.05 + 0.1 * std::sin(std::numbers::pi / 6)));
  for (const bool valid : {false, true}) {
    x = 0.6, y = 0.05;
    derollNorm(f, valid ? std::nan("") : 10.0, valid, x, y);  // not valid, or not finite
    CHECK(x == 0.6);
    CHECK(y == 0.05);
  }
  f.rollTerm = false;
  derollNorm(f, 10, true, x, y);
  CHECK(x == 0.6);
  CHECK(y == 0.05);
}

TEST_CASE("fewer than three calibration points cannot be fitted") {
  CalibrationGeometry g;
  std::vector<GazeFitSample> samples = {{0, 0.5, 0, false, {}, 100, 100},
                                        {1, 0.4, 0, false, {}, 900, 100}};
  const GazeFitResult fit = fitGazeEyeModel(samples, g);
  CHECK_FALSE(fit.ok);
  CHECK_FALSE(fit.message.empty());
  CHECK_FALSE(fit.model.valid);
}

TEST_CASE("an uncalibrated model gives no gaze point") {
  const GazeModel model;
  test::SyntheticViewer viewer;
  CHECK_FALSE(model.calibrated());
  CHECK_FALSE(model.predict(viewer.look(100, 100)).valid);
}
