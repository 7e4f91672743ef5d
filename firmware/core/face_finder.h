// One face with landmarks per image: detection policy.
#pragma once

#include "firmware/core/face_detector.h"
#include "firmware/core/landmark_detector.h"

namespace drishti::core {

// FoundFace: the face chosen in an image.
//   box        - detector box (input px, with roll).
//   landmarks  - 68 points, input px.
//   eyeMatch  - mirror similarity of the two eye regions (normalised cross-
//                correlation of eye-aligned crops, one mirrored; -1..1).
//   fallback   - true if the face came from the low-threshold, verified search.
struct FoundFace {
  bool found = false;
  FaceBox box;
  FaceShape landmarks{};
  double eyeMatch = 0.0;
  bool fallback = false;
};

// Mirror similarity of the two eyes of a landmark set (see FoundFace).
double eyeMirrorSimilarity(const cv::Mat& grey, const FaceShape& lm);

// FaceFinder: FaceDetector escalation (upright, upsampled, rolled; dlib's own
// threshold). If that finds nothing, or only a weak rolled/upsampled detection
// whose eyes fail the check below: a verified fallback. Detector candidates
// at a lowered threshold (all rolls, upsampling <= 1) are taken best-score
// first; the top few get landmarks; a candidate is accepted if its two eye
// regions are mirror images of each other (eyeMirrorSimilarity >=
// minEyeMatch) - a frontal-face cue that survives occlusion of the lower face
// (scarf, hood) which is what usually pushes dlib's score below threshold.
// Requires: both detectors outlive the finder; grey 8-bit image.
// Ensures:  at most one face; a weak strict detection is kept only if no
//           candidate passes the eye check. Not thread-safe.
class FaceFinder {
 public:
  struct Options {
    double fallbackThreshold = -0.3;  // dlib threshold adjustment for candidates
    int fallbackCandidates = 5;       // how many candidates get landmarks
    double minEyeMatch = 0.5;         // eye mirror similarity to accept
    double weakScore = 0.3;           // rolled/upsampled detections scoring below
                                      // this must also pass the eye check, else
                                      // the candidates are searched as well
  };
  FaceFinder(FaceDetector& detector, LandmarkDetector& landmarks);
  FaceFinder(FaceDetector& detector, LandmarkDetector& landmarks, const Options& opt);

  FoundFace find(const cv::Mat& grey);

 private:
  FaceDetector& det_;
  LandmarkDetector& lmk_;
  Options opt_;
};

}  // namespace drishti::core
