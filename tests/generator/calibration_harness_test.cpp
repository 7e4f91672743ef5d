#include "tests/generator/calibration_harness.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace drishti;
using namespace drishti::gen;

namespace {

struct Pooled {
  std::vector<double> errors;
  int sessions = 0, done = 0;
  double quantile(double q) const {
    std::vector<double> v = errors;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  }
};

Pooled run(const TrackerNoise& noise, int sessions) {
  Pooled p;
  const FaceGeometry face = canonicalFace();
  for (int k = 0; k < sessions; ++k) {
    HarnessParams hp;
    hp.scene.seed = static_cast<std::uint64_t>(500 + k);
    hp.noise = noise;
    hp.noise.seed = static_cast<std::uint64_t>(900 + k);
    const HarnessResult r = runCalibrationHarness(face, hp);
    ++p.sessions;
    p.done += r.finished && r.ok ? 1 : 0;
    p.errors.insert(p.errors.end(), r.validationDeg.begin(), r.validationDeg.end());
  }
  return p;
}

}  // namespace

TEST_CASE("on noise-free generated truth the calibration is almost exact") {
  TrackerNoise none;
  none.pupilSigmaIod = none.cornerSigmaIod = none.lidPullIod = 0;
  none.headSigmaMm = none.headSigmaDeg = 0;
  const Pooled p = run(none, 3);
  CHECK(p.done == 3);
  REQUIRE(p.errors.size() == 15);
  INFO("median " << p.quantile(0.5) << " p90 " << p.quantile(0.9));
  CHECK(p.quantile(0.5) < 0.3);
  CHECK(p.quantile(0.9) < 0.6);
}

TEST_CASE("with realistic tracker noise the validation error meets the target") {
  // The assumed per-frame noise of a tracked video (docs/BENCHMARKS.md):
  // pupil 0.01 of the eye distance, corners 0.005, a per-session bias of
  // 0.01, head 1 mm / 0.5 degrees, with blinks and head sway.
  TrackerNoise noise;
  noise.pupilSigmaIod = 0.01;
  noise.cornerSigmaIod = 0.005;
  noise.pupilBiasIod = 0.01;
  const Pooled p = run(noise, 8);
  CHECK(p.done == 8);
  INFO("median " << p.quantile(0.5) << " p90 " << p.quantile(0.9) << " over " << p.errors.size()
                 << " points");
  CHECK(p.quantile(0.5) <= 1.0);
  CHECK(p.quantile(0.9) <= 2.0);
}

TEST_CASE("much noisier tracking is measurably worse") {
  TrackerNoise noise;
  noise.pupilSigmaIod = 0.05;
  noise.cornerSigmaIod = 0.025;
  const Pooled p = run(noise, 4);
  INFO("median " << p.quantile(0.5));
  CHECK(p.quantile(0.5) > 1.0);
}
