// Face acquisition (dlib HOG) and landmark tracking
// (dlib 68-point shape predictor) from frame to frame.
#pragma once

#include <memory>
#include <opencv2/core.hpp>

#include "firmware/core/face_shape.h"
#include "firmware/core/tracking_params.h"

namespace dlib {
class shape_predictor;
}

namespace drishti::core {

class LandmarkModel;

enum class TrackState {
  kSearching,  // no face; a full detection runs on each frame (see params)
  kTracking,   // landmarks follow the face from frame to frame
};

// FaceObservation
// Represents: the tracker's result for one frame, in the pixel coordinates of
//   the image passed to FaceTracker::update.
// Ensures: if found, `shape` holds the 68 landmarks and `box` the face box
//   (the square box dlib's shape predictor expects, derived from the shape);
//   confidence in 0..1 says how much the landmarks can be trusted (appearance
//   agreement with the verified face template x plausibility of the motion);
//   if !found, shape/box are stale and confidence is 0.
struct FaceObservation {
  bool found = false;
  TrackState state = TrackState::kSearching;
  cv::Rect2f box;             // pixels of the processed image
  FaceShape shape{};          // pixels of the processed image
  float confidence = 0.f;     // 0..1
  float appearanceNcc = 0.f;  // -1..1, face patch vs template
  float detectorScore = 0.f;  // score of the last successful detection/check
  bool acquired = false;      // a full detection (re)acquired the face now
  bool checked = false;       // a local detector check ran now
  bool verified = false;      // ... and confirmed the face
  int detectorRuns = 0;       // dlib HOG runs during this frame (full or local)
  int landmarkRuns = 0;       // dlib shape-predictor runs during this frame
};

// FaceTracker
// Represents: the state of following one person's face (the patient) through a
//   video: acquisition by full HOG detection on a downscaled copy of the frame,
//   then per frame one shape-predictor run on the box derived from the previous
//   landmarks, a cheap per-frame confidence, a periodic / low-confidence local
//   detector check on a small window, and loss handling. With several faces it
//   keeps the one chosen at acquisition (policy: largest or most central) and
//   only ever verifies against detections overlapping the tracked box, so it
//   does not jump to a visitor.
// Requires: the shape predictor (if given) outlives the tracker and is a
//   68-point model (dlib's shape_predictor_68_face_landmarks); images are CV_8UC1, at most a
//   few megapixels; timestamps in ms, non-decreasing.
// Ensures: update() performs no heap allocation in our code once warm (dlib's
//   own calls do allocate; see NOTES.md); no clocks, threads or I/O.
// Units: pixels of the image given to update(); ms.
class FaceTracker {
 public:
  // With LandmarkEngine::kFlat the tracker evaluates `model` if given (share
  // one between trackers), otherwise it builds its own LandmarkModel from the
  // predictor (1-3 s, ~66 MB). kDlib runs the predictor itself.
  FaceTracker(const dlib::shape_predictor& predictor, const TrackingParams::Face& params,
              std::shared_ptr<const LandmarkModel> model = nullptr);
  // The flat engine only, without dlib's predictor (which then need not be
  // kept in memory: ~100 MB). Throws std::invalid_argument if `model` is null
  // or params.landmarkEngine is kDlib.
  FaceTracker(std::shared_ptr<const LandmarkModel> model, const TrackingParams::Face& params);
  ~FaceTracker();
  FaceTracker(const FaceTracker&) = delete;
  FaceTracker& operator=(const FaceTracker&) = delete;

  // Processes one grey frame taken at tMs.
  const FaceObservation& update(const cv::Mat& gray, double tMs);

  // Forgets the current face (next update runs a full detection).
  void reset();

  // Switches TrackingParams::Face::landmarkLightSlope (kFlat only; ignored
  // by kDlib). A change rebuilds the landmark regressor, which allocates:
  // call it between frames, not per frame.
  void setLandmarkLightSlope(bool on);

  const FaceObservation& last() const { return obs_; }

  // The box dlib's shape predictor would be given for a face with this shape
  // (similarity fit of the model's mean shape; see NOTES.md).
  cv::Rect2f boxFromShape(const FaceShape& shape) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  FaceObservation obs_;
};

}  // namespace drishti::core
