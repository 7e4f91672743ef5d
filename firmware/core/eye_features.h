// The normalised eye feature vector the host's gaze mapper uses: each pupil
// relative to its eye corners, plus the head pose.
#pragma once

#include <array>
#include <opencv2/core.hpp>

#include "firmware/core/face_shape.h"

namespace drishti::core {

struct HeadPose;

// EyeFeatures
// Represents: one pupil centre expressed in its eye's corner frame, the
//   convention of protocol::EyeMeasurement: normX runs along the corner axis,
//   0 at the image-left corner and 1 at the image-right corner; normY runs
//   across it in units of the corner distance, 0 on the corner line,
//   positive downward (towards the lower lid for an upright face).
//   normY is the eye's vertical signal: the pupil's own normY, or with
//   lidWeight > 0 a blend of it with the upper lid's (below).
//   pupilNormY: the pupil alone, same units as normY.
//   lidNormY: the upper lid margin (landmarks 37/38 or 43/44, their mean) in
//   the same frame, in eye widths (negative: above the corner line).
//   Why the lid: real upper lids follow vertical eye rotation closely in
//   amplitude (lid saccades; Becker and Fuchs, J Neurophysiol 60:1227,
//   1988), so the margin moves with the gaze about as far as the pupil,
//   while the pupil's own vertical position is clipped by the lids and moves
//   only a couple of pixels across a screen. The blend is
//   (1 - lidWeight) * pupilNormY + lidWeight * lidNormY: the constant offset
//   between the two and any difference in their gains are what the host's
//   calibration fits anyway.
// Ensures: valid == false (confidence 0) when the eye is degenerate (corner
//   distance under 2 px) or no pupil was found.
struct EyeFeatures {
  bool valid = false;
  float normX = 0.f;
  float normY = 0.f;
  float confidence = 0.f;  // 0..1
  float pupilNormY = 0.f;
  float lidNormY = 0.f;
};

// Pupil `pupilPx` in the frame of `eye` (same pixel frame); `confidence` is
// passed through when the geometry is usable. `lidWeight` (0..1, clamped)
// is the upper lid's share of normY.
EyeFeatures eyeFeatures(const EyeContour& eye, cv::Point2f pupilPx, bool pupilFound,
                        float confidence, float lidWeight = 0.f);

// GazeFeatureVector
// Represents: the features of one frame in a fixed order, for a gaze model:
//   [0..1] image-left eye normX, normY; [2..3] image-right eye normX, normY;
//   [4..6] head yaw, pitch, roll (degrees); [7..9] head position (mm).
// Ensures: an eye or head part that is not valid is zero and its weight in
//   `weights` is 0 (weights are the confidences, 0..1).
struct GazeFeatureVector {
  static constexpr int kSize = 10;
  std::array<float, kSize> values{};
  std::array<float, kSize> weights{};
};

GazeFeatureVector gazeFeatureVector(const EyeFeatures& left, const EyeFeatures& right,
                                    const HeadPose& head);

}  // namespace drishti::core
