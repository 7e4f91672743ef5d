#include "tests/generator/gaze_scene.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::gen {

namespace {

constexpr double kPi = std::numbers::pi;

// Lid closure of a blink `ms` after it started: 70 ms closing, `closedMs`
// closed (80 ms for a spontaneous blink), 150 ms opening (eased).
double blinkClosure(double ms, double closedMs = 80) {
  if (ms < 0)
    return 0;
  if (ms < 70)
    return 0.5 - 0.5 * std::cos(kPi * ms / 70);
  if (ms < 70 + closedMs)
    return 1;
  if (ms < 220 + closedMs)
    return 0.5 + 0.5 * std::cos(kPi * (ms - 70 - closedMs) / 150);
  return 0;
}

}  // namespace

GazeScene::GazeScene(const SceneParams& params)
    : params_(params),
      rng_(params.seed),
      fixX_(0.5 * params.screen.widthPx),
      fixY_(0.5 * params.screen.heightPx) {
  std::uniform_real_distribution<double> phase(0, 2 * kPi);
  for (double& p : swayPhase_)
    p = phase(rng_);
  std::mt19937_64 rollRng(params.seed ^ 0x726f6c6cULL);
  for (double& p : rollPhase_)
    p = phase(rollRng);
  if (params_.blinkIntervalMs > 0)
    nextBlinkMs_ = std::exponential_distribution<double>(1.0 / params_.blinkIntervalMs)(rng_);
}

double GazeScene::degBetween(double ax, double ay, double bx, double by) const {
  return params_.screen.angleDeg(ax, ay, bx, by);
}

void GazeScene::moveHead(double dxMm, double dyMm, double dzMm) {
  headStepX_ += dxMm;
  headStepY_ += dyMm;
  headStepZ_ += dzMm;
}

void GazeScene::startSaccade(double toX, double toY) {
  const double curX = fixX_, curY = fixY_;
  const double amp = degBetween(curX, curY, toX, toY);
  inSaccade_ = true;
  sacFromX_ = curX;
  sacFromY_ = curY;
  // Primary saccades undershoot a little; the corrective one lands on target.
  const double reach = corrective_ ? 1.0 : 1.0 - params_.undershoot;
  sacToX_ = curX + reach * (toX - curX);
  sacToY_ = curY + reach * (toY - curY);
  sacStartMs_ = truth_.tMs;
  sacDurMs_ = 21 + 2.2 * amp;
}

void GazeScene::eyeFor(int eye, double gazeX, double gazeY, EyeTruth& out) const {
  const host::CalibrationGeometry& s = params_.screen;
  const double gx = (gazeX - 0.5 * s.widthPx) / s.pxPerMmX();
  const double gy = (gazeY - 0.5 * s.heightPx) / s.pxPerMmY();
  // The roll turns the eyes about the point between them, in image axes
  // (x right, y down): the image-left eye (person's right) sits at -iod/2.
  const double roll = truth_.headRollDeg * kPi / 180;
  const double c = std::cos(roll), sn = std::sin(roll);
  const double ox = (eye == 0 ? -0.5 : 0.5) * params_.interocularMm;
  // Head in world coordinates (camera x is world -X).
  const double hx = -truth_.headXMm, hy = truth_.headYMm, hz = s.distanceMm + truth_.headZMm;
  const double ex = hx - c * ox, ey = hy + sn * ox, ez = hz;
  auto unit = [](double x, double y, double z, double out3[3]) {
    const double n = std::sqrt(x * x + y * y + z * z);
    out3[0] = x / n;
    out3[1] = y / n;
    out3[2] = z / n;
  };
  double d[3], d0[3];
  unit(gx - ex, gy - ey, -ez, d);
  // Rest direction: toward the camera from where the eye was in the photo
  // (head at rest); it turns with the head.
  unit(params_.cameraXMm + ox, params_.cameraYMm, -s.distanceMm, d0);
  // Seen from the camera (image axes) the iris sits eyeballRadius * d from
  // the eyeball's centre; the photo's iris, rolled with the head, at
  // eyeballRadius * R(roll) d0. In the head's frame: R(-roll) d - d0.
  const double ix = -d[0], iy = d[1];
  out.irisDxMm = params_.eyeballRadiusMm * ((c * ix + sn * iy) - (-d0[0]));
  out.irisDyMm = params_.eyeballRadiusMm * ((-sn * ix + c * iy) - d0[1]);
  out.rightDeg = std::atan2(d[0], -d[2]) * 180 / kPi;
  out.downDeg = std::asin(std::clamp(d[1], -1.0, 1.0)) * 180 / kPi;
}

const FrameTruth& GazeScene::step(bool targetShown, double targetX, double targetY) {
  ++frame_;
  const double dtMs = 1000.0 / params_.fps;
  truth_.frame = frame_;
  truth_.tMs = frame_ * dtMs;
  truth_.targetShown = targetShown;
  truth_.targetX = targetX;
  truth_.targetY = targetY;
  const double t = truth_.tMs;

  // Head: slow sway of incommensurate periods, plus any steps.
  const double a = params_.headSwayMm;
  truth_.headXMm = headStepX_ + a * std::sin(2 * kPi * t / 7300 + swayPhase_[0]) +
                   0.5 * a * std::sin(2 * kPi * t / 2900 + swayPhase_[1]);
  truth_.headYMm = headStepY_ + a * std::sin(2 * kPi * t / 8100 + swayPhase_[2]) +
                   0.5 * a * std::sin(2 * kPi * t / 3700 + swayPhase_[3]);
  truth_.headZMm = headStepZ_ + 2 * a * std::sin(2 * kPi * t / 11000 + swayPhase_[4]);
  const double r = params_.headRollDeg;
  truth_.headRollDeg = headStepRoll_ + r * std::sin(2 * kPi * t / 6700 + rollPhase_[0]) +
                       0.5 * r * std::sin(2 * kPi * t / 2300 + rollPhase_[1]);

  // Saccade planning: look at a target that is more than a degree away.
  if (targetShown && !inSaccade_ && pendingSaccadeMs_ < 0 &&
      degBetween(fixX_, fixY_, targetX, targetY) > 1.0) {
    std::uniform_real_distribution<double> spread(-40, 40);
    pendingSaccadeMs_ = t + (corrective_ ? 130 : params_.reactionMs) + spread(rng_);
  }
  if (!inSaccade_ && pendingSaccadeMs_ >= 0 && t >= pendingSaccadeMs_) {
    pendingSaccadeMs_ = -1;
    if (targetShown && degBetween(fixX_, fixY_, targetX, targetY) > 0.5)
      startSaccade(targetX, targetY);
    corrective_ = false;
  }
  truth_.saccade = false;
  if (inSaccade_) {
    const double p = std::clamp((t - sacStartMs_) / sacDurMs_, 0.0, 1.0);
    const double s = 0.5 - 0.5 * std::cos(kPi * p);  // smooth velocity profile
    fixX_ = sacFromX_ + s * (sacToX_ - sacFromX_);
    fixY_ = sacFromY_ + s * (sacToY_ - sacFromY_);
    truth_.saccade = p < 1.0;
    if (p >= 1.0) {
      inSaccade_ = false;
      // A primary saccade that fell short is followed by a corrective one.
      if (targetShown && degBetween(fixX_, fixY_, targetX, targetY) > 0.5) {
        corrective_ = true;
        pendingSaccadeMs_ = -1;
      }
    }
  }

  // Fixational drift: Ornstein-Uhlenbeck with stationary RMS per axis of
  // fixationJitterDeg / sqrt(2).
  const double sigmaPx = params_.fixationJitterDeg / std::sqrt(2.0) * params_.screen.pxPerDegree();
  const double k = std::exp(-dtMs / std::max(params_.jitterTimeMs, 1.0));
  std::normal_distribution<double> n(0, 1);
  jitX_ = k * jitX_ + sigmaPx * std::sqrt(1 - k * k) * n(rng_);
  jitY_ = k * jitY_ + sigmaPx * std::sqrt(1 - k * k) * n(rng_);
  truth_.gazeX = fixX_ + (truth_.saccade ? 0 : jitX_);
  truth_.gazeY = fixY_ + (truth_.saccade ? 0 : jitY_);

  // Blinks.
  if (nextBlinkMs_ >= 0 && t >= nextBlinkMs_) {
    blinkStartMs_ = nextBlinkMs_;
    nextBlinkMs_ =
        params_.blinkIntervalMs > 0
            ? t + 300 + std::exponential_distribution<double>(1.0 / params_.blinkIntervalMs)(rng_)
            : -1;
  }
  double closure = blinkClosure(t - blinkStartMs_);
  for (const auto& [startMs, closedMs] : closures_)
    closure = std::max(closure, blinkClosure(t - startMs, closedMs));
  for (int e = 0; e < 2; ++e) {
    EyeTruth& eye = truth_.eyes[static_cast<std::size_t>(e)];
    eyeFor(e, truth_.gazeX, truth_.gazeY, eye);
    eye.closure = closure;
  }
  return truth_;
}

}  // namespace drishti::gen
