#include "tests/generator/tracker_simulator.h"

#include <algorithm>
#include <cmath>

namespace drishti::gen {

TrackerSimulator::TrackerSimulator(const FaceGeometry& face, const SceneParams& scene,
                                   const TrackerNoise& noise)
    : face_(face), scene_(scene), noise_(noise), rng_(noise.seed) {
  std::normal_distribution<double> n(0, 1);
  const double iod = std::hypot(face.eyes[1].iris.x - face.eyes[0].iris.x,
                                face.eyes[1].iris.y - face.eyes[0].iris.y);
  for (Point2& b : bias_)
    b = {noise.pupilBiasIod * iod * n(rng_), noise.pupilBiasIod * iod * n(rng_)};
}

void TrackerSimulator::normalised(const FaceInFrame& f, int e, double& normX, double& normY) {
  const std::size_t i = static_cast<std::size_t>(e);
  const double ax = f.cornerRight[i].x - f.cornerLeft[i].x;
  const double ay = f.cornerRight[i].y - f.cornerLeft[i].y;
  const double vx = f.iris[i].x - f.cornerLeft[i].x, vy = f.iris[i].y - f.cornerLeft[i].y;
  const double len2 = ax * ax + ay * ay;
  normX = (vx * ax + vy * ay) / len2;
  normY = (vx * -ay + vy * ax) / len2;  // perpendicular (-ay, ax) points down for a rightward axis
}

protocol::EyeSample TrackerSimulator::sample(const FrameTruth& truth) {
  FaceInFrame f = placeFace(face_, truth, scene_.screen.distanceMm);
  const double iod = f.interocularPx;
  std::normal_distribution<double> n(0, 1);
  protocol::EyeSample s;
  s.seq = seq_++;
  s.captureUs = static_cast<std::uint64_t>(std::llround(truth.tMs * 1000.0));
  s.sendUs = s.captureUs + 5000;
  s.imageWidth = static_cast<std::uint16_t>(face_.imageWidth);
  s.imageHeight = static_cast<std::uint16_t>(face_.imageHeight);
  s.state = protocol::TrackingState::kTracking;
  for (std::size_t e = 0; e < 2; ++e) {
    const double closure = truth.eyes[e].closure;
    // The tracker's view: noisy corners, noisy (and biased) pupil.
    const double cs = noise_.cornerSigmaIod * iod;
    f.cornerLeft[e].x += cs * n(rng_);
    f.cornerLeft[e].y += cs * n(rng_);
    f.cornerRight[e].x += cs * n(rng_);
    f.cornerRight[e].y += cs * n(rng_);
    const double ps = noise_.pupilSigmaIod * iod * (1.0 + 2.0 * closure);
    f.iris[e].x += bias_[e].x + ps * n(rng_);
    f.iris[e].y += bias_[e].y + ps * n(rng_) + noise_.lidPullIod * iod * closure;
    double nx, ny;
    normalised(f, static_cast<int>(e), nx, ny);
    protocol::EyeMeasurement& m = s.eyes[e];
    m.valid = closure < 0.95;
    m.pupilX = static_cast<float>(f.iris[e].x);
    m.pupilY = static_cast<float>(f.iris[e].y);
    m.normX = static_cast<float>(nx);
    m.normY = static_cast<float>(ny);
    m.openness = static_cast<float>(std::clamp(1.0 - closure, 0.0, 1.0));
    m.confidence = static_cast<float>(std::clamp(0.9 * (1.0 - closure), 0.0, 1.0));
  }
  s.head.valid = true;
  s.head.xMm = static_cast<float>(truth.headXMm + noise_.headSigmaMm * n(rng_));
  s.head.yMm = static_cast<float>(truth.headYMm + noise_.headSigmaMm * n(rng_));
  s.head.zMm = static_cast<float>(truth.headZMm + noise_.headSigmaMm * n(rng_));
  s.head.yawDeg = static_cast<float>(noise_.headSigmaDeg * n(rng_));
  s.head.pitchDeg = static_cast<float>(noise_.headSigmaDeg * n(rng_));
  s.head.rollDeg = static_cast<float>(noise_.headSigmaDeg * n(rng_));
  s.head.confidence = 0.9f;
  const double w = 2.2 * iod;
  s.face = {static_cast<float>(0.5 * (f.iris[0].x + f.iris[1].x) - 0.5 * w),
            static_cast<float>(0.5 * (f.iris[0].y + f.iris[1].y) - 0.35 * w), static_cast<float>(w),
            static_cast<float>(w), 0.9f};
  return s;
}

}  // namespace drishti::gen
