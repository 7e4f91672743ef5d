// FacePhoto: a real face photo prepared for rendering gaze.
//
// Loads a still photo, finds the face (dlib's HOG detector) and its 68
// landmarks (dlib's shape predictor, the model found through models/), takes
// each eye opening from landmarks 36-41 and 42-47, and locates the iris in it
// as the dark disc of the expected radius (6 mm, the image scale coming from
// the eye distance taken as 63 mm): the disc whose visible part (clipped by
// the lids) is darkest, refined to 0.25 px. From that it prepares
// - blankEyes(): the photo with both irises painted out: every pixel of the
//   iris disc inside the eye opening is replaced by sclera colour,
//   interpolated along its row between the nearest sclera on either side
//   (with the lids' shading), then blended at the edge;
// - iris(e): the iris texture with an alpha disc: visible pixels from the
//   photo, pixels the lids hid filled with the mean colour of their ring,
//   so the iris can be drawn anywhere in the opening;
// - the lid skin colour just above each eye, for drawing closed lids.
// Limits (README.md): a painted iris moving on a still face; the photo's
// person is assumed to look at the camera; no eyeball shading, no
// foreshortening of the iris; the lids' motion with the gaze is drawn by
// EyeRenderer.
// Errors (file, face, model) come back as a message, never thrown.
#pragma once

#include <array>
#include <opencv2/core.hpp>
#include <optional>
#include <string>

#include "tests/generator/face_geometry.h"

namespace drishti::gen {

struct IrisTexture {
  cv::Mat bgr;    // CV_8UC3, square, iris centre at the patch centre
  cv::Mat bgrF;   // the same as CV_32FC3, for sub-pixel drawing
  cv::Mat alpha;  // CV_32F 0..1, the disc with a one-pixel soft edge
  double radiusPx = 0;
};

class FacePhoto {
 public:
  // `landmarkModel` is the path of shape_predictor_68_face_landmarks.dat.
  static std::optional<FacePhoto> load(const std::string& imagePath,
                                       const std::string& landmarkModel, std::string& error,
                                       double interocularMm = 63);
  // The landmark model path from the models manifest (models/), or "" and `error`.
  static std::string findLandmarkModel(std::string& error);

  const cv::Mat& image() const { return image_; }
  const cv::Mat& blankEyes() const { return blank_; }
  const FaceGeometry& geometry() const { return geometry_; }
  const IrisTexture& iris(int e) const { return iris_[static_cast<std::size_t>(e & 1)]; }
  cv::Vec3f lidColour(int e) const { return lid_[static_cast<std::size_t>(e & 1)]; }
  // The photo's 68 landmarks, px.
  const std::array<Point2, 68>& landmarks() const { return landmarks_; }

 private:
  void prepareEyes();  // face_photo_eyes.cpp

  cv::Mat image_, blank_;
  FaceGeometry geometry_;
  std::array<IrisTexture, 2> iris_;
  std::array<cv::Vec3f, 2> lid_{};
  std::array<Point2, 68> landmarks_{};
};

// The darkest disc of radius `radius` whose centre lies inside `polygon`
// (searched on a 1 px grid, then refined to 0.25 px), scoring the mean
// intensity of the disc's pixels inside the polygon. Used to find the iris in
// the photo and, in tests, to measure it in rendered frames.
Point2 findDarkDisc(const cv::Mat& grey, const std::array<Point2, 6>& polygon, double radius);

// Anti-aliased mask (CV_8U, 0..255) of an eye polygon in an image of `size`.
cv::Mat eyePolygonMask(cv::Size size, const std::array<Point2, 6>& polygon);

}  // namespace drishti::gen
