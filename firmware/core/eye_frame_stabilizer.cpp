#include "firmware/core/eye_frame_stabilizer.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {

namespace {

bool finite(cv::Point2f p) {
  return std::isfinite(p.x) && std::isfinite(p.y);
}

}  // namespace

EyeFrameStabilizer::Anchors EyeFrameStabilizer::anchorsOf(const FaceShape& face) {
  Anchors a;
  for (std::size_t i = 0; i < kAnchors; ++i)
    a[i] = face[27 + i];
  return a;
}

void EyeFrameStabilizer::apply(double tMs, const FaceShape& face, EyeContour& eye) {
  const Anchors now = anchorsOf(face);
  const float width = distance(eye[0], eye[3]);
  bool usable = width >= 2.f && finite(eye[0]) && finite(eye[3]);
  for (const cv::Point2f& p : now)
    usable = usable && finite(p);
  if (!usable)
    return;
  const double gapMs = tMs - lastMs_;
  if (!primed_ || !(gapMs >= 0) || gapMs > params_.maxGapMs) {
    // First frame or the face came back: this face's nose is the frame.
    reference_ = now;
    held_ = recent_ = {eye[0], eye[3]};
    frames_ = 1;
    scale_ = 1.f;
    rollDeg_ = rollSpeed_ = 0.f;
    primed_ = true;
    lastMs_ = tMs;
    return;
  }
  const Similarity toReference = fitSimilarity(now, reference_);
  const float scale = toReference.scale();
  if (!(scale > 0.2f && scale < 5.f))  // collapsed or absurd nose: leave the corners alone
    return;
  lastMs_ = tMs;
  // Into the reference frame with this frame's similarity (the long average
  // removes its jitter); back with its scale averaged over scaleMs and its
  // rotation filtered, about the noses' centroids.
  const float dtS = static_cast<float>(gapMs) / 1000.f;
  if (params_.scaleMs > 0.f) {
    const float kScale = std::max(1.f / static_cast<float>(frames_ + 1),
                                  std::min(1.f, static_cast<float>(gapMs) / params_.scaleMs));
    scale_ += kScale * (scale - scale_);
  } else {
    scale_ = scale;
  }
  constexpr float kPi = 3.14159265f;
  const float roll = std::atan2(toReference.b, toReference.a) * 180.f / kPi;
  if (params_.rollMinCutoffHz > 0.f && dtS > 0.f) {
    // One Euro: smoothing factor 1 / (1 + 1 / (2 pi fc dt)) at cutoff fc.
    const auto alpha = [dtS](float cutoffHz) {
      const float r = 2.f * kPi * cutoffHz * dtS;
      return r / (r + 1.f);
    };
    rollSpeed_ += alpha(params_.rollSpeedCutoffHz) * ((roll - rollDeg_) / dtS - rollSpeed_);
    const float cutoff = params_.rollMinCutoffHz + params_.rollBetaHzPerDegS * std::abs(rollSpeed_);
    rollDeg_ += alpha(cutoff) * (roll - rollDeg_);
  } else {
    rollDeg_ = roll;
  }
  Similarity smoothed;
  smoothed.a = scale_ * std::cos(rollDeg_ * kPi / 180.f);
  smoothed.b = scale_ * std::sin(rollDeg_ * kPi / 180.f);
  cv::Point2f mNow(0.f, 0.f), mRef(0.f, 0.f);
  for (std::size_t i = 0; i < kAnchors; ++i) {
    mNow += now[i];
    mRef += reference_[i];
  }
  mNow *= 1.f / kAnchors;
  mRef *= 1.f / kAnchors;
  smoothed.tx = mRef.x - (smoothed.a * mNow.x - smoothed.b * mNow.y);
  smoothed.ty = mRef.y - (smoothed.b * mNow.x + smoothed.a * mNow.y);
  const std::array<cv::Point2f, 2> corners = {toReference.apply(eye[0]), toReference.apply(eye[3])};
  // Plain means of the frames seen so far until they span the time
  // constants, exponential after that.
  const float dt = static_cast<float>(gapMs);
  const float first = 1.f / static_cast<float>(++frames_);
  const float kHeld = std::max(first, std::min(1.f, dt / params_.holdMs));
  const float kRecent = std::max(first, std::min(1.f, dt / params_.followMs));
  const float heldWidth = distance(held_[0], held_[1]);
  bool moved = false;
  for (std::size_t i = 0; i < 2; ++i) {
    held_[i] += kHeld * (corners[i] - held_[i]);
    recent_[i] += kRecent * (corners[i] - recent_[i]);
    moved = moved || distance(recent_[i], held_[i]) > params_.relocateEyeWidths * heldWidth;
  }
  if (moved) {
    // The corners have settled elsewhere in the nose's frame: average afresh
    // from here (the short average still remembers where they were).
    held_ = recent_ = corners;
    frames_ = 1;
  }
  const Similarity back = smoothed.inverse();
  eye[0] = back.apply(held_[0]);
  eye[3] = back.apply(held_[1]);
}

}  // namespace drishti::core
