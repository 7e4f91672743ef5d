// Gaze model features: what the fit sees of one eye in one sample.
//
// Represents: the design row of the per-eye gaze polynomial. The eye feature is
// the tracker's pupil position normalised to the eye corners (normX, normY),
// which moves with the eye's rotation in the head and barely with the head
// itself; the head pose terms add what the head's own rotation and position do
// to the gaze point. Terms, in order (u, v = normX, normY standardised with the
// calibration's mean and spread; head terms relative to the calibration's mean
// pose, in units of kHeadScale):
//   1, u, v, u^2, u*v, v^2, yaw, pitch, x, y, z
// Before the polynomial, each feature is linearised by the eyeball's
// geometry: the pupil seen from the front moves with sin(rotation) while the
// gaze point on the screen moves with tan(rotation), so with
// s = (normX - meanU) / sphereRatio (sphereRatio = eyeball radius / eye width,
// about 12 mm / 30 mm), u uses sphereRatio * tan(asin(s)) (|s| clamped to
// 0.9). This odd, cubic-like curvature is what a quadratic cannot follow; the
// quadratic and cross terms then absorb the rest (lids, camera angle, an
// imprecise sphereRatio). sphereRatio = 0 turns the linearisation off.
// Yaw and pitch add to the gaze angle; x and y translate it; z (distance)
// enters only linearly (see gaze_model_fit.h for its limits).
// Head roll is not a term but a rotation: the corner frame turns with the
// head while the eye keeps looking at the same point, so the pupil's offset in
// that frame turns by minus the roll. Before anything else, (normX, normY) is
// turned back by the roll relative to the calibration's mean roll, about the
// calibration's centre (derollNorm), so the fit and the prediction see the
// pupil as if the head held its calibrated roll. The centre is the pupil at the
// screen's middle, not at the eye's primary position: a small error of order
// sin(roll) x that offset.
#pragma once

#include <array>
#include <cstddef>

#include "firmware/protocol/messages.h"

namespace drishti::host {

inline constexpr std::size_t kGazeTerms = 11;
inline constexpr std::size_t kGazeFirstHeadTerm = 6;
inline constexpr std::size_t kHeadDims = 5;  // yaw, pitch (deg), x, y, z (mm)

// Physical unit of one head term: 5 degrees of yaw or pitch, 20 mm sideways or
// vertically, 50 mm in distance (about the motion of a resting head).
inline constexpr std::array<double, kHeadDims> kHeadScale = {5, 5, 20, 20, 50};

using GazeRow = std::array<double, kGazeTerms>;
using HeadVector = std::array<double, kHeadDims>;

// Head pose of a sample as yaw, pitch (deg), x, y, z (mm).
inline HeadVector headVectorOf(const protocol::HeadPose& h) {
  return {h.yawDeg, h.pitchDeg, h.xMm, h.yMm, h.zMm};
}

// Standardisation of the eye feature and the reference head pose of one eye's fit.
struct GazeFeatureFrame {
  double meanU = 0, meanV = 0;    // normX, normY at the calibration's centre
  double scaleU = 1, scaleV = 1;  // spread of the linearised features over the points (> 0)
  double sphereRatio = 0.4;       // eyeball radius / eye width; 0 = no linearisation
  HeadVector headMean{};          // mean head pose during calibration
  bool headTerms = true;          // false: head columns are zero (head pose ignored)
  bool rollTerm = false;          // true: (normX, normY) turned back by the head's roll
  double rollMean = 0;            // degrees, + = clockwise in the image (messages.h)
  double rollCentreX = 0, rollCentreY = 0;  // normX, normY the turn is about

  bool operator==(const GazeFeatureFrame&) const = default;
};

// Turns (normX, normY) back by rollDeg - frame.rollMean about the frame's roll
// centre, in place; unchanged when !frame.rollTerm, !rollValid or rollDeg is
// not finite. The roll is clamped to +-30 degrees from the mean (beyond that
// the person needs a new calibration anyway).
void derollNorm(const GazeFeatureFrame& frame, double rollDeg, bool rollValid, double& normX,
                double& normY);

// Fills `row` for normalised pupil position (normX, normY) and head pose
// `head` (ignored, i.e. taken as the calibration mean, when !headValid).
// The linearised, not yet standardised, feature for normalised position `norm`
// around centre `mean` (see above).
double linearisedFeature(double norm, double mean, double sphereRatio);

void gazeDesignRow(const GazeFeatureFrame& frame, double normX, double normY, bool headValid,
                   const HeadVector& head, GazeRow& row);

// The two steps of gazeDesignRow: the standardised eye feature (u, v), and the
// row from it (so a caller can clamp u, v in between).
void gazeFeatureUV(const GazeFeatureFrame& frame, double normX, double normY, double& u, double& v);
void gazeDesignRowUV(const GazeFeatureFrame& frame, double u, double v, bool headValid,
                     const HeadVector& head, GazeRow& row);

}  // namespace drishti::host
