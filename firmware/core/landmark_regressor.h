// Allocation-free evaluation of a dlib shape-predictor
// model (cascade of regression-tree ensembles, Kazemi & Sullivan, "One
// Millisecond Face Alignment with an Ensemble of Regression Trees", CVPR 2014).
#pragma once

#include <cstdint>
#include <istream>
#include <opencv2/core.hpp>
#include <vector>

#include "firmware/core/face_shape.h"

namespace dlib {
class shape_predictor;
}

namespace drishti::core {

// LandmarkModel
// Represents: the same model as a dlib::shape_predictor (68 points), copied
//   once into flat, immutable arrays; shareable between any number of
//   LandmarkRegressors (e.g. two cameras) and threads.
// Requires: a 68-point dlib shape predictor (serialisation format version 1),
//   either loaded or as its file (shape_predictor_68_face_landmarks.dat).
// Ensures: about 66 MB for dlib's 68-point model (the leaves as floats). From
//   the file it reads one tree at a time, so no copy of the model in dlib's
//   form is ever held (that is ~100 MB more, which the allocator keeps once
//   freed): the way for a program that needs only this engine. From a loaded
//   predictor it serialises the predictor into memory once (~100 MB of
//   temporary memory). Either takes 1-3 s; throws std::exception (dlib's
//   serialization_error or std::runtime_error) naming the problem for a file
//   that is not such a model. Afterwards the object is read-only.
class LandmarkModel {
 public:
  explicit LandmarkModel(const dlib::shape_predictor& model);
  explicit LandmarkModel(std::istream& serialized);

  // The model's mean shape in normalised box coordinates.
  const FaceShape& meanShape() const { return mean_; }
  int cascades() const { return cascades_; }
  int treesPerCascade() const { return trees_; }

 private:
  friend class LandmarkRegressor;
  void read(std::istream& in);
  struct Split {
    uint16_t idx1, idx2;
    float thresh;
  };
  int cascades_ = 0, trees_ = 0, splitsPerTree_ = 0, leavesPerTree_ = 0, features_ = 0;
  FaceShape mean_{};
  std::vector<uint16_t> anchor_;  // [cascade][feature]
  std::vector<float> delta_;      // [cascade][feature][2], normalised units
  std::vector<Split> splits_;     // [cascade][tree][split]
  std::vector<float> leaves_;     // [cascade][tree][leaf][136]
};

// LandmarkRegressor
// Represents: evaluation of a LandmarkModel the way dlib evaluates a
//   shape_predictor: start from the mean shape placed in the box; per cascade
//   level, read the model's feature pixels (positions relative to their
//   anchor landmarks, warped by the similarity from the mean shape to the
//   current shape), walk every tree with the pixel-difference splits and add
//   the reached leaf's shape increment.
// Differences from dlib::shape_predictor::operator(): the mean-to-current
//   similarity is solved in closed form (2-D Umeyama) instead of an SVD; all
//   trees of a level are walked before their leaves are added (four per pass,
//   with prefetching, each coordinate still summed in tree order); landmarks
//   are returned with sub-pixel precision (dlib rounds them); nothing is
//   allocated per call. Rounded to whole pixels the landmarks are identical
//   to dlib's on the test frames.
// Optional (removeLightSlope): the feature pixels are read as if lit evenly
//   from left to right. At the first cascade level, whose feature pixels are
//   spread over the face box from the mean shape, a line a + b x is fitted by
//   least squares to their log grey levels against their x (pixels outside
//   the image left out), and every feature pixel of every level is divided
//   by exp(b dx), dx from the fitted pixels' mean x: a smooth light gradient
//   across the face (a lamp to one side) no longer tips the pixel-difference
//   splits, while the face's mean brightness is kept. This is the brightness
//   plane Sung and Poggio (IEEE PAMI 1998) subtract from a face window
//   before classifying it, in log intensity because light multiplies (as in
//   the self-quotient image, Wang, Li and Wang, IEEE FG 2004), and left-right
//   only: a frontal face is near symmetric, so its own left-right slope is
//   small, while its up-down one (brows and eyes above the lit cheeks) is the
//   face, not the light; with the up-down slope removed too the keys read
//   worse (docs/BENCHMARKS.md, "Eye corners under a light gradient"). Why:
//   the gradient moved the nose landmarks 1.4-2.1 px, and with them the eye
//   corners EyeFrameStabilizer holds in the nose's frame. The landmarks then
//   differ from dlib's. Off by default in the tracker (TrackingParams).
class LandmarkRegressor {
 public:
  explicit LandmarkRegressor(const LandmarkModel& model, bool removeLightSlope = false);

  // Landmarks for the face in `box` (dlib convention: the box's top-left
  // corner maps to (0,0) and its bottom-right corner to (1,1) of the model's
  // normalised space; corners are rounded to whole pixels like dlib's
  // rectangle).
  void predict(const cv::Mat& gray, const cv::Rect2f& box, FaceShape& out);

  const LandmarkModel& model() const { return m_; }

 private:
  // Fits the light's left-right slope to pixels_ at x positions px_.
  void fitLightSlope(int features);

  const LandmarkModel& m_;
  const bool removeLightSlope_;
  std::vector<float> shape_;   // 136: current shape, normalised units
  std::vector<float> pixels_;  // feature pixel values of one cascade level
  std::vector<float> px_;      // their x, normalised units
  // The light's slope: log grey level per normalised unit of x about
  // centreX_; zero when not removed.
  float slope_ = 0.f, centreX_ = 0.f;
  std::vector<int> leafOffset_;  // reached leaf of each tree of one level
};

}  // namespace drishti::core
