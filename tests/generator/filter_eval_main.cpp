// drishti-filter-eval: gaze filtering and fixation detection on generated truth.
//
// Calibrates a GazeScene person through the TrackerSimulator (as
// drishti-calib-eval does), then lets them look at random "keys" for two
// minutes (a new target every 0.8-1.6 s, as when spelling) and measures, for
// the raw gaze and each filter: precision during fixations (RMS around the
// fixation's own mean), accuracy (RMS from the true gaze), lag (time from a
// saccade's start until the output has covered 90% of it, median over
// saccades of 5 degrees or more), and what the FixationDetector makes of the
// output (true fixations of 300 ms or more found within 2 degrees, start
// delay, and how many pieces a fixation breaks into).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "host/core/fixation_detector.h"
#include "host/core/one_euro_filter.h"
#include "tests/generator/calibration_harness.h"
#include "tests/generator/eval_options.h"

using namespace drishti;

namespace {

struct FrameOut {
  double t;       // ms
  bool valid;     // the model gave a point
  double x, y;    // estimate, px
  double gx, gy;  // truth gaze, px
  bool saccade;
  int fixation;  // index of the true fixation (-1 during saccades/blinks)
};

double median(std::vector<double> v) {
  if (v.empty())
    return NAN;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Filter {
  const char* name;
  bool enabled;
  host::OneEuroParams params;
};

}  // namespace

int main(int argc, char** argv) {
  gen::EvalOptions opt;
  std::string error;
  if (!gen::parseEvalOptions(argc, argv, opt, error)) {
    std::fprintf(stderr, "drishti-filter-eval: %s\n%s", error.c_str(), gen::evalUsage());
    return error.empty() ? 0 : 2;
  }
  gen::FaceGeometry face = gen::canonicalFace();
  const host::CalibrationGeometry& screen = opt.screen;
  const double pxPerDeg = screen.pxPerDegree();

  gen::HarnessParams hp;
  hp.scene.screen = screen;
  hp.scene.seed = opt.seed;
  hp.noise.pupilSigmaIod = 0.01;
  hp.noise.cornerSigmaIod = 0.005;
  hp.noise.pupilBiasIod = 0.01;
  const gen::HarnessResult cal = gen::runCalibrationHarness(face, hp);
  if (!cal.ok) {
    std::fprintf(stderr, "drishti-filter-eval: calibration failed\n");
    return 1;
  }

  // Two minutes of looking at random keys.
  gen::SceneParams use = hp.scene;
  use.seed = opt.seed + 100;
  gen::GazeScene scene(use);
  gen::TrackerNoise noise = hp.noise;
  noise.seed = opt.seed + 200;
  gen::TrackerSimulator tracker(face, use, noise);
  std::mt19937_64 rng(opt.seed + 300);
  std::uniform_real_distribution<double> ux(0.1, 0.9), dwell(800, 1600);
  std::vector<FrameOut> frames;
  double tx = 960, ty = 540, nextChange = 0;
  int fixation = -1;
  bool wasMoving = true;
  const double seconds = opt.seconds > 0 ? opt.seconds : 120;
  while (scene.last().tMs < seconds * 1000) {
    const double t = scene.last().tMs;
    if (t >= nextChange) {
      tx = ux(rng) * screen.widthPx;
      ty = ux(rng) * screen.heightPx;
      nextChange = t + dwell(rng);
    }
    const gen::FrameTruth& f = scene.step(true, tx, ty);
    const protocol::EyeSample s = tracker.sample(f);
    const host::GazeEstimate est = cal.model.predict(s);
    const bool moving = f.saccade || f.eyes[0].closure > 0.1;
    if (!moving && wasMoving)
      ++fixation;
    wasMoving = moving;
    frames.push_back(
        {f.tMs, est.valid, est.x, est.y, f.gazeX, f.gazeY, f.saccade, moving ? -1 : fixation});
  }

  std::printf(
      "calibration: validation median %.2f deg; use: %.0f s, %zu frames at %.0f fps, "
      "tracker noise 0.01 IOD; screen %.1f px/deg\n\n",
      cal.report.summary.validationMedianDeg, seconds, frames.size(), use.fps, pxPerDeg);
  struct Metrics {
    double jitter, accuracy, lag, delay, pieces;
    int found, total;
    double centroid;  // median centroid error of found fixations, deg
  };
  auto evaluate = [&](bool enabled, const host::OneEuroParams& params,
                      const host::FixationParams& fixParams) {
    host::OneEuroFilter filter(params, pxPerDeg);
    host::FixationDetector detector(fixParams, pxPerDeg);
    std::vector<double> fx(frames.size()), fy(frames.size());
    std::vector<bool> ok(frames.size());
    struct Det {
      double start, x, y;
    };
    std::vector<Det> detected;
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const FrameOut& f = frames[i];
      double x = f.x, y = f.y;
      ok[i] = f.valid;
      if (f.valid && enabled)
        filter.filter(static_cast<std::uint64_t>(f.t * 1000), f.x, f.y, x, y);
      fx[i] = x;
      fy[i] = y;
      const auto ev = detector.add(static_cast<std::uint64_t>(f.t * 1000) + 1, x, y, f.valid);
      if (ev == host::FixationEvent::kStarted)
        detected.push_back(
            {detector.current().startUs / 1000.0, detector.current().x, detector.current().y});
      if (!detected.empty() && detector.current().active) {
        detected.back().x = detector.current().x;
        detected.back().y = detector.current().y;
      }
    }
    const int maxFix = fixation;
    std::vector<double> startMs(static_cast<std::size_t>(maxFix + 1), -1), endMs(startMs);
    std::vector<double> trueX(startMs.size()), trueY(startMs.size());
    for (const FrameOut& f : frames) {
      if (f.fixation < 0)
        continue;
      const auto k = static_cast<std::size_t>(f.fixation);
      if (startMs[k] < 0)
        startMs[k] = f.t;
      endMs[k] = f.t;
      trueX[k] = f.gx;
      trueY[k] = f.gy;
    }
    // Jitter (sample to sample, RMS / sqrt 2) and accuracy over the settled
    // part of each fixation (from 300 ms after it began).
    double sqJit = 0, sqAcc = 0;
    int nJit = 0, nAcc = 0;
    for (std::size_t i = 1; i < frames.size(); ++i) {
      const int k = frames[i].fixation;
      if (k < 0 || !ok[i] || frames[i].t < startMs[static_cast<std::size_t>(k)] + 300)
        continue;
      const double a = screen.angleDeg(fx[i], fy[i], frames[i].gx, frames[i].gy);
      sqAcc += a * a;
      ++nAcc;
      if (frames[i - 1].fixation == k && ok[i - 1]) {
        const double d = screen.angleDeg(fx[i], fy[i], fx[i - 1], fy[i - 1]);
        sqJit += d * d / 2;
        ++nJit;
      }
    }
    // Lag: saccades of 5 degrees or more, until the output is 90% of the way.
    std::vector<double> lags;
    for (std::size_t i = 1; i < frames.size(); ++i) {
      if (!(frames[i].saccade && !frames[i - 1].saccade))
        continue;
      std::size_t j = i;
      while (j < frames.size() && frames[j].saccade)
        ++j;
      if (j >= frames.size())
        break;
      const double ax = frames[i - 1].gx, ay = frames[i - 1].gy;
      const double bx = frames[j].gx, by = frames[j].gy;
      const double amp = std::hypot(bx - ax, by - ay);
      if (amp < 5 * pxPerDeg)
        continue;
      for (std::size_t m = i; m < frames.size() && frames[m].t < frames[i].t + 1000; ++m) {
        if (!ok[m])
          continue;
        const double along = ((fx[m] - ax) * (bx - ax) + (fy[m] - ay) * (by - ay)) / (amp * amp);
        if (along >= 0.9) {
          lags.push_back(frames[m].t - frames[i - 1].t);
          break;
        }
      }
    }
    // Fixations of 300 ms or more: found if a detection started within its
    // first 400 ms; its centroid error; and how many detections started in it.
    Metrics out{std::sqrt(sqJit / std::max(1, nJit)),
                std::sqrt(sqAcc / std::max(1, nAcc)),
                median(lags),
                0,
                0,
                0,
                0,
                0};
    std::vector<double> delays, centroidErr;
    double pieces = 0;
    for (int k = 0; k <= maxFix; ++k) {
      const auto kk = static_cast<std::size_t>(k);
      if (startMs[kk] < 0 || endMs[kk] - startMs[kk] < 300)
        continue;
      ++out.total;
      bool hit = false;
      int n = 0;
      for (const Det& d : detected) {
        if (d.start < startMs[kk] - 50 || d.start > endMs[kk])
          continue;
        ++n;
        if (!hit && d.start <= startMs[kk] + 400) {
          hit = true;
          delays.push_back(d.start - startMs[kk]);
          centroidErr.push_back(screen.angleDeg(d.x, d.y, trueX[kk], trueY[kk]));
        }
      }
      out.found += hit ? 1 : 0;
      pieces += n;
    }
    out.centroid = median(centroidErr);
    out.delay = median(delays);
    out.pieces = pieces / std::max(1, out.total);
    return out;
  };

  const host::FixationParams fixDefaults;
  std::printf(
      "| filter | jitter deg | accuracy deg | saccade lag ms | fixations found | start "
      "delay ms | centroid error deg | pieces per fixation |\n|---|---|---|---|---|---|---|---|\n");
  const std::vector<Filter> filters = {
      {"none (raw gaze)", false, {}},
      {"One Euro, defaults", true, {}},
      {"One Euro, 0.6 Hz, beta 0.06/deg", true, {0.6, 0.06, 1.0, 200}},
      {"One Euro, 1.0 Hz, beta 0.1/deg", true, {1.0, 0.1, 1.0, 200}},
      {"fixed low-pass 0.5 Hz (beta 0)", true, {0.5, 0.0, 1.0, 200}},
      {"fixed low-pass 1 Hz (beta 0)", true, {1.0, 0.0, 1.0, 200}},
      {"fixed low-pass 2 Hz (beta 0)", true, {2.0, 0.0, 1.0, 200}},
  };
  for (const Filter& flt : filters) {
    const Metrics m = evaluate(flt.enabled, flt.params, fixDefaults);
    std::printf("| %s | %.2f | %.2f | %.0f | %d/%d | %.0f | %.2f | %.2f |\n", flt.name, m.jitter,
                m.accuracy, m.lag, m.found, m.total, m.delay, m.centroid, m.pieces);
  }
  std::printf(
      "\nFixation detector radius (One Euro defaults):\n\n| radius deg | fixations found "
      "| start delay ms | centroid error deg | pieces per fixation |\n|---|---|---|---|---|\n");
  for (double radius : {1.0, 1.5, 2.0, 2.5, 3.0}) {
    host::FixationParams fp;
    fp.radiusDeg = radius;
    const Metrics m = evaluate(true, {}, fp);
    std::printf("| %.1f | %d/%d | %.0f | %.2f | %.2f |\n", radius, m.found, m.total, m.delay,
                m.centroid, m.pieces);
  }
  std::printf(
      "\nFixation detector radius x exit time (One Euro defaults): found / pieces / centroid error "
      "deg\n\n"
      "| radius deg | exit 60 ms | 100 ms | 150 ms | 200 ms |\n|---|---|---|---|---|\n");
  for (double radius : {1.0, 1.5, 2.0, 2.5}) {
    std::printf("| %.1f |", radius);
    for (double exitMs : {60.0, 100.0, 150.0, 200.0}) {
      host::FixationParams fp;
      fp.radiusDeg = radius;
      fp.exitMs = exitMs;
      const Metrics m = evaluate(true, {}, fp);
      std::printf(" %d/%d, %.2f, %.2f |", m.found, m.total, m.pieces, m.centroid);
    }
    std::printf("\n");
  }
  if (opt.quick)
    return 0;
  std::printf(
      "\nOne Euro parameter grid (jitter deg / lag ms):\n\n| min cutoff Hz | beta "
      "0.005 | 0.01 | 0.02 | 0.04 | 0.08 |\n|---|---|---|---|---|---|\n");
  for (double mc : {0.1, 0.2, 0.3, 0.5, 0.8}) {
    std::printf("| %.1f |", mc);
    for (double beta : {0.005, 0.01, 0.02, 0.04, 0.08}) {
      const Metrics m = evaluate(true, {mc, beta, 1.0, 200}, fixDefaults);
      std::printf(" %.2f / %.0f |", m.jitter, m.lag);
    }
    std::printf("\n");
  }
  return 0;
}
