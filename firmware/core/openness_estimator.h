// Per-eye openness (0..1) from landmarks and the eye
// image, normalised by the person's own adaptive open baseline.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "firmware/core/face_shape.h"
#include "firmware/core/running_percentile.h"
#include "firmware/core/tracking_params.h"

namespace drishti::core {

// CueValue
// Represents: one openness cue of one eye in one frame: its raw value, the
//   person's running open baseline of it, and the 0..1 openness it implies.
//   valid = false when the cue could not be measured (e.g. no colour).
struct CueValue {
  float raw = 0.f;
  float baseline = 0.f;
  float openness = 0.f;
  bool valid = false;
};

// EyeOpenness
// Represents: one eye in one frame. "left" = the eye on the image's left.
// Ensures: openness in 0..1 (1 = as open as this person's usual open eye,
//   0 = closed) = median of the cues' openness (see TrackingParams::Openness
//   for the weighting);
//   opennessLow = the lowest cue's openness, a conservative bound used to
//   confirm that an eye really is open (wink detection);
//   confidence in 0..1 (0 = do not use: face lost, eye too small or turned
//   away, baselines not learned yet). Pixel quantities refer to the processed
//   image unless a caller (TrackingPipeline) converts them.
struct EyeOpenness {
  float openness = 0.f;
  float opennessLow = 0.f;
  float confidence = 0.f;
  CueValue ear;            // eye aspect ratio of the landmarks
  CueValue chroma;         // non-skin fraction of the eye region (colour input)
  CueValue edge;           // edge-orientation ratio of the eye region
  CueValue state;          // 1 - P(closed) of the eye-state classifier
  float contrast = 0.f;    // mean |gradient| / mean intensity of the eye region
  float edgeWeight = 0.f;  // 0..1, weight of the edge cue (contrast gate)
  float eyeWidthPx = 0.f;
};

// OpennessEstimator
// Represents: the per-person state (cue baselines) needed to turn landmarks +
//   image into per-eye openness, for a stream of frames of one person.
// Requires: grey CV_8UC1 image and, if available, the BGR CV_8UC3
//   image (empty Mat for grey cameras); the 68-point shape in their pixel
//   coordinates; timestamps in ms, non-decreasing; faceConfidence 0..1.
// Ensures: no allocation after construction; no clocks or I/O. Baselines are
//   kept across face losses (same person); reset() forgets them.
class OpennessEstimator {
 public:
  explicit OpennessEstimator(const TrackingParams::Openness& params);

  // `bgr` may have another resolution than `gray`: colourScale = gray pixels
  // per bgr pixel (the colour cue maps its eye patch accordingly).
  // leftClosed / rightClosed: EyeStateClassifier's P(closed) of each eye's
  // landmark crop, 0..1, or negative when not measured (the cue is then left
  // out).
  void update(const cv::Mat& gray, const cv::Mat& bgr, const FaceShape& shape, float faceConfidence,
              double tMs, EyeOpenness& left, EyeOpenness& right, float leftClosed = -1.f,
              float rightClosed = -1.f, double colourScale = 1.0);
  // Call on frames without a face: the gap does not count as observed time.
  void markLost() { haveLastT_ = false; }
  void reset();

 private:
  struct EyeState {
    explicit EyeState(const TrackingParams::Openness& p);
    void reset(const TrackingParams::Openness& p);
    RunningPercentile earHist, chromaHist, edgeHist, contrastHist, stateHist;
  };
  void updateEye(const cv::Mat& gray, const cv::Mat& bgr, const EyeContour& eye, float faceConf,
                 float sizeConf, float dtMs, float closedProbability, EyeState& st,
                 EyeOpenness& out);
  float edgeRatio(const cv::Mat& gray, const EyeContour& eye, float& inside);
  float nonSkin(const cv::Mat& bgr, const EyeContour& eye, float& inside);
  Similarity toColour(Similarity workToPatch) const;
  double colourScale_ = 1.0;  // gray px per bgr px, for the current update()

  TrackingParams::Openness p_;
  EyeState left_, right_;
  // Buffers, allocated once.
  cv::Mat region_;              // grey eye region (+1 px border), CV_32F
  cv::Mat chroma_, intensity_;  // skin patch, CV_32F
  std::vector<float> skinValues_;
  float lastContrast_ = 0.f;
  double lastT_ = 0;
  bool haveLastT_ = false;
};

}  // namespace drishti::core
