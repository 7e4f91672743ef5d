// Open / closed eye from a grey eye crop.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "firmware/core/pupil_locator.h"

namespace drishti::core {

// EyeStateModel: a linear logistic model over EyeStateClassifier features.
//   mean, scale - per-feature standardisation (x - mean) * scale.
//   weights     - one per feature; bias - intercept. P(closed) =
//                 1 / (1 + exp(-(bias + sum_i weights_i * z_i))).
// Text form (parseEyeStateModel / toText): whitespace-separated tokens
//   "drishti-eye-state-v1" <n> bias <b> then n lines "mean scale weight".
struct EyeStateModel {
  std::vector<float> mean, scale, weights;
  float bias = 0.f;
};

// Parses the text form; throws std::runtime_error on malformed input or a
// feature count different from EyeStateClassifier::kNumFeatures.
EyeStateModel parseEyeStateModel(const std::string& text);
std::string toText(const EyeStateModel& m);
// The model trained on the CEW dev crops (see eyeStateModel.cpp provenance).
const EyeStateModel& defaultEyeStateModel();

// EyeCropFraming: how EyeStateClassifier cuts a crop from landmarks
// (cropFromContour): crop width = cropWidth x eye width (corner to corner),
// centre = contour centroid moved by cropShift eye widths along the eye's
// "down" axis, axes aligned with the eye; aspect kCropW:kCropH. Chosen so that
// landmark crops resemble the CEW training crops (NOTES.md).
struct EyeCropFraming {
  float cropWidth = 1.25f;
  float cropShift = 0.0f;
};

// EyeStateClassifier: P(eye closed) from an eye crop.
// Features (kNumFeatures = 266): the centred sub-rectangle of the crop with the
// canonical 4:3 aspect is area-resampled to kCropW x kCropH and normalised to
// zero mean / unit variance; then
//   - Dalal-Triggs HOG: 8x8 px cells, 9 unsigned orientation bins (bilinear in
//     space and orientation), 2x2-cell blocks, L2-Hys (216 values);
//   - an 8x6 thumbnail of block means of the normalised crop (48 values);
//   - iris cues: PupilLocator separation and symmetry on the crop, with a
//     typical eye contour (2 values).
// P(closed) = logistic(linear model); the model (EyeStateModel) is data, by
// default the CEW-trained one in eyeStateModel.cpp.
// Requires: 8-bit grey crop roughly centred on one eye with the eye corners
//           near the left/right borders, as in Closed Eyes in the Wild (any
//           size >= 8x6), or an image + EyeContour (cut by cropFromContour).
// Ensures:  closedProbability() in [0, 1]; no heap allocation per call once
//           constructed; not thread-safe (one object per thread).
class EyeStateClassifier {
 public:
  static constexpr int kCropW = 32, kCropH = 24;  // canonical crop, px
  static constexpr int kCell = 8, kBins = 9;
  static constexpr int kCellsX = kCropW / kCell, kCellsY = kCropH / kCell;
  static constexpr int kNumHog = (kCellsX - 1) * (kCellsY - 1) * 4 * kBins;
  static constexpr int kThumbW = 8, kThumbH = 6;  // normalised-intensity thumbnail
  static constexpr bool kUseThumb = true;
  static constexpr int kNumIris = 2;  // PupilLocator separation and symmetry on the crop
  static constexpr int kNumFeatures = kNumHog + (kUseThumb ? kThumbW * kThumbH : 0) + kNumIris;
  // Eye width assumed inside a tight crop for the iris cues (crop width / this).
  static constexpr float kCropWidthPerEyeWidth = 1.25f;
  // PupilLocator settings that are part of the feature definition (frozen
  // with the model; independent of the tracker's own locator settings).
  static PupilLocator::Options irisOptions();

  EyeStateClassifier();
  explicit EyeStateClassifier(const EyeStateModel& model,
                              const EyeCropFraming& framing = EyeCropFraming{});

  float closedProbability(const cv::Mat& eyeCrop);
  float closedProbability(const cv::Mat& grey, const EyeContour& eye);

  // Canonical kCropW x kCropH 8-bit crop from a full image and eye contour.
  void cropFromContour(const cv::Mat& grey, const EyeContour& eye, cv::Mat& outCrop8u);
  // Feature vector of an 8-bit crop of any size (resampled to the canonical size).
  void features(const cv::Mat& eyeCrop, std::vector<float>& out);

 private:
  EyeStateModel model_;
  EyeCropFraming framing_;
  PupilLocator iris_;
  cv::Mat canon_, cropf_, crop8_;
  std::vector<float> feat_, cells_;
};

}  // namespace drishti::core
