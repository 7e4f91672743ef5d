// drishti-calib-replay: the host's calibration on a recorded tracker stream.
//
// Reads what drishti-tracker sent (`--transport stdout-wire`, the real wire
// format, decoded by the real StreamDecoder), runs the real
// CalibrationProcedure on it exactly as `drishti --calibrate N
// --follow-sample-clock` does (the fixed schedule starts at the first eye
// sample and follows the capture stamps), and prints the report. With the
// generator's truth CSV of the same video it also checks the tracker against
// the truth: per point, which frames the gate accepted (were any in a
// saccade, or before the eyes reached the target?) and the tracker's mean
// pupil error. This is the chain's host half without the wire's timing, so
// fit and gate changes can be tried in a second instead of a minute.
//
//   drishti-tracker --video v.avi --transport stdout-wire --no-state --quiet > v.wire
//   drishti-calib-replay --wire v.wire --truth v.avi.csv --screen 1280 800 344 215 600
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "firmware/protocol/stream_decoder.h"
#include "host/core/appearance_drift_monitor.h"
#include "host/core/calibration_procedure.h"
#include "host/core/calibration_report.h"
#include "tests/generator/truth_csv.h"

using namespace drishti;

namespace {

const char* kUsage =
    "usage: drishti-calib-replay --wire FILE [--truth FILE.csv] [--screen W H WMM HMM DISTMM]\n"
    "         [--pattern 5|9|13] [--margin F] [--no-head-terms] [--head-penalty X]\n"
    "         [--sphere-ratio R] [--not-robust] [--no-roll] [--frame-ms 33.333]\n"
    "         [--truth-features | --truth-corners] [--truth-roll] [--trace FILE.csv]\n"
    "         [--looks [--cell W H]] [--eye 0|1] [--appearance-y [--no-appearance-check]]\n"
    "         [--appearance FILE.csv]\n"
    "  FILE: drishti-tracker --transport stdout-wire output for a generated video\n"
    "  --margin: the plan's screen fraction kept free at each edge (default: the host's)\n"
    "  --sphere-ratio, --not-robust: the fit's linearisation (0 = off) and plain ridge\n"
    "    instead of the robust fit (GazeFitParams), for comparisons\n"
    "  --eye: use only this eye (0 = image-left), as if the other were never seen\n"
    "  --no-roll: the fit does not turn the pupil back by the head's roll\n"
    "  --appearance-y: blend each eye's y from its pupil and its appearance cells,\n"
    "    weighted by their held-out errors (the profile's calibration.appearance_y;\n"
    "    off by default, as on the device); an eye whose cells leave what calibration\n"
    "    saw takes the pupil's y alone while they do (AppearanceDriftMonitor, as the\n"
    "    host does), unless --no-appearance-check\n"
    "  --appearance: each sample's appearance cells from this drishti-eye-trace\n"
    "    --appearance output of the same video (frame,eye,valid,15 cells), by frame:\n"
    "    for a wire that does not carry the cells\n"
    "  --truth-features: replace each sample's normalised pupils with the truth's (with\n"
    "    --truth): what the host would do with a perfect pupil and corners\n"
    "  --truth-corners: the tracker's pupil (px) in the truth's eye corners: how much\n"
    "    of the error is the corners'\n"
    "  --truth-roll: the head's roll from the truth (head_roll_deg), not the tracker's\n"
    "  --trace: the calibrated model's gaze (screen px, unfiltered) for every sample,\n"
    "    with the truth's target and gaze when --truth is given\n"
    "  --looks: (with --truth) one line per look at a target, from 0.5 s after it began:\n"
    "    the calibrated gaze's median error and robust scatter (1.4826 x the median\n"
    "    absolute deviation), horizontal / vertical degrees, + = right / down; with\n"
    "    --cell, the share of samples within W x H px around the target (a key's pitch)\n";

using FrameCells = std::vector<std::array<std::array<float, protocol::kAppearanceCells>, 2>>;
// Cells per frame and eye from drishti-eye-trace --appearance output; false
// and `error` ("file:line: what") on anything malformed.
bool readAppearanceCsv(const std::string& path, FrameCells& out, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot read";
    return false;
  }
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (lineNo == 1 && line.rfind("frame,eye,valid", 0) == 0)
      continue;
    std::vector<double> v;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) {
      char* end = nullptr;
      const double x = std::strtod(field.c_str(), &end);
      if (field.empty() || end != field.c_str() + field.size() || !std::isfinite(x)) {
        error = path + ":" + std::to_string(lineNo) + ": '" + field + "' is not a number";
        return false;
      }
      v.push_back(x);
    }
    if (v.size() != 3 + protocol::kAppearanceCells || v[0] < 0 || v[0] > 1e7 ||
        v[0] != std::floor(v[0]) || (v[1] != 0 && v[1] != 1) || (v[2] != 0 && v[2] != 1)) {
      error = path + ":" + std::to_string(lineNo) +
              ": expected frame,eye (0|1),valid (0|1) and 15 cells";
      return false;
    }
    const auto f = static_cast<std::size_t>(v[0]);
    if (f >= out.size())
      out.resize(f + 1);
    auto& cells = out[f][static_cast<std::size_t>(v[1])];
    for (std::size_t k = 0; k < cells.size(); ++k)
      cells[k] = v[2] == 1 ? static_cast<float>(v[3 + k]) : 0.0f;
  }
  return true;
}

// Normalised pupil position of truth eye `e` in its corner frame (the wire's convention).
void truthNorm(const gen::TruthRow& row, int e, double& nx, double& ny) {
  const auto k = static_cast<std::size_t>(e);
  const gen::Point2 c0 = row.face.cornerLeft[k], c1 = row.face.cornerRight[k],
                    iris = row.face.iris[k];
  const double dx = c1.x - c0.x, dy = c1.y - c0.y;
  const double w = std::hypot(dx, dy);
  const double ux = dx / w, uy = dy / w;
  const double px = iris.x - c0.x, py = iris.y - c0.y;
  nx = (px * ux + py * uy) / w;
  ny = (-px * uy + py * ux) / w;
}

double median(std::vector<double> v) {
  if (v.empty())
    return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// 1.4826 x the median absolute deviation: the standard deviation of a normal
// sample, robust to the few samples of a saccade or a half blink.
double robustSpread(const std::vector<double>& v) {
  const double m = median(v);
  std::vector<double> d;
  for (double x : v)
    d.push_back(std::abs(x - m));
  return 1.4826 * median(d);
}

// The --looks table: every run of samples whose frames show one target.
void printLooks(const std::vector<protocol::EyeSample>& samples, const std::vector<int>& frames,
                const std::vector<gen::TruthRow>& truth, const host::GazeModel& model,
                const host::CalibrationReport& report, double pxPerDeg, double cellW, double cellH,
                const std::vector<unsigned>& appearanceEyes) {
  constexpr double kSettleMs = 500;
  std::printf("look  kind  target(px)   samples  err h/v deg    scatter h/v deg%s\n",
              cellW > 0 ? "  inside cell" : "");
  std::vector<double> valScatterX, valScatterY;
  std::size_t i = 0;
  for (int look = 0; i < samples.size();) {
    const int f = frames[i];
    if (f < 0 || f >= static_cast<int>(truth.size()) ||
        !truth[static_cast<std::size_t>(f)].truth.targetShown) {
      ++i;
      continue;
    }
    const gen::FrameTruth& first = truth[static_cast<std::size_t>(f)].truth;
    const std::uint64_t t0 = samples[i].captureUs;
    std::vector<double> dx, dy;
    int inside = 0;
    for (; i < samples.size(); ++i) {
      const int g = frames[i];
      if (g < 0 || g >= static_cast<int>(truth.size()))
        break;
      const gen::FrameTruth& r = truth[static_cast<std::size_t>(g)].truth;
      if (!r.targetShown || r.targetX != first.targetX || r.targetY != first.targetY)
        break;
      if (static_cast<double>(samples[i].captureUs - t0) / 1000.0 < kSettleMs)
        continue;
      const host::GazeEstimate e = model.predict(samples[i], appearanceEyes[i]);
      if (!e.valid)
        continue;
      dx.push_back((e.x - first.targetX) / pxPerDeg);
      dy.push_back((e.y - first.targetY) / pxPerDeg);
      inside += std::abs(e.x - first.targetX) <= 0.5 * cellW &&
                        std::abs(e.y - first.targetY) <= 0.5 * cellH
                    ? 1
                    : 0;
    }
    const char* kind = "then";
    for (const host::CalibrationReportPoint& p : report.points)
      if (std::abs(p.targetX - first.targetX) < 1 && std::abs(p.targetY - first.targetY) < 1)
        kind = p.kind == host::ReportPointKind::kCalibration ? "cal" : "val";
    if (dx.empty())  // shown for less than the settling time
      continue;
    const double sx = robustSpread(dx), sy = robustSpread(dy);
    std::printf("%4d  %-4s  %5.0f %5.0f  %7zu  %+5.2f / %+5.2f   %5.2f / %5.2f", look++, kind,
                first.targetX, first.targetY, dx.size(), median(dx), median(dy), sx, sy);
    if (cellW > 0)
      std::printf("     %3.0f%%",
                  dx.empty() ? 0.0 : 100.0 * inside / static_cast<double>(dx.size()));
    std::printf("\n");
    if (std::string(kind) == "val" && dx.size() >= 5) {
      valScatterX.push_back(sx);
      valScatterY.push_back(sy);
    }
  }
  std::printf("validation looks: median scatter h / v %.2f / %.2f deg (%zu looks)\n",
              median(valScatterX), median(valScatterY), valScatterX.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::string wirePath, truthPath;
  host::CalibrationGeometry screen;
  screen.widthPx = 1280;
  screen.heightPx = 800;
  screen.widthMm = 344;
  screen.heightMm = 215;
  screen.distanceMm = 600;
  host::CalibrationParams params;
  params.fixedSchedule = true;
  params.fit.appearanceY = false;  // the device's default (calibration.appearance_y off)
  double frameMs = 1000.0 / 30.0;
  bool truthFeatures = false, truthCorners = false, truthRoll = false, looks = false;
  std::string appearancePath;
  bool appearanceCheck = true;
  int onlyEye = -1;
  double cellW = 0, cellH = 0;
  std::string tracePath;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool more = i + 1 < argc;
    if (a == "--wire" && more) {
      wirePath = argv[++i];
    } else if (a == "--truth" && more) {
      truthPath = argv[++i];
    } else if (a == "--screen" && i + 5 < argc) {
      screen.widthPx = std::atoi(argv[++i]);
      screen.heightPx = std::atoi(argv[++i]);
      screen.widthMm = std::atof(argv[++i]);
      screen.heightMm = std::atof(argv[++i]);
      screen.distanceMm = std::atof(argv[++i]);
    } else if (a == "--pattern" && more) {
      if (!host::patternKindFromCount(std::atoi(argv[++i]), params.pattern)) {
        std::fprintf(stderr, "drishti-calib-replay: --pattern must be 5, 9 or 13\n%s", kUsage);
        return 2;
      }
    } else if (a == "--margin" && more) {
      params.marginFraction = std::atof(argv[++i]);
    } else if (a == "--sphere-ratio" && more) {
      params.fit.sphereRatio = std::atof(argv[++i]);
    } else if (a == "--not-robust") {
      params.fit.robust = false;
    } else if (a == "--no-roll") {
      params.fit.rollTerm = false;
    } else if (a == "--appearance" && more) {
      appearancePath = argv[++i];
    } else if (a == "--appearance-y") {
      params.fit.appearanceY = true;
    } else if (a == "--no-appearance-check") {
      appearanceCheck = false;
    } else if (a == "--eye" && more) {
      onlyEye = std::atoi(argv[++i]);
      if (onlyEye != 0 && onlyEye != 1) {
        std::fprintf(stderr, "drishti-calib-replay: --eye must be 0 or 1\n%s", kUsage);
        return 2;
      }
    } else if (a == "--truth-roll") {
      truthRoll = true;
    } else if (a == "--no-head-terms") {
      params.fit.headTerms = false;
    } else if (a == "--head-penalty" && more) {
      params.fit.headPenalty = std::atof(argv[++i]);
    } else if (a == "--truth-features") {
      truthFeatures = true;
    } else if (a == "--truth-corners") {
      truthCorners = true;
    } else if (a == "--looks") {
      looks = true;
    } else if (a == "--cell" && i + 2 < argc) {
      cellW = std::atof(argv[++i]);
      cellH = std::atof(argv[++i]);
    } else if (a == "--trace" && more) {
      tracePath = argv[++i];
    } else if (a == "--frame-ms" && more) {
      frameMs = std::atof(argv[++i]);
    } else if (a == "--help") {
      std::printf("%s", kUsage);
      return 0;
    } else {
      std::fprintf(stderr, "drishti-calib-replay: unknown or incomplete option %s\n%s", a.c_str(),
                   kUsage);
      return 2;
    }
  }
  if (wirePath.empty()) {
    std::fprintf(stderr, "drishti-calib-replay: --wire is required\n%s", kUsage);
    return 2;
  }
  std::ifstream in(wirePath, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "drishti-calib-replay: %s: cannot read\n", wirePath.c_str());
    return 3;
  }
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                        std::istreambuf_iterator<char>());
  std::vector<protocol::EyeSample> samples;
  protocol::StreamDecoder decoder;
  int errors = 0;
  decoder.feed(bytes, [&](protocol::DecodeStatus s, const protocol::Message& m,
                          const protocol::DecodeError&) {
    if (s == protocol::DecodeStatus::kMessage) {
      if (const auto* e = std::get_if<protocol::EyeSample>(&m))
        samples.push_back(*e);
    } else {
      ++errors;
    }
  });
  if (samples.empty()) {
    std::fprintf(stderr, "drishti-calib-replay: %s: no eye samples (%d bad frames)\n",
                 wirePath.c_str(), errors);
    return 3;
  }
  std::vector<gen::TruthRow> truth;
  if (!truthPath.empty()) {
    std::ifstream t(truthPath);
    std::stringstream ss;
    ss << t.rdbuf();
    std::string error;
    auto rows = gen::readTruthCsv(ss.str(), truthPath, error);
    if (!rows) {
      std::fprintf(stderr, "drishti-calib-replay: %s\n", error.c_str());
      return 3;
    }
    truth = std::move(*rows);
  }

  const std::uint64_t t0 = samples.front().captureUs;
  const auto frameOf = [&](const protocol::EyeSample& s) {
    return static_cast<int>(std::lround(static_cast<double>(s.captureUs - t0) / 1000.0 / frameMs));
  };
  if (truthFeatures || truthCorners) {
    if (truth.empty()) {
      std::fprintf(stderr, "drishti-calib-replay: --truth-features/--truth-corners need --truth\n");
      return 2;
    }
    for (protocol::EyeSample& s : samples) {
      const int f = frameOf(s);
      if (f < 0 || f >= static_cast<int>(truth.size()))
        continue;
      for (int e = 0; e < 2; ++e) {
        double nx = 0, ny = 0;
        gen::TruthRow row = truth[static_cast<std::size_t>(f)];
        if (truthCorners) {
          row.face.iris[static_cast<std::size_t>(e)] = {s.eyes[static_cast<std::size_t>(e)].pupilX,
                                                        s.eyes[static_cast<std::size_t>(e)].pupilY};
        }
        truthNorm(row, e, nx, ny);
        s.eyes[static_cast<std::size_t>(e)].normX = static_cast<float>(nx);
        s.eyes[static_cast<std::size_t>(e)].normY = static_cast<float>(ny);
      }
    }
  }
  if (!appearancePath.empty()) {
    FrameCells cells;
    std::string error;
    if (!readAppearanceCsv(appearancePath, cells, error)) {
      std::fprintf(stderr, "drishti-calib-replay: %s\n", error.c_str());
      return 3;
    }
    for (protocol::EyeSample& s : samples) {
      const int f = frameOf(s);
      for (std::size_t e = 0; e < 2; ++e)
        s.eyes[e].appearance = f >= 0 && f < static_cast<int>(cells.size())
                                   ? cells[static_cast<std::size_t>(f)][e]
                                   : std::array<float, protocol::kAppearanceCells>{};
    }
  }
  if (onlyEye >= 0)
    for (protocol::EyeSample& s : samples)
      s.eyes[static_cast<std::size_t>(1 - onlyEye)].valid = false;
  if (truthRoll) {
    if (truth.empty()) {
      std::fprintf(stderr, "drishti-calib-replay: --truth-roll needs --truth\n");
      return 2;
    }
    for (protocol::EyeSample& s : samples) {
      const int f = frameOf(s);
      if (f >= 0 && f < static_cast<int>(truth.size()))
        s.head.rollDeg = static_cast<float>(truth[static_cast<std::size_t>(f)].truth.headRollDeg);
    }
  }
  // As CalibrationController does with --follow-sample-clock.
  host::CalibrationProcedure proc(screen, params);
  proc.start(t0);
  for (const protocol::EyeSample& s : samples) {
    if (proc.phase() != host::CalibrationPhase::kCalibrating &&
        proc.phase() != host::CalibrationPhase::kValidating)
      break;
    proc.addSample(s, s.captureUs);
    proc.update(s.captureUs);
  }
  if (!proc.result()) {
    std::fprintf(stderr, "drishti-calib-replay: the recording ended before the calibration did\n");
    return 1;
  }
  const host::CalibrationReport& report = proc.result()->report;
  // The gate's verdicts on every sample, by frame (a gate of its own, fed the
  // same stream, so restarts at new targets are not reproduced).
  std::vector<int> verdicts;
  {
    host::CalibrationSampleGate gate(params.gate);
    for (const protocol::EyeSample& s : samples)
      verdicts.push_back(static_cast<int>(gate.classify(s)));
  }
  std::printf("%zu eye samples (%d bad frames), first at %llu us\n", samples.size(), errors,
              static_cast<unsigned long long>(t0));
  std::printf(
      "kind idx  target(px)    estimate(px)   err deg  prec deg  samples refused "
      "mov/set/cl/ns/drop%s\n",
      truth.empty() ? "" : "  frames      saccade offtarget  pupil err (normX, normY) per eye");
  std::vector<double> val;
  for (const host::CalibrationReportPoint& p : report.points) {
    // The refusals by the procedure's own gate's verdict: moving / settling
    // (still, not yet long enough) / closed / not seen, and kept ones dropped.
    const host::PointRefusals& why = proc.collector().refusals(p.kind, p.index);
    std::printf("%-4s %3d %6.0f %5.0f  %6.0f %6.0f  %7.2f  %7.2f  %7d %7d %2d/%2d/%d/%d/%d",
                p.kind == host::ReportPointKind::kCalibration ? "cal" : "val", p.index, p.targetX,
                p.targetY, p.estimateX, p.estimateY, p.errorDeg, p.precisionDeg, p.samples,
                p.refused, why.moving, why.settling, why.closed, why.notSeen, why.dropped);
    if (p.kind == host::ReportPointKind::kValidation && p.measured)
      val.push_back(p.errorDeg);
    if (!truth.empty()) {
      const auto& kept = proc.collector().samples(p.kind, p.index);
      int first = 1 << 30, last = -1, saccade = 0, off = 0, n = 0;
      double err[4] = {0, 0, 0, 0};
      for (const protocol::EyeSample& s : kept) {
        const int f = frameOf(s);
        if (f < 0 || f >= static_cast<int>(truth.size()))
          continue;
        const gen::TruthRow& r = truth[static_cast<std::size_t>(f)];
        first = std::min(first, f);
        last = std::max(last, f);
        saccade += r.truth.saccade ? 1 : 0;
        off +=
            std::hypot(r.truth.gazeX - p.targetX, r.truth.gazeY - p.targetY) > screen.pxPerDegree()
                ? 1
                : 0;
        for (int e = 0; e < 2; ++e) {
          double nx = 0, ny = 0;
          truthNorm(r, e, nx, ny);
          err[2 * e] += s.eyes[static_cast<std::size_t>(e)].normX - nx;
          err[2 * e + 1] += s.eyes[static_cast<std::size_t>(e)].normY - ny;
        }
        ++n;
      }
      if (n > 0)
        std::printf("  %4d-%4d %7d %8d   %+.3f %+.3f  %+.3f %+.3f", first, last, saccade, off,
                    err[0] / n, err[1] / n, err[2] / n, err[3] / n);
      // What the tracker said while this target was on (by the truth's
      // target), whether or not the gate kept it: tracking, openness, confidence.
      int shown = 0, tracked = 0, verdict[5] = {0, 0, 0, 0, 0};
      double open[2] = {0, 0}, conf[2] = {0, 0};
      for (const protocol::EyeSample& s : samples) {
        const int f = frameOf(s);
        if (f < 0 || f >= static_cast<int>(truth.size()))
          continue;
        const gen::FrameTruth& r = truth[static_cast<std::size_t>(f)].truth;
        if (!r.targetShown || r.targetX != p.targetX || r.targetY != p.targetY || r.saccade)
          continue;
        ++shown;
        ++verdict[verdicts[static_cast<std::size_t>(&s - samples.data())] % 5];
        if (s.state != protocol::TrackingState::kTracking)
          continue;
        ++tracked;
        for (std::size_t e = 0; e < 2; ++e) {
          open[e] += s.eyes[e].openness;
          conf[e] += s.eyes[e].confidence;
        }
      }
      if (tracked > 0)
        std::printf(
            "  | tracked %d/%d open %.2f %.2f conf %.2f %.2f; gate steady %d settling %d moving %d "
            "closed %d unseen %d",
            tracked, shown, open[0] / tracked, open[1] / tracked, conf[0] / tracked,
            conf[1] / tracked, verdict[0], verdict[1], verdict[2], verdict[3], verdict[4]);
    }
    std::printf("\n");
  }
  // The host's appearance check (CalibratedGazeMapper) over the whole
  // recording in order: which eyes may blend their appearance at each sample.
  std::vector<unsigned> appearanceEyes(samples.size(), 3u);
  if (appearanceCheck && params.fit.appearanceY) {
    const host::GazeModel& model = proc.result()->model;
    host::AppearanceDriftMonitor monitor;
    std::array<int, 2> held{}, first{-1, -1};
    for (std::size_t i = 0; i < samples.size(); ++i) {
      for (int e = 0; e < 2; ++e)
        if (host::AppearanceCells outside;
            model.appearanceOutsideOf(samples[i], e, outside) && monitor.observe(e, outside)) {
          ++held[static_cast<std::size_t>(e)];
          if (first[static_cast<std::size_t>(e)] < 0)
            first[static_cast<std::size_t>(e)] = frameOf(samples[i]);
        }
      appearanceEyes[i] = monitor.appearanceEyes();
    }
    for (std::size_t e = 0; e < 2; ++e) {
      std::printf("appearance check: eye %zu span residual %.5f, held off %d of %zu samples", e,
                  model.eye(static_cast<int>(e)).appearanceY.spanResidual, held[e], samples.size());
      if (held[e] > 0)
        std::printf(", first at frame %d", first[e]);
      std::printf("\n");
    }
  }
  if (!tracePath.empty()) {
    std::FILE* trace = std::fopen(tracePath.c_str(), "w");
    if (trace == nullptr) {
      std::fprintf(stderr, "drishti-calib-replay: %s: cannot create\n", tracePath.c_str());
      return 1;
    }
    std::fprintf(trace, "frame,t_ms,x_px,y_px,valid,target_x,target_y,gaze_x,gaze_y,saccade\n");
    for (const protocol::EyeSample& s : samples) {
      const int f = frameOf(s);
      const host::GazeEstimate g = proc.result()->model.predict(
          s, appearanceEyes[static_cast<std::size_t>(&s - samples.data())]);
      std::fprintf(trace, "%d,%.1f,%.1f,%.1f,%d", f, static_cast<double>(s.captureUs - t0) / 1000.0,
                   g.x, g.y, g.valid ? 1 : 0);
      if (f >= 0 && f < static_cast<int>(truth.size())) {
        const gen::FrameTruth& r = truth[static_cast<std::size_t>(f)].truth;
        std::fprintf(trace, ",%.1f,%.1f,%.1f,%.1f,%d", r.targetX, r.targetY, r.gazeX, r.gazeY,
                     r.saccade ? 1 : 0);
      }
      std::fprintf(trace, "\n");
    }
    std::fclose(trace);
  }
  if (looks) {
    if (truth.empty()) {
      std::fprintf(stderr, "drishti-calib-replay: --looks needs --truth\n");
      return 2;
    }
    std::vector<int> frames;
    for (const protocol::EyeSample& s : samples)
      frames.push_back(frameOf(s));
    printLooks(samples, frames, truth, proc.result()->model, report, screen.pxPerDegree(), cellW,
               cellH, appearanceEyes);
  }
  std::printf("grade %s; validation median %.2f deg, p90 %.2f deg, max %.2f deg (%zu points)\n",
              host::gradeName(report.grade), host::percentile(val, 0.5), host::percentile(val, 0.9),
              val.empty() ? 0.0 : *std::max_element(val.begin(), val.end()), val.size());
  for (int e = 0; e < 2; ++e) {
    const host::GazeFitResult& f = proc.collector().eyeFit(e);
    std::printf("eye %d: %s lambda %.3g residual %.1f px, points", e,
                f.ok ? "fitted" : "not fitted", f.model.lambda, f.model.residualPx);
    for (const host::GazeFitPoint& p : f.points)
      std::printf(" %d:%.0f/%.0f%s", p.point, p.errorPx, p.heldOutErrorPx,
                  p.weight <= 0 ? "(out)" : "");
    const host::GazeAppearanceY& ay = f.model.appearanceY;
    std::printf(
        "; y %.0f%% from the appearance (held-out y: pupil %.1f px, appearance %.1f px%s)\n",
        100 * host::appearanceYWeight(ay), ay.heldOutPupilPx, ay.heldOutAppearancePx,
        ay.heldOutAppearancePx > 0 ? "" : " = not fitted");
  }
  for (const host::CalibrationAdvice& a : report.advice)
    std::printf("advice: %s\n", a.text.c_str());
  return 0;
}
