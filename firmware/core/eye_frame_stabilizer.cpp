#include "firmware/core/eye_frame_stabilizer.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {

namespace {

float alpha(float cutoffHz, double dtS) {
  const double tau = 1.0 / (2.0 * 3.14159265358979 * std::max(1e-3f, cutoffHz));
  return static_cast<float>(1.0 / (1.0 + tau / dtS));
}

}  // namespace

void EyeFrameStabilizer::apply(double tMs, EyeContour& eye) {
  const std::array<float, 4> raw{eye[0].x, eye[0].y, eye[3].x, eye[3].y};
  const float width = std::hypot(raw[2] - raw[0], raw[3] - raw[1]);
  const double dtS = (tMs - lastMs_) / 1000.0;
  if (!primed_ || !(dtS > 0) || dtS > 0.5 || !(width >= 2.f)) {
    // First frame, a gap (the face was lost) or a degenerate eye: start over.
    value_ = raw;
    deriv_ = {};
    primed_ = true;
    lastMs_ = tMs;
    return;
  }
  lastMs_ = tMs;
  const float aD = alpha(params_.derivCutoffHz, dtS);
  float speed = 0.f;  // fastest corner, eye widths per second
  for (std::size_t i = 0; i < 4; ++i) {
    const float d = static_cast<float>((raw[i] - value_[i]) / dtS);
    deriv_[i] += aD * (d - deriv_[i]);
    speed = std::max(speed, std::abs(deriv_[i]) / width);
  }
  const float a = alpha(params_.minCutoffHz + params_.beta * speed, dtS);
  for (std::size_t i = 0; i < 4; ++i)
    value_[i] += a * (raw[i] - value_[i]);
  eye[0] = {value_[0], value_[1]};
  eye[3] = {value_[2], value_[3]};
}

}  // namespace drishti::core
