#include "firmware/core/landmark_detector.h"

#include <dlib/image_processing/shape_predictor.h>
#include <dlib/opencv/cv_image.h>

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace drishti::core {

struct LandmarkDetector::Impl {
  dlib::shape_predictor sp;
  cv::Mat crop;
};

LandmarkDetector::LandmarkDetector(std::istream& model) : impl_(std::make_unique<Impl>()) {
  dlib::deserialize(impl_->sp, model);
  if (impl_->sp.num_parts() != 68)
    throw std::runtime_error("LandmarkDetector: model must have 68 parts");
}
LandmarkDetector::~LandmarkDetector() = default;
LandmarkDetector::LandmarkDetector(LandmarkDetector&&) noexcept = default;
LandmarkDetector& LandmarkDetector::operator=(LandmarkDetector&&) noexcept = default;

const dlib::shape_predictor& LandmarkDetector::predictor() const {
  return impl_->sp;
}

FaceShape LandmarkDetector::detect(const cv::Mat& grey, const FaceBox& face) {
  CV_Assert(grey.type() == CV_8UC1);
  FaceShape out;
  auto boxAt = [&](cv::Point2f c) {
    const double h = 0.5 * face.size;
    return dlib::rectangle(long(std::lround(c.x - h + 0.5)), long(std::lround(c.y - h + 0.5)),
                           long(std::lround(c.x + h - 0.5)), long(std::lround(c.y + h - 0.5)));
  };
  if (face.rollDeg == 0.f) {
    const auto shape = impl_->sp(dlib::cv_image<unsigned char>(grey), boxAt(face.centre));
    for (int i = 0; i < 68; ++i)
      out[i] = cv::Point2f(float(shape.part(i).x()), float(shape.part(i).y()));
    return out;
  }
  // Upright crop of 2x the box around the face, same scale.
  const int side = int(std::ceil(2.0 * face.size));
  const cv::Point2f cc(0.5f * (side - 1), 0.5f * (side - 1));
  cv::Mat fwd = cv::getRotationMatrix2D(face.centre, face.rollDeg, 1.0);
  fwd.at<double>(0, 2) += cc.x - face.centre.x;
  fwd.at<double>(1, 2) += cc.y - face.centre.y;
  cv::warpAffine(grey, impl_->crop, fwd, cv::Size(side, side), cv::INTER_LINEAR,
                 cv::BORDER_REPLICATE);
  const auto shape = impl_->sp(dlib::cv_image<unsigned char>(impl_->crop), boxAt(cc));
  cv::Mat inv;
  cv::invertAffineTransform(fwd, inv);
  for (int i = 0; i < 68; ++i) {
    const double x = double(shape.part(i).x()), y = double(shape.part(i).y());
    out[i] = cv::Point2f(
        float(inv.at<double>(0, 0) * x + inv.at<double>(0, 1) * y + inv.at<double>(0, 2)),
        float(inv.at<double>(1, 0) * x + inv.at<double>(1, 1) * y + inv.at<double>(1, 2)));
  }
  return out;
}

}  // namespace drishti::core
