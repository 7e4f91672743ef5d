#include "firmware/core/face_detector.h"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/opencv/cv_image.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace drishti::core {

struct FaceDetector::Impl {
  dlib::frontal_face_detector det = dlib::get_frontal_face_detector();
  cv::Mat rotated, scaled;
  std::vector<dlib::rect_detection> dets;
};

FaceDetector::FaceDetector() : FaceDetector(Options{}) {}
FaceDetector::FaceDetector(const Options& opt) : opt_(opt), impl_(std::make_unique<Impl>()) {}
FaceDetector::~FaceDetector() = default;
FaceDetector::FaceDetector(FaceDetector&&) noexcept = default;
FaceDetector& FaceDetector::operator=(FaceDetector&&) noexcept = default;

std::vector<FaceBox> FaceDetector::detectPass(const cv::Mat& grey, float rollDeg, int upsample) {
  return detectPass(grey, rollDeg, upsample, opt_.adjustThreshold);
}

std::vector<FaceBox> FaceDetector::detectPass(const cv::Mat& grey, float rollDeg, int upsample,
                                              double adjust) {
  CV_Assert(grey.type() == CV_8UC1);
  Impl& m = *impl_;
  // Rotate about the image centre onto a canvas large enough to hold it all.
  cv::Mat fwd = cv::Mat::eye(2, 3, CV_64F);
  const cv::Mat* src = &grey;
  if (rollDeg != 0.f) {
    const cv::Point2f c(0.5f * (grey.cols - 1), 0.5f * (grey.rows - 1));
    fwd = cv::getRotationMatrix2D(c, rollDeg, 1.0);
    const double a = std::abs(fwd.at<double>(0, 0)), b = std::abs(fwd.at<double>(0, 1));
    const int w = int(std::ceil(grey.rows * b + grey.cols * a));
    const int h = int(std::ceil(grey.rows * a + grey.cols * b));
    fwd.at<double>(0, 2) += 0.5 * (w - 1) - c.x;
    fwd.at<double>(1, 2) += 0.5 * (h - 1) - c.y;
    cv::warpAffine(grey, m.rotated, fwd, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    src = &m.rotated;
  }
  const double s = std::ldexp(1.0, upsample);
  if (upsample > 0) {
    cv::resize(*src, m.scaled, cv::Size(), s, s, cv::INTER_LINEAR);
    src = &m.scaled;
  }
  m.dets.clear();
  m.det(dlib::cv_image<unsigned char>(*src), m.dets, adjust);

  cv::Mat inv;
  cv::invertAffineTransform(fwd, inv);
  std::vector<FaceBox> out;
  for (const auto& d : m.dets) {
    const auto& r = d.rect;
    // Pixel-centre convention: upsampled pixel u covers input (u+0.5)/s-0.5.
    const double cx = 0.5 * (r.left() + r.right() + 1) / s - 0.5;
    const double cy = 0.5 * (r.top() + r.bottom() + 1) / s - 0.5;
    FaceBox b;
    b.centre = cv::Point2f(
        float(inv.at<double>(0, 0) * cx + inv.at<double>(0, 1) * cy + inv.at<double>(0, 2)),
        float(inv.at<double>(1, 0) * cx + inv.at<double>(1, 1) * cy + inv.at<double>(1, 2)));
    b.size = float(0.5 * (r.width() + r.height()) / s);
    b.rollDeg = rollDeg;
    b.score = d.detection_confidence;
    b.upsample = upsample;
    out.push_back(b);
  }
  return out;
}

namespace {

// Intersection over union of two axis-aligned squares (centre, side).
double squareIou(const FaceBox& a, const FaceBox& b) {
  const double ix =
      std::max(0.0, std::min(a.centre.x + a.size / 2.0, b.centre.x + b.size / 2.0) -
                        std::max(a.centre.x - a.size / 2.0, b.centre.x - b.size / 2.0));
  const double iy =
      std::max(0.0, std::min(a.centre.y + a.size / 2.0, b.centre.y + b.size / 2.0) -
                        std::max(a.centre.y - a.size / 2.0, b.centre.y - b.size / 2.0));
  const double inter = ix * iy;
  return inter / (double(a.size) * a.size + double(b.size) * b.size - inter);
}

}  // namespace

std::vector<FaceBox> FaceDetector::detectCandidates(const cv::Mat& grey, double adjust) {
  std::vector<FaceBox> all;
  auto add = [&](float roll) {
    for (int u = 0; u <= std::min(opt_.maxUpsample, 1); ++u)
      for (const auto& b : detectPass(grey, roll, u, adjust))
        all.push_back(b);
  };
  add(0.f);
  for (float roll : kRolls)
    add(roll);
  std::sort(all.begin(), all.end(),
            [](const FaceBox& a, const FaceBox& b) { return a.score > b.score; });
  std::vector<FaceBox> kept;
  for (const auto& b : all) {
    bool dup = false;
    for (const auto& k : kept)
      dup = dup || squareIou(b, k) > 0.3;
    if (!dup)
      kept.push_back(b);
  }
  return kept;
}

std::vector<FaceBox> FaceDetector::detect(const cv::Mat& grey) {
  // Upright: as is, then upsampled while dlib's 80 px window still maps to
  // at least minFacePx input px.
  std::vector<FaceBox> faces;
  for (int u = 0; u <= opt_.maxUpsample && faces.empty(); ++u) {
    if (u > 0 && 80.f / float(1 << u) < opt_.minFacePx)
      break;
    faces = detectPass(grey, 0.f, u);
  }
  // Rolled: every roll at one scale, the best-scoring detection wins (a
  // rolled face is often also weakly found at a neighbouring roll).
  if (faces.empty() && opt_.tryRotations) {
    for (int u = 0; u <= std::min(opt_.maxUpsample, 1) && faces.empty(); ++u) {
      for (float roll : kRolls)
        for (const auto& b : detectPass(grey, roll, u))
          faces.push_back(b);
    }
    std::sort(faces.begin(), faces.end(),
              [](const FaceBox& a, const FaceBox& b) { return a.score > b.score; });
    if (faces.size() > 1)
      faces.resize(1);
  }
  std::sort(faces.begin(), faces.end(), [](const FaceBox& a, const FaceBox& b) {
    if (std::abs(a.size - b.size) > 0.1f * std::max(a.size, b.size))
      return a.size > b.size;
    return a.score > b.score;
  });
  return faces;
}

}  // namespace drishti::core
