// The y cue from the eye's appearance (gaze_model_appearance_fit.h, fitted in
// fitGazeEyeModel, blended with the pupil's y by their held-out errors in
// GazeModel): carries y when the pupil's y bends and the cells carry the
// gaze, gets almost no weight when the cells are noise and none when absent,
// and when each cue bends somewhere else the blend beats both.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <initializer_list>
#include <random>
#include <vector>

#include "host/core/appearance_drift_monitor.h"
#include "host/core/gaze_model.h"
#include "host/core/gaze_model_appearance_fit.h"
#include "host/core/gaze_model_fit.h"

using namespace drishti;
using namespace drishti::host;

namespace {

enum class Cells { kFollowGaze, kNoise, kNone };

// A synthetic eye looking at screen fraction (fx, fy). The pupil's x is
// clean; its y bends looking down-left (`bend`, like a lower lid clipping
// the iris); the cells follow the gaze linearly (with `cellBend`, y as if
// lower looking up-right), or are noise, or are absent.
struct Eye {
  bool bend = true;
  bool cellBend = false;
  Cells cells = Cells::kFollowGaze;
  std::mt19937 rng{11};
  std::array<double, protocol::kAppearanceCells> gx{}, gy{};

  Eye() {
    std::uniform_real_distribution<double> unit(-1, 1);
    for (std::size_t k = 0; k < gx.size(); ++k) {
      gx[k] = unit(rng);
      gy[k] = unit(rng);
    }
  }

  // From now on a lamp to the image's right: each column of cells is lit by
  // 1 + lamp * (column - 2) / 2 before the normalisation.
  double lamp = 0;

  protocol::EyeMeasurement look(double fx, double fy) {
    std::normal_distribution<double> noise(0, 1);
    protocol::EyeMeasurement m;
    m.valid = true;
    m.confidence = 1;
    m.openness = 1;
    m.normX = static_cast<float>(0.5 + 0.12 * (fx - 0.5) + 0.002 * noise(rng));
    const double clip = bend ? 0.06 * std::max(0.0, fy - 0.4) * std::max(0.0, 0.6 - fx) : 0.0;
    m.normY = static_cast<float>(0.08 * (fy - 0.5) - clip + 0.001 * noise(rng));
    if (cells == Cells::kNone)
      return m;
    double sum = 0;
    std::array<double, protocol::kAppearanceCells> c{};
    const double cy =
        fy + (cellBend ? 0.75 * std::max(0.0, 0.6 - fy) * std::max(0.0, fx - 0.4) : 0.0);
    for (std::size_t k = 0; k < c.size(); ++k) {
      const double gaze = cells == Cells::kFollowGaze
                              ? 0.3 * gx[k] * (fx - 0.5) + 0.3 * gy[k] * (cy - 0.5)
                              : 0.3 * noise(rng);
      c[k] = std::max(0.05, 1.0 + gaze + 0.01 * noise(rng)) *
             (1 + lamp * (static_cast<double>(k % 5) - 2) / 2);
      sum += c[k];
    }
    for (std::size_t k = 0; k < c.size(); ++k)
      m.appearance[k] = static_cast<float>(c[k] / sum);
    return m;
  }
};

const double kGrid[3] = {0.1, 0.5, 0.9};

std::vector<GazeFitSample> calibrate(Eye& eye, const CalibrationGeometry& g) {
  std::vector<GazeFitSample> out;
  int point = 0;
  for (double fy : kGrid) {
    for (double fx : kGrid) {
      for (int k = 0; k < 20; ++k) {
        const protocol::EyeMeasurement m = eye.look(fx, fy);
        GazeFitSample s{point, m.normX, m.normY, false, {}, fx * g.widthPx, fy * g.heightPx, 0};
        s.appearance = m.appearance;
        out.push_back(s);
      }
      ++point;
    }
  }
  return out;
}

// Mean |y error| in degrees over looks between the calibration points.
double yErrorDeg(const GazeModel& model, Eye& eye, const CalibrationGeometry& g,
                 std::initializer_list<double> xs = {0.2, 0.3, 0.7},
                 std::initializer_list<double> ys = {0.3, 0.7, 0.8}) {
  double sum = 0;
  int n = 0;
  for (double fy : ys) {
    for (double fx : xs) {
      protocol::EyeSample s;
      s.eyes[0] = eye.look(fx, fy);
      const GazeEstimate est = model.predictEye(s, 0);
      REQUIRE(est.valid);
      sum += std::abs(est.y - fy * g.heightPx) / g.pxPerDegree();
      ++n;
    }
  }
  return sum / n;
}

GazeModel fitEye(const std::vector<GazeFitSample>& samples, const CalibrationGeometry& g,
                 bool appearance) {
  GazeFitParams params;
  params.appearanceY = appearance;
  const GazeFitResult fit = fitGazeEyeModel(samples, g, params);
  REQUIRE(fit.ok);
  return GazeModel(g, fit.model, GazeEyeModel{});
}

}  // namespace

TEST_CASE("the appearance carries y when the pupil's y bends looking down-left") {
  CalibrationGeometry g;
  Eye eye;
  const std::vector<GazeFitSample> samples = calibrate(eye, g);
  const GazeModel pupil = fitEye(samples, g, false);
  const GazeModel both = fitEye(samples, g, true);
  const GazeAppearanceY& a = both.eye(0).appearanceY;
  INFO("held-out y px: pupil " << a.heldOutPupilPx << ", appearance " << a.heldOutAppearancePx);
  CHECK(a.used);
  CHECK(a.heldOutAppearancePx > 0);
  CHECK(a.heldOutAppearancePx < a.heldOutPupilPx);
  CHECK(appearanceYWeight(a) > 0.8);
  CHECK_FALSE(pupil.eye(0).appearanceY.used);
  const double pupilErr = yErrorDeg(pupil, eye, g);
  const double bothErr = yErrorDeg(both, eye, g);
  INFO("mean y error deg: pupil " << pupilErr << ", appearance " << bothErr);
  CHECK(bothErr < 0.5);
  CHECK(bothErr < 0.5 * pupilErr);
  // x stays the pupil's.
  protocol::EyeSample s;
  s.eyes[0] = eye.look(0.3, 0.7);
  CHECK(both.predictEye(s, 0).x == Approx(pupil.predictEye(s, 0).x));
  // A sample without cells falls back to the pupil's y.
  s.eyes[0].appearance.fill(0);
  CHECK(both.predictEye(s, 0).y == Approx(pupil.predictEye(s, 0).y));
}

TEST_CASE("cells that are noise leave y to the pupil") {
  CalibrationGeometry g;
  Eye eye;
  eye.bend = false;
  eye.cells = Cells::kNoise;
  const GazeModel m = fitEye(calibrate(eye, g), g, true);
  const GazeAppearanceY& a = m.eye(0).appearanceY;
  INFO("held-out y px: pupil " << a.heldOutPupilPx << ", appearance " << a.heldOutAppearancePx);
  CHECK(a.heldOutAppearancePx > 50 * a.heldOutPupilPx);
  CHECK(appearanceYWeight(a) < 0.001);
  CHECK(yErrorDeg(m, eye, g) < 0.5);
}

TEST_CASE("when each cue bends in another corner, their blend beats either alone") {
  // The pupil's y bends looking down-left, the cells' looking up-right: their
  // held-out errors come out alike and their errors between the points fall
  // in different places, so the inverse-variance blend is better than
  // choosing either cue.
  CalibrationGeometry g;
  Eye eye;
  eye.cellBend = true;
  const GazeModel blend = fitEye(calibrate(eye, g), g, true);
  const GazeEyeModel& m = blend.eye(0);
  const GazeAppearanceY& a = m.appearanceY;
  INFO("held-out y px: pupil " << a.heldOutPupilPx << ", appearance " << a.heldOutAppearancePx);
  REQUIRE(a.used);
  CHECK(appearanceYWeight(a) > 0.25);
  CHECK(appearanceYWeight(a) < 0.75);
  GazeEyeModel pupilOnly = m, appearanceOnly = m;
  pupilOnly.appearanceY.used = false;
  appearanceOnly.appearanceY.heldOutPupilPx = 1e9;  // the appearance's share -> 1
  const auto looks = {0.2, 0.35, 0.65, 0.8};
  const double blendErr = yErrorDeg(blend, eye, g, looks, looks);
  const double pupilErr = yErrorDeg(GazeModel(g, pupilOnly, GazeEyeModel{}), eye, g, looks, looks);
  const double appErr =
      yErrorDeg(GazeModel(g, appearanceOnly, GazeEyeModel{}), eye, g, looks, looks);
  INFO("mean y error deg: blend " << blendErr << ", pupil " << pupilErr << ", appearance "
                                  << appErr);
  CHECK(blendErr < 0.8 * std::min(pupilErr, appErr));
}

TEST_CASE("the appearance's share is the inverse-variance weight") {
  CHECK(appearanceShare(3, 4) == Approx(9.0 / 25));
  CHECK(appearanceShare(4, 3) == Approx(16.0 / 25));
  CHECK(appearanceShare(5, 0) == 0);
  CHECK(appearanceShare(INFINITY, 1) == 0);
  GazeAppearanceY a;
  a.heldOutPupilPx = 3;
  a.heldOutAppearancePx = 4;
  CHECK(appearanceYWeight(a) == 0);  // not used
  a.used = true;
  CHECK(appearanceYWeight(a) == Approx(9.0 / 25));
}

TEST_CASE("a tracker that sends no cells gets the pupil model") {
  CalibrationGeometry g;
  Eye eye;
  eye.cells = Cells::kNone;
  const GazeModel m = fitEye(calibrate(eye, g), g, true);
  const GazeAppearanceY& a = m.eye(0).appearanceY;
  CHECK_FALSE(a.used);
  CHECK(a.heldOutAppearancePx == 0);
  CHECK(a.heldOutPupilPx > 0);
}

TEST_CASE("the appearance fit refuses too few points and cells that do not vary") {
  GazeAppearanceY out;
  std::vector<AppearanceFitPoint> pts(kMinAppearancePoints - 1);
  for (std::size_t p = 0; p < pts.size(); ++p) {
    pts[p].cells.fill(1.0 / 15);
    pts[p].cells[0] += 0.01 * static_cast<double>(p);
    pts[p].targetY = 100.0 * static_cast<double>(p);
  }
  CHECK_FALSE(fitAppearanceY(pts, out));
  pts.resize(kMinAppearancePoints + 2);
  for (AppearanceFitPoint& p : pts)
    p.cells.fill(1.0 / 15);
  CHECK_FALSE(fitAppearanceY(pts, out));
  CHECK(out == GazeAppearanceY{});
}

TEST_CASE("the appearance fit recovers a linear map of the cells") {
  // Cells that vary along two directions (as an eye's do with its gaze), y a
  // linear function of the position along them.
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> unit(-1, 1);
  AppearanceCells d1, d2;
  for (std::size_t k = 0; k < d1.size(); ++k) {
    d1[k] = 0.02 * unit(rng);
    d2[k] = 0.02 * unit(rng);
  }
  auto cellsAt = [&](double a, double b) {
    AppearanceCells c;
    for (std::size_t k = 0; k < c.size(); ++k)
      c[k] = 1.0 / 15 + a * d1[k] + b * d2[k];
    return c;
  };
  std::vector<AppearanceFitPoint> pts;
  for (double a : {-1.0, 0.0, 1.0})
    for (double b : {-1.0, 0.0, 1.0})
      pts.push_back({cellsAt(a, b), 540 + 400 * a - 150 * b});
  GazeAppearanceY out;
  REQUIRE(fitAppearanceY(pts, out));
  CHECK(out.heldOutAppearancePx < 10);
  CHECK(out.minY == Approx(540 - 550).margin(10));
  CHECK(out.maxY == Approx(540 + 550).margin(10));
  CHECK(appearanceEyeY(out, cellsAt(0.4, -0.7)) == Approx(540 + 160 + 105).margin(10));
}

// Feeds the eye's part outside the span of one sample to the monitor.
void observe(AppearanceDriftMonitor& monitor, const GazeModel& m, const protocol::EyeSample& s) {
  AppearanceCells outside;
  REQUIRE(m.appearanceOutsideOf(s, 0, outside));
  monitor.observe(0, outside);
}

TEST_CASE("cells that leave the calibration's span hold the appearance off until they return") {
  CalibrationGeometry g;
  Eye eye;
  const GazeModel both = fitEye(calibrate(eye, g), g, true);
  const GazeAppearanceY& a = both.eye(0).appearanceY;
  REQUIRE(a.used);
  CHECK(a.spanResidual > 0);
  AppearanceDriftMonitor monitor;
  // Under the calibration's light, looks all over the screen: never held off.
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> unit(0.05, 0.95);
  double maxDrift = 0;
  for (int i = 0; i < 600; ++i) {
    protocol::EyeSample s;
    s.eyes[0] = eye.look(unit(rng), unit(rng));
    observe(monitor, both, s);
    maxDrift = std::max(maxDrift, monitor.drift(0));
    CHECK_FALSE(monitor.heldOff(0));
  }
  INFO("largest drift under the calibration's light " << maxDrift);
  CHECK(monitor.appearanceEyes() == 3u);
  // A lamp to one side: the blend's y moves off, the drift check sees it
  // within a window and the eye's y is the pupil's alone (a look where the
  // pupil's y does not bend).
  eye.lamp = 0.15;
  protocol::EyeSample s;
  double blendErr = 0, heldErr = 0;
  for (int i = 0; i < 60; ++i) {
    s.eyes[0] = eye.look(0.7, 0.3);
    observe(monitor, both, s);
    blendErr += std::abs(both.predict(s).y - 0.3 * g.heightPx) / g.pxPerDegree() / 60;
    heldErr += std::abs(both.predict(s, monitor.appearanceEyes()).y - 0.3 * g.heightPx) /
               g.pxPerDegree() / 60;
  }
  INFO("mean y error under the lamp, deg: blend " << blendErr << ", with the check " << heldErr
                                                  << "; drift " << monitor.drift(0));
  CHECK(monitor.heldOff(0));
  CHECK(monitor.drift(0) > 1.0);
  CHECK(monitor.appearanceEyes() == 2u);
  CHECK(both.predict(s, monitor.appearanceEyes()).y == Approx(both.predictEye(s, 0, false).y));
  CHECK(blendErr > 2 * heldErr);
  // The light back as it was: the blend returns.
  eye.lamp = 0;
  for (int i = 0; i < 60; ++i) {
    s.eyes[0] = eye.look(0.7, 0.3);
    observe(monitor, both, s);
  }
  CHECK_FALSE(monitor.heldOff(0));
  // No cells, or a model without the check (a file written before it): no figure.
  AppearanceCells outside;
  CHECK_FALSE(both.appearanceOutsideOf(protocol::EyeSample{}, 0, outside));
  GazeAppearanceY old = a;
  old.spanResidual = 0;
  CHECK_FALSE(appearanceOutside(old, AppearanceCells{}, outside));
}

TEST_CASE("the drift monitor decides on a full window's mean, with hysteresis") {
  AppearanceDriftMonitor::Params p;
  p.window = 5;  // limit 1, resume below 0.8
  AppearanceDriftMonitor m(p);
  auto along = [](double x, double y) {
    AppearanceCells c{};
    c[0] = x;
    c[7] = y;
    return c;
  };
  for (int i = 0; i < 4; ++i)
    CHECK_FALSE(m.observe(1, along(3, 0)));  // the window not yet full
  CHECK(m.observe(1, along(3, 0)));
  CHECK(m.drift(1) == Approx(3));
  CHECK(m.appearanceEyes() == 1u);
  CHECK_FALSE(m.heldOff(0));
  // Noise that cancels over the window does not count: +-2 alternating
  // along another cell, mean 0.9 along the first: held still (above 0.8).
  for (double y : {0.0, 2.0, -2.0, 2.0, -2.0})
    m.observe(1, along(0.9, y));
  CHECK(m.drift(1) == Approx(0.9));
  CHECK(m.heldOff(1));
  CHECK_FALSE(m.observe(1, along(0, 0)));  // mean 0.72
  CHECK(m.drift(1) == Approx(0.72));
  for (int i = 0; i < 5; ++i)
    CHECK_FALSE(m.observe(1, along(0.9, 0)));  // 0.9 keeps a hold, but does not start one
  AppearanceCells bad{};
  bad[3] = std::nan("");
  CHECK_FALSE(m.observe(1, bad));  // skipped
  CHECK(m.drift(1) == Approx(0.9));
  m.reset();
  CHECK(m.appearanceEyes() == 3u);
  CHECK(m.drift(1) < 0);
}
