#include "tests/generator/face_photo.h"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/opencv.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "models/model_catalog.h"

namespace drishti::gen {

namespace {

std::vector<cv::Point> scaled(const std::array<Point2, 6>& poly, int shift) {
  std::vector<cv::Point> out;
  const double k = 1 << shift;
  for (const Point2& p : poly)
    out.emplace_back(static_cast<int>(std::lround(p.x * k)),
                     static_cast<int>(std::lround(p.y * k)));
  return out;
}

double discScore(const cv::Mat& grey, const cv::Mat& mask, double cx, double cy, double r) {
  double sum = 0, n = 0;
  const int x0 = std::max(0, static_cast<int>(std::floor(cx - r)));
  const int x1 = std::min(grey.cols - 1, static_cast<int>(std::ceil(cx + r)));
  const int y0 = std::max(0, static_cast<int>(std::floor(cy - r)));
  const int y1 = std::min(grey.rows - 1, static_cast<int>(std::ceil(cy + r)));
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      const double d = std::hypot(x - cx, y - cy);
      const double w = std::clamp(r + 0.5 - d, 0.0, 1.0) * mask.at<std::uint8_t>(y, x) / 255.0;
      sum += w * grey.at<std::uint8_t>(y, x);
      n += w;
    }
  }
  // Too little of the disc visible is not evidence of an iris.
  return n > 0.25 * 3.14159 * r * r ? sum / n : 1e9;
}

}  // namespace

cv::Mat eyePolygonMask(cv::Size size, const std::array<Point2, 6>& poly) {
  cv::Mat mask(size, CV_8U, cv::Scalar(0));
  const std::vector<std::vector<cv::Point>> pts = {scaled(poly, 4)};
  cv::fillPoly(mask, pts, cv::Scalar(255), cv::LINE_AA, 4);
  return mask;
}

Point2 findDarkDisc(const cv::Mat& grey, const std::array<Point2, 6>& polygon, double radius) {
  const cv::Mat mask = eyePolygonMask(grey.size(), polygon);
  double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
  for (const Point2& p : polygon) {
    minX = std::min(minX, p.x);
    maxX = std::max(maxX, p.x);
    minY = std::min(minY, p.y);
    maxY = std::max(maxY, p.y);
  }
  Point2 best{0.5 * (minX + maxX), 0.5 * (minY + maxY)};
  double bestScore = 1e18;
  for (double y = minY; y <= maxY; y += 1.0) {
    for (double x = minX; x <= maxX; x += 1.0) {
      if (cv::pointPolygonTest(scaled(polygon, 0),
                               cv::Point2f(static_cast<float>(x), static_cast<float>(y)),
                               false) < 0)
        continue;
      const double s = discScore(grey, mask, x, y, radius);
      if (s < bestScore) {
        bestScore = s;
        best = {x, y};
      }
    }
  }
  const Point2 coarse = best;
  for (double dy = -1; dy <= 1.0; dy += 0.25) {
    for (double dx = -1; dx <= 1.0; dx += 0.25) {
      const double s = discScore(grey, mask, coarse.x + dx, coarse.y + dy, radius);
      if (s < bestScore) {
        bestScore = s;
        best = {coarse.x + dx, coarse.y + dy};
      }
    }
  }
  return best;
}

std::string FacePhoto::findLandmarkModel(std::string& error) {
  const auto catalog = models::ModelCatalog::load(models::defaultManifestPath(), error);
  if (!catalog)
    return {};
  const models::ModelLocation loc = catalog->locate("face_landmarks_68");
  if (!loc.found) {
    error = loc.message;
    return {};
  }
  return loc.path;
}

std::optional<FacePhoto> FacePhoto::load(const std::string& imagePath,
                                         const std::string& landmarkModel, std::string& error,
                                         double interocularMm) {
  FacePhoto f;
  f.image_ = cv::imread(imagePath, cv::IMREAD_COLOR);
  if (f.image_.empty()) {
    error = "cannot read the image " + imagePath;
    return std::nullopt;
  }
  dlib::shape_predictor predictor;
  try {
    dlib::deserialize(landmarkModel) >> predictor;
  } catch (const std::exception& e) {
    error = "cannot load the landmark model " + landmarkModel + ": " + e.what();
    return std::nullopt;
  }
  dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
  dlib::cv_image<dlib::bgr_pixel> img(cvIplImage(f.image_));
  std::vector<dlib::rectangle> faces = detector(img);
  if (faces.empty()) {
    dlib::array2d<dlib::bgr_pixel> up;
    dlib::pyramid_up(img, up, dlib::pyramid_down<2>());
    faces = detector(up);
    for (auto& r : faces)
      r = dlib::rectangle(r.left() / 2, r.top() / 2, r.right() / 2, r.bottom() / 2);
  }
  if (faces.empty()) {
    error = "no face found in " + imagePath;
    return std::nullopt;
  }
  const dlib::rectangle face = *std::max_element(
      faces.begin(), faces.end(), [](const auto& a, const auto& b) { return a.area() < b.area(); });
  const dlib::full_object_detection shape = predictor(img, face);
  for (unsigned i = 0; i < 68; ++i)
    f.landmarks_[i] = {static_cast<double>(shape.part(i).x()),
                       static_cast<double>(shape.part(i).y())};

  FaceGeometry& g = f.geometry_;
  g.imageWidth = f.image_.cols;
  g.imageHeight = f.image_.rows;
  Point2 mid[2];
  for (int e = 0; e < 2; ++e) {
    EyeGeometry& eye = g.eyes[static_cast<std::size_t>(e)];
    const int first = e == 0 ? 36 : 42;
    for (int k = 0; k < 6; ++k)
      eye.polygon[static_cast<std::size_t>(k)] = f.landmarks_[static_cast<std::size_t>(first + k)];
    eye.cornerLeft = eye.polygon[0];
    eye.cornerRight = eye.polygon[3];
    mid[e] = {0.5 * (eye.cornerLeft.x + eye.cornerRight.x),
              0.5 * (eye.cornerLeft.y + eye.cornerRight.y)};
  }
  cv::Mat grey;
  cv::cvtColor(f.image_, grey, cv::COLOR_BGR2GRAY);
  // Scale from the eye-centre distance first, then from the irises found with it.
  double ppm = std::hypot(mid[1].x - mid[0].x, mid[1].y - mid[0].y) / interocularMm;
  for (int pass = 0; pass < 2; ++pass) {
    for (int e = 0; e < 2; ++e) {
      EyeGeometry& eye = g.eyes[static_cast<std::size_t>(e)];
      eye.irisRadiusPx = 6.0 * ppm;
      eye.iris = findDarkDisc(grey, eye.polygon, eye.irisRadiusPx);
    }
    ppm = std::hypot(g.eyes[1].iris.x - g.eyes[0].iris.x, g.eyes[1].iris.y - g.eyes[0].iris.y) /
          interocularMm;
  }
  g.pxPerMm = ppm;
  for (EyeGeometry& eye : g.eyes)
    eye.irisRadiusPx = 6.0 * ppm;
  g.centre = {0.5 * (g.eyes[0].iris.x + g.eyes[1].iris.x),
              0.5 * (g.eyes[0].iris.y + g.eyes[1].iris.y)};
  if (ppm * interocularMm < 30) {
    error = "the face in " + imagePath + " is too small (eyes " +
            std::to_string(static_cast<int>(ppm * interocularMm)) + " px apart; 30 needed)";
    return std::nullopt;
  }
  f.prepareEyes();
  return f;
}

}  // namespace drishti::gen
