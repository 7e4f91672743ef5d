// Sub-pixel pupil / iris centre inside a landmark eye region.
#pragma once

#include <array>
#include <opencv2/core.hpp>
#include <vector>

#include "firmware/core/face_shape.h"

namespace drishti::core {

// A typical eye contour for an eye whose corner midpoint is `centre` and whose
// corner-to-corner width is `eyeWidth` (px), axis horizontal: the mean dlib
// 68-point eye shape (measured on the 86 eyes of the pexels dev faces). Used to
// run the locator on a tight eye crop that has no landmarks.
EyeContour typicalEyeContour(cv::Point2f centre, float eyeWidth);

// PupilEstimate: result for one eye.
//   centre     - pupil (= iris) centre, input-image pixels, sub-pixel.
//   confidence - 0..1: how clearly a dark, round iris/pupil is visible at
//                `centre` (0: degenerate region or no dark round structure).
//                Ranks wrong estimates low (NOTES.md) but is NOT an eye-
//                closure detector: a closed lid's dark lash line can still
//                score high. Combine with EyeStateClassifier.
//   separation - raw cue: Otsu separability of the dark-disc model (0..1).
//   symmetry   - raw cue: Timm & Barth objective at the centre (0..1).
//   found      - false if the eye region was degenerate (eye width < 4 px).
struct PupilEstimate {
  cv::Point2f centre{0.f, 0.f};
  float confidence = 0.f;
  float separation = 0.f;
  float symmetry = 0.f;
  bool found = false;
};

// PupilLocator: finds the iris/pupil centre of one eye.
// Method (details, parameter study and references in NOTES.md):
//  1. resample the eye region into a fixed patch in an eye-aligned frame whose
//     corner-to-corner eye width is eyeWidthPx (area-averaged samples);
//  2. suppress specular glints: grey opening, applied only where the pixel is
//     brighter than its opening by glintDelta;
//  3. for every candidate centre c inside the (slightly dilated) eye polygon:
//       D(c) = Otsu between-class variance of a two-region model inside the
//              eye polygon M: a dark disc of radius discRadius around c vs
//              the rest of M (0 if the disc is not darker);
//       T(c) = Timm & Barth (2011) gradient objective: mean over strong
//              gradient pixels in M of max(0, d_i . g_i)^2;
//     the centre maximises D(c) * T(c) (exact branch-and-bound over D, since
//     T <= 1), refined to sub-pixel by parabola fits;
//  4. the vertical coordinate is then re-measured as the centroid of the
//     pixels darker than the disc's mean, weighted by how much darker, inside
//     refineWindow x the disc radius (iterated a few times). Why: the iris is
//     usually taller than the lid opening, so the dark disc fits anywhere along
//     the visible band and its vertical position follows the lids, not the
//     eye (on rendered video it moved a sixth as far as the iris); the darkest
//     part, the pupil, is smaller and mostly in view, so its centroid keeps
//     most of the vertical motion. Horizontally the estimate moves only half
//     way (refineHorizontal) from the disc to the centroid: there the iris is
//     bounded by sclera, but the disc is clipped by the eye polygon near the
//     corners and moves in steps, and across gaze directions the centroid
//     follows the eye more consistently (rendered video: median validation
//     error of the whole chain 1.14 -> 1.07 degrees, p90 2.25 -> 1.88, ten
//     videos); all the way it is pulled by dark eye corners (43 annotated
//     dev faces within 0.05 IOD: disc 41, half way 40, centroid 37);
//  5. confidence from the separability and symmetry at the maximum.
// Requires: 8-bit single-channel image (grey webcam frame or IR frame), eye
//           contour from LandmarkDetector in the same pixel frame.
// Ensures:  no heap allocation per call once constructed (buffers are members
//           sized by Options); not thread-safe (one object per thread).
// Units:    Options lengths are fractions of the eye width (corner-to-corner
//           landmark distance) unless marked otherwise.
class PupilLocator {
 public:
  struct Options {
    float eyeWidthPx = 32.f;     // patch scale: eye width in patch px
    float patchWidth = 1.3f;     // patch size (eye widths); must contain the
    float patchHeight = 0.8f;    // polygon + margins + disc + filter support
    float glintRadius = 0.05f;   // opening half-size (eye widths; rounded to px)
    float glintDelta = 12.f;     // grey levels above the opening to count as glint
    float smoothSigma = 0.03f;   // Gaussian pre-smoothing sigma (eye widths)
    float regionMargin = 0.0f;   // dilation of the eye polygon M (eye widths)
    float centreMargin = 0.05f;  // dilation of the polygon for candidate centres
    float discRadius = 0.12f;    // dark-disc model radius (eye widths)
    float discRatio = 0.5f;      // disc radius / iris radius when a radius hint is given
    float gradThreshold = 0.3f;  // T: gradients above mean + k * std (within M)
    // Confidence = clamp((sqrt(separation * symmetry) - low) / (high - low), 0, 1);
    // low ~ median for closed eyes, high ~ median for open eyes (NOTES.md).
    float confidenceLow = 0.25f;
    float confidenceHigh = 0.45f;
    // Step 4: centroid window radius in disc radii; 0 turns the step off.
    float refineWindow = 1.5f;
    // Step 4: share of the way from the disc's centre to the centroid taken
    // horizontally (vertically it is all the way).
    float refineHorizontal = 0.5f;
    int refineIterations = 4;
  };

  PupilLocator();
  explicit PupilLocator(const Options& opt);

  // irisRadiusPx > 0: optional iris radius hint (input px, e.g. 0.1 x
  // interocular distance); the disc radius is then discRatio * hint.
  PupilEstimate locate(const cv::Mat& grey, const EyeContour& eye, float irisRadiusPx = 0.f);

  const Options& options() const { return opt_; }
  // Inspection for tools: last patch (CV_32F, grey levels), patch -> image affine.
  const cv::Mat& lastPatch() const { return raw_; }
  cv::Matx23f lastPatchToImage() const { return toImg_; }

 private:
  struct Cand {
    float d;
    short u, v;
  };
  bool prepare(const cv::Mat& grey, const EyeContour& eye, float irisRadiusPx);
  PupilEstimate finish(int bu, int bv, float best, float bestD, float bestT);
  cv::Point2f darkCentroid(cv::Point2f c) const;
  void setFrame(const EyeContour& eye);
  void computeRegion();
  void preprocess();
  float discScore(int u, int v) const;
  float symmetryScore(int u, int v) const;

  Options opt_;
  int W_ = 0, H_ = 0, R_ = 0;
  float scale_ = 1.f;  // input px per patch px
  cv::Matx23f toImg_;
  std::array<cv::Point2f, 6> poly_;
  cv::Mat raw_, work_, tmp_, tmp2_, smooth_, gx_, gy_, mag_, sd_, masked_, mask_, prefixA_,
      prefixM_;
  std::array<int, 32> half_{};  // disc row half-widths, index dy + R_
  cv::Mat lut_;                 // unit displacement vectors, (2H-1) x (2W-1), CV_32FC2
  std::vector<cv::Point> gradPts_;
  std::vector<cv::Point2f> gradDir_;
  std::vector<Cand> cands_;
  double st_ = 0, st2_ = 0, nt_ = 0;  // sums of I, I^2, count over M
};

}  // namespace drishti::core
