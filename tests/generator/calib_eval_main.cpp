// drishti-calib-eval: calibration accuracy on generated truth, by tracker noise.
//
// Runs the real CalibrationProcedure on a GazeScene person seen through a
// TrackerSimulator (no rendering, no tracker), over many sessions per noise
// level, and prints the validation error (median, 90th percentile, pooled
// over every validation point of every session) as a Markdown table.
// The face geometry comes from a photo's landmarks with --photo (needs the
// OpenCV/dlib build of the generator) or from canonicalFace().
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "host/core/calibration_report.h"
#include "tests/generator/calibration_harness.h"
#include "tests/generator/eval_options.h"

using namespace drishti;

namespace {

struct Row {
  const char* label;
  double pupil, corner, bias, headMm, headDeg;
  bool headTerms;
  int pattern;                      // 0: the --pattern option
  double stepXMm = 0, stepYMm = 0;  // head moves this much before validation
};

}  // namespace

int main(int argc, char** argv) {
  gen::EvalOptions opt;
  std::string error;
  if (!gen::parseEvalOptions(argc, argv, opt, error)) {
    std::fprintf(stderr, "drishti-calib-eval: %s\n%s", error.c_str(), gen::evalUsage());
    return error.empty() ? 0 : 2;
  }
  gen::FaceGeometry face;
  if (!gen::loadEvalFace(opt, face, error)) {
    std::fprintf(stderr, "drishti-calib-eval: %s\n", error.c_str());
    return 1;
  }
  const double iod = std::hypot(face.eyes[1].iris.x - face.eyes[0].iris.x,
                                face.eyes[1].iris.y - face.eyes[0].iris.y);
  std::printf(
      "face: %s, %dx%d, interocular %.1f px; screen %dx%d px, %.0fx%.0f mm at %.0f mm "
      "(%.1f px/deg); pattern %d; %d sessions per row\n\n",
      opt.photo.empty() ? "canonical" : opt.photo.c_str(), face.imageWidth, face.imageHeight, iod,
      opt.screen.widthPx, opt.screen.heightPx, opt.screen.widthMm, opt.screen.heightMm,
      opt.screen.distanceMm, opt.screen.pxPerDegree(), opt.pattern, opt.sessions);
  std::vector<Row> rows = {
      {"no tracker noise", 0, 0, 0, 0, 0, true, 0},
      {"pupil 0.005 IOD", 0.005, 0.0025, 0.01, 0.5, 0.25, true, 0},
      {"pupil 0.01 IOD (assumed realistic)", 0.01, 0.005, 0.01, 1, 0.5, true, 0},
      {"pupil 0.015 IOD", 0.015, 0.0075, 0.01, 1, 0.5, true, 0},
      {"pupil 0.02 IOD", 0.02, 0.01, 0.01, 1, 0.5, true, 0},
      {"pupil 0.03 IOD", 0.03, 0.015, 0.01, 1, 0.5, true, 0},
      {"pupil 0.05 IOD", 0.05, 0.025, 0.01, 1, 0.5, true, 0},
      {"0.01 IOD, 5-point pattern", 0.01, 0.005, 0.01, 1, 0.5, true, 5},
      {"0.01 IOD, 13-point pattern", 0.01, 0.005, 0.01, 1, 0.5, true, 13},
      {"0.01 IOD, head pose noise 3 mm / 2 deg", 0.01, 0.005, 0.01, 3, 2, true, 0},
      {"0.01 IOD, head terms off", 0.01, 0.005, 0.01, 1, 0.5, false, 0},
      {"0.01 IOD, head moves 20 mm right, 10 mm down after calibration", 0.01, 0.005, 0.01, 1, 0.5,
       true, 0, 20, 10},
      {"same, head terms off", 0.01, 0.005, 0.01, 1, 0.5, false, 0, 20, 10},
  };
  if (opt.quick)
    rows = {rows[2]};
  std::printf(
      "| tracker noise (1 sigma per axis) | pupil px | median deg | p90 deg | max deg "
      "| good grade | mean session s |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (const Row& r : rows) {
    std::vector<double> errors;
    int good = 0;
    double seconds = 0;
    for (int k = 0; k < opt.sessions; ++k) {
      gen::HarnessParams hp;
      hp.scene.screen = opt.screen;
      hp.scene.seed = static_cast<std::uint64_t>(1000 + k);
      hp.noise.pupilSigmaIod = r.pupil;
      hp.noise.cornerSigmaIod = r.corner;
      hp.noise.pupilBiasIod = r.bias;
      hp.noise.headSigmaMm = r.headMm;
      hp.noise.headSigmaDeg = r.headDeg;
      hp.noise.seed = static_cast<std::uint64_t>(77 + k);
      hp.calibration.fit.headTerms = r.headTerms;
      hp.calibration.fixedSchedule = opt.fixedSchedule;
      hp.headStepMm[0] = r.stepXMm;
      hp.headStepMm[1] = r.stepYMm;
      host::patternKindFromCount(r.pattern ? r.pattern : opt.pattern, hp.calibration.pattern);
      const gen::HarnessResult res = gen::runCalibrationHarness(face, hp);
      errors.insert(errors.end(), res.validationDeg.begin(), res.validationDeg.end());
      good += res.report.grade == host::CalibrationGrade::kGood ? 1 : 0;
      seconds += res.sessionMs / 1000.0;
    }
    std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %d/%d | %.1f |\n", r.label, r.pupil * iod,
                host::percentile(errors, 0.5), host::percentile(errors, 0.9),
                errors.empty() ? 0.0 : *std::max_element(errors.begin(), errors.end()), good,
                opt.sessions, seconds / opt.sessions);
    std::fflush(stdout);
  }
  return 0;
}
