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
    primed_ = true;
    lastMs_ = tMs;
    return;
  }
  const Similarity toReference = fitSimilarity(now, reference_);
  const float scale = toReference.scale();
  if (!(scale > 0.2f && scale < 5.f))  // collapsed or absurd nose: leave the corners alone
    return;
  lastMs_ = tMs;
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
  const Similarity back = toReference.inverse();
  eye[0] = back.apply(held_[0]);
  eye[3] = back.apply(held_[1]);
}

}  // namespace drishti::core
