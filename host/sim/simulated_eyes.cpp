#include "host/sim/simulated_eyes.h"

#include <algorithm>
#include <cmath>

namespace drishti::sim {

SimulatedEyes::SimulatedEyes(const UserParams& user, const TrackerErrorParams& tracker,
                             const host::CalibrationGeometry& screen, std::uint64_t seed,
                             EyeListener& listener, std::int64_t startUs)
    : user_(user),
      tracker_(tracker),
      screen_(screen),
      pxPerDeg_(screen.pxPerDegree()),
      rng_(seed),
      listener_(listener),
      nowUs_(startUs),
      frameUs_(static_cast<std::int64_t>(std::llround(1e6 / std::max(1.0, tracker.fps)))),
      eyeX_(0.5 * screen.widthPx),
      eyeY_(0.5 * screen.heightPx),
      aimX_(eyeX_),
      aimY_(eyeY_) {
  const double share = std::clamp(tracker.fieldShare, 0.0, 1.0);
  const double fieldSd = tracker.noiseDeg * std::sqrt(share) * pxPerDeg_;
  jitterPx_ = tracker.noiseDeg * std::sqrt(1.0 - share) * pxPerDeg_;
  // A constant offset plus a tilt across the screen (how a calibration is
  // typically wrong), scaled so its RMS over the screen is fieldSd per axis.
  std::normal_distribution<double> n(0, 1);
  for (double& f : field_)
    f = n(rng_);
  double sum = 0;
  int count = 0;
  for (int gy = 0; gy <= 10; ++gy)
    for (int gx = 0; gx <= 10; ++gx, ++count) {
      double ex = 0, ey = 0;
      fieldError(gx * screen.widthPx / 10.0, gy * screen.heightPx / 10.0, ex, ey);
      sum += ex * ex + ey * ey;
    }
  const double rms = std::sqrt(sum / (2.0 * count));
  for (double& f : field_)
    f *= rms > 0 ? fieldSd / rms : 0.0;
}

void SimulatedEyes::fieldError(double x, double y, double& ex, double& ey) const {
  const double u = x / screen_.widthPx - 0.5, v = y / screen_.heightPx - 0.5;
  ex = field_[0] + field_[1] * u + field_[2] * v;
  ey = field_[3] + field_[4] * u + field_[5] * v;
}

double SimulatedEyes::logNormal(double median, double sdLog) {
  std::normal_distribution<double> n(0, 1);
  return median * std::exp(sdLog * n(rng_));
}

double SimulatedEyes::normal(double mean, double sd) {
  std::normal_distribution<double> n(mean, sd);
  return n(rng_);
}

bool SimulatedEyes::chance(double p) {
  std::uniform_real_distribution<double> u(0, 1);
  return u(rng_) < p;
}

double SimulatedEyes::blinkRate() const {
  switch (task_) {
    case EyeTask::kRest:
      return user_.blinkRatePerMin;
    case EyeTask::kReading:
      return user_.readingBlinkRatePerMin;
    case EyeTask::kSpelling:
      return user_.taskBlinkRatePerMin;
  }
  return user_.blinkRatePerMin;
}

void SimulatedEyes::frame(double x, double y, bool canBlinkSpontaneously) {
  if (canBlinkSpontaneously && chance(blinkRate() / 60.0 * (frameUs_ / 1e6))) {
    closedFrames(logNormal(user_.spontaneousBlinkMs, user_.spontaneousBlinkSdLog));
    return;
  }
  nowUs_ += frameUs_;
  double ex = 0, ey = 0;
  fieldError(x, y, ex, ey);
  listener_.onFrame(nowUs_, true, x + ex + normal(0, jitterPx_), y + ey + normal(0, jitterPx_));
}

void SimulatedEyes::closedFrames(double durationMs) {
  const std::int64_t start = nowUs_;
  const std::int64_t end = start + static_cast<std::int64_t>(durationMs * 1000);
  while (nowUs_ + frameUs_ <= end) {
    nowUs_ += frameUs_;
    listener_.onFrame(nowUs_, false, 0, 0);
  }
  // The tracker sees the lids open in the next frame and reports the blink then.
  nowUs_ += frameUs_;
  listener_.onBlink(nowUs_, static_cast<std::uint32_t>(std::llround(durationMs)));
  double ex = 0, ey = 0;
  fieldError(eyeX_, eyeY_, ex, ey);
  listener_.onFrame(nowUs_, true, eyeX_ + ex + normal(0, jitterPx_),
                    eyeY_ + ey + normal(0, jitterPx_));
}

void SimulatedEyes::lookAt(double x, double y) {
  // The eyes stay where they were during the latency.
  hold(std::max(80.0, normal(user_.saccadeLatencyMs, user_.saccadeLatencySdMs)));
  const double toX = x + normal(0, user_.aimSdDeg * pxPerDeg_);
  const double toY = y + normal(0, user_.aimSdDeg * pxPerDeg_);
  const double amplitudeDeg = screen_.angleDeg(eyeX_, eyeY_, toX, toY);
  double landX = toX, landY = toY;
  if (amplitudeDeg > user_.undershootAboveDeg) {
    landX = toX - user_.undershootFraction * (toX - eyeX_);
    landY = toY - user_.undershootFraction * (toY - eyeY_);
  }
  nudge(landX - eyeX_, landY - eyeY_);
  if (landX != toX || landY != toY) {
    hold(std::max(60.0, normal(user_.correctiveLatencyMs, 20)));
    nudge(toX - eyeX_, toY - eyeY_);
  }
}

void SimulatedEyes::nudge(double dx, double dy) {
  const double fromX = eyeX_, fromY = eyeY_;
  const double toX = fromX + dx, toY = fromY + dy;
  const double amplitudeDeg = screen_.angleDeg(fromX, fromY, toX, toY);
  const double durationMs = user_.saccadeBaseMs + user_.saccadeMsPerDeg * amplitudeDeg;
  const std::int64_t start = nowUs_;
  const std::int64_t end = start + static_cast<std::int64_t>(durationMs * 1000);
  // Frames that fall inside the movement see the eye on its way (no blinks mid-saccade).
  while (nowUs_ + frameUs_ < end) {
    const double f =
        static_cast<double>(nowUs_ + frameUs_ - start) / static_cast<double>(end - start);
    const double s = f * f * (3 - 2 * f);
    eyeX_ = fromX + s * dx;
    eyeY_ = fromY + s * dy;
    frame(eyeX_, eyeY_, false);
  }
  eyeX_ = aimX_ = toX;
  eyeY_ = aimY_ = toY;
}

void SimulatedEyes::hold(double ms) {
  const std::int64_t end = nowUs_ + static_cast<std::int64_t>(ms * 1000);
  while (nowUs_ < end)
    frame(eyeX_, eyeY_, true);
}

bool SimulatedEyes::holdUntil(const std::function<bool()>& done, double maxMs) {
  const std::int64_t end = nowUs_ + static_cast<std::int64_t>(maxMs * 1000);
  while (!done()) {
    if (nowUs_ >= end)
      return false;
    frame(eyeX_, eyeY_, true);
  }
  return true;
}

void SimulatedEyes::blink(double durationMs) {
  closedFrames(std::max(30.0, durationMs));
}

}  // namespace drishti::sim
