// Frontal face detection for the Drishti tracking core.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <vector>

namespace drishti::core {

// FaceBox: one face found in an image.
// Represents: dlib's square "frontal face" box, possibly in a rotated frame.
//   centre   - box centre, input-image pixels (x right, y down).
//   size     - box side length, input-image pixels.
//   rollDeg - in-plane rotation of the face, degrees. Rotating the image by
//              +rollDeg about `centre` (cv::getRotationMatrix2D convention,
//              counter-clockwise on screen) makes the face upright.
//   score    - dlib HOG-SVM margin (> 0 above dlib's default threshold);
//              only comparable between boxes of the same detector pass.
//   upsample - how many 2x upsamplings of the image the pass used.
struct FaceBox {
  cv::Point2f centre{0.f, 0.f};
  float size = 0.f;
  float rollDeg = 0.f;
  double score = 0.0;
  int upsample = 0;
};

// FaceDetector: finds faces with dlib's HOG frontal detector (Dalal-Triggs HOG
// + linear SVM, 5 pose filters) using an escalating search: the image as is,
// then 2x upsampled (small faces), then rotated copies (rolled faces, dlib's
// filters cover roughly +-20 degrees of roll each).
// Requires: 8-bit single-channel (grey) image.
// Ensures:  detect() returns boxes best-first: the largest face wins (the
//           device user is the person closest to the camera), ties broken by
//           score; if only the rolled search finds faces, the single best-
//           scoring one. Empty if no pass found anything. Not thread-safe (dlib's
//           detector holds scratch state); use one object per thread.
class FaceDetector {
 public:
  struct Options {
    int maxUpsample = 2;           // extra 2x upsampling passes allowed (0..2)
    float minFacePx = 20.f;        // smallest face box side worth searching for
                                   // (input px): upsampling stops once dlib's
                                   // 80 px window would map below it.
    bool tryRotations = true;      // search rolled faces if upright search fails
    double adjustThreshold = 0.0;  // added to dlib's SVM threshold
  };

  // Rolls (degrees) tried, in order, when the upright search finds nothing.
  static constexpr float kRolls[] = {15.f, -15.f, 30.f, -30.f, 45.f, -45.f,
                                     60.f, -60.f, 90.f, -90.f, 180.f};

  FaceDetector();
  explicit FaceDetector(const Options& opt);
  ~FaceDetector();
  FaceDetector(FaceDetector&&) noexcept;
  FaceDetector& operator=(FaceDetector&&) noexcept;

  std::vector<FaceBox> detect(const cv::Mat& grey);

  // One detector pass: the image rotated by rollDeg (about its centre) and
  // upsampled `upsample` times by 2. Boxes are mapped back to input pixels.
  std::vector<FaceBox> detectPass(const cv::Mat& grey, float rollDeg, int upsample);
  std::vector<FaceBox> detectPass(const cv::Mat& grey, float rollDeg, int upsample,
                                  double adjustThreshold);

  // All passes (every roll, upsampling as in detect()) at a given threshold
  // adjustment, merged by non-maximum suppression, sorted by score. Used for
  // the verified low-threshold fallback of FaceFinder. Upsampling <= 1.
  std::vector<FaceBox> detectCandidates(const cv::Mat& grey, double adjustThreshold);

 private:
  struct Impl;
  Options opt_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace drishti::core
