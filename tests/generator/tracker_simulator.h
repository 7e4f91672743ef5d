// TrackerSimulator: what the tracking core would report for a generated frame.
//
// Turns the generator's truth (iris centres and eye corners in the frame,
// lid closure, head position) into the protocol::EyeSample the tracker sends,
// with tracker-like errors, without rendering or tracking anything: this
// measures the calibration fit on its own. normX/normY follow the protocol
// (pupil along the corner axis from the image-left corner, and across it,
// positive down, in corner distances). Noise, 1 sigma per axis, as fractions
// of the interocular distance (IOD) so it scales with face size:
// - pupilSigmaIod: white per-frame pupil localisation error;
// - cornerSigmaIod: white per-frame landmark jitter of each eye corner;
// - pupilBiasIod: a constant per-eye, per-session offset (lighting, lids);
//   a calibration absorbs it, which is why it is kept apart;
// - head pose noise in mm and degrees.
// While the lids close, the reported pupil is pulled down toward the lower
// lid (lidPullIod * closure) and confidence drops, as a pupil finder on a
// half-covered iris does; openness is 1 - closure. Deterministic per seed.
#pragma once

#include <random>

#include "firmware/protocol/messages.h"
#include "tests/generator/face_geometry.h"
#include "tests/generator/gaze_scene.h"

namespace drishti::gen {

struct TrackerNoise {
  double pupilSigmaIod = 0.01;
  double cornerSigmaIod = 0.005;
  double pupilBiasIod = 0.0;
  double lidPullIod = 0.03;
  double headSigmaMm = 1.0;
  double headSigmaDeg = 0.5;
  std::uint64_t seed = 7;
};

class TrackerSimulator {
 public:
  TrackerSimulator(const FaceGeometry& face, const SceneParams& scene, const TrackerNoise& noise);

  protocol::EyeSample sample(const FrameTruth& truth);
  // The exact (noise-free) normalised pupil position of eye `e` in a frame.
  static void normalised(const FaceInFrame& f, int e, double& normX, double& normY);

 private:
  FaceGeometry face_;
  SceneParams scene_;
  TrackerNoise noise_;
  std::mt19937_64 rng_;
  std::array<Point2, 2> bias_{};
  std::uint32_t seq_ = 0;
};

}  // namespace drishti::gen
