// GazeScene: a virtual person looking at a screen, frame by frame, with truth.
//
// The geometric model (documented in tests/generator/README.md):
// - World in mm: X right along the screen as the person sees it, Y down, Z
//   from the screen toward the person; the screen centre is the origin. The
//   camera sits at cameraMm on the screen plane (default: centred, just above
//   the screen) looking straight at the person, so its image x axis is -X
//   (the person's right eye appears on the image left) and its y axis is Y.
// - The head rests distanceMm in front of the screen centre; the eyeballs
//   (radius eyeballRadiusMm) are interocularMm apart. Each eye rotates to point
//   at the gaze point (the eyes converge on it). The iris centre lies on the
//   eyeball surface, so seen from the camera (orthographic projection at this
//   distance) it moves by eyeballRadiusMm * (d - d0) in the image plane, where
//   d is the eye's unit gaze direction and d0 the direction toward the camera
//   (the still photo is assumed to show the person looking at the camera).
// - Head motion: a slow sway (sum of sinusoids, headSwayMm) plus optional
//   steps, as a translation in camera coordinates (protocol conventions: x
//   image right, y down, z away from the camera). The face image moves with it.
// - Head roll (in-plane only): a slow sway of headRollDeg amplitude (sum of
//   sinusoids, like the translation's), the whole face rotated in the image
//   about the point between the eyes; + = clockwise in the image (the
//   image-right eye goes down). The eyeballs move with the head and still
//   point at the gaze point, so seen in the head's own frame the iris offset
//   is the camera-frame offset turned back by the roll (the rest direction
//   turns with the head). Yaw and pitch of the head are not modelled.
// - The person: a saccade toward a target that moved more than 1 degree away,
//   after a reaction time, lasting 21 ms + 2.2 ms per degree (the main
//   sequence), landing with a small undershoot that a corrective saccade
//   fixes; while fixating, the eye wanders around the fixation point as an
//   Ornstein-Uhlenbeck process (fixational drift, RMS fixationJitterDeg);
//   blinks arrive at random (mean interval blinkIntervalMs) and close the lids
//   over 70 ms, hold 80 ms and reopen over 150 ms; scripted long closures
//   (closeEyesAt) hold as long as asked.
// Deterministic for a given seed. Pure std; not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "host/core/calibration_geometry.h"

namespace drishti::gen {

struct SceneParams {
  host::CalibrationGeometry screen;  // screen size, resolution, viewing distance
  double eyeballRadiusMm = 12;
  double irisRadiusMm = 6;
  double interocularMm = 63;
  double cameraXMm = 0;     // camera position on the screen plane, mm
  double cameraYMm = -165;  // (default just above a 296 mm tall screen)
  double fps = 30;
  double reactionMs = 220;         // saccade latency (mean; +-40 ms uniform)
  double undershoot = 0.08;        // fraction of a saccade left to a corrective one
  double fixationJitterDeg = 0.1;  // RMS fixational drift around the fixation point
  double jitterTimeMs = 250;       // its time constant
  double blinkIntervalMs = 4000;   // mean time between blinks; 0 = no blinks
  double headSwayMm = 2;           // amplitude of the slow head sway
  double headRollDeg = 0;          // amplitude of the slow in-plane head roll (0: none)
  std::uint64_t seed = 1;
};

struct EyeTruth {
  // Iris centre from its photo (rest) position, mm, in the head's frame (the
  // photo's axes; the image's when the head does not roll).
  double irisDxMm = 0, irisDyMm = 0;
  double closure = 0;                // 0 open .. 1 lids closed
  double rightDeg = 0, downDeg = 0;  // eye rotation from looking straight ahead, deg
};

struct FrameTruth {
  int frame = 0;
  double tMs = 0;
  bool targetShown = false;
  double targetX = 0, targetY = 0;               // screen px
  double gazeX = 0, gazeY = 0;                   // where the eyes actually point, screen px
  bool saccade = false;                          // the eyes are in a saccade in this frame
  std::array<EyeTruth, 2> eyes{};                // [0] image-left eye (person's right)
  double headXMm = 0, headYMm = 0, headZMm = 0;  // camera coordinates (x image right, y down)
  double headRollDeg = 0;                        // in-plane roll, + = clockwise in the image
};

class GazeScene {
 public:
  explicit GazeScene(const SceneParams& params);

  // Advances to the next frame with the target (screen px) shown now, or none;
  // returns the truth for that frame. Frames are 1/fps apart, starting at 0.
  const FrameTruth& step(bool targetShown, double targetX, double targetY);
  const FrameTruth& last() const { return truth_; }
  const SceneParams& params() const { return params_; }

  // Adds a sudden head displacement (camera coordinates, mm) from now on.
  void moveHead(double dxMm, double dyMm, double dzMm);
  // Adds a sudden in-plane head roll (degrees, + = clockwise in the image) from now on.
  void rollHead(double dDeg) { headStepRoll_ += dDeg; }
  // Makes the next blink start at tMs (instead of the next random one).
  void blinkAt(double tMs) { nextBlinkMs_ = tMs; }
  // A deliberate closure from tMs: the lids close (70 ms), stay shut for
  // closedMs and reopen (150 ms); the eyes keep following the script.
  void closeEyesAt(double tMs, double closedMs) { closures_.emplace_back(tMs, closedMs); }

  // Iris displacement (image axes, mm) and rotation of one eye for a gaze point.
  void eyeFor(int eye, double gazeX, double gazeY, EyeTruth& out) const;

 private:
  void startSaccade(double toX, double toY);
  double degBetween(double ax, double ay, double bx, double by) const;

  SceneParams params_;
  std::mt19937_64 rng_;
  FrameTruth truth_;
  int frame_ = -1;
  // Gaze dynamics, screen px.
  double fixX_, fixY_;          // current fixation point
  double jitX_ = 0, jitY_ = 0;  // fixational drift, px
  bool inSaccade_ = false;
  double sacFromX_ = 0, sacFromY_ = 0, sacToX_ = 0, sacToY_ = 0;
  double sacStartMs_ = 0, sacDurMs_ = 0;
  double pendingSaccadeMs_ = -1;  // when a scheduled saccade starts
  bool corrective_ = false;
  // Blinks and head.
  double nextBlinkMs_ = -1, blinkStartMs_ = -1e9;
  std::vector<std::pair<double, double>> closures_;  // scripted: start, closed ms
  double headStepX_ = 0, headStepY_ = 0, headStepZ_ = 0, headStepRoll_ = 0;
  std::array<double, 6> swayPhase_{};
  std::array<double, 2> rollPhase_{};  // from their own generator: roll 0 leaves videos as before
};

}  // namespace drishti::gen
