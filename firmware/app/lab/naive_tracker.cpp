#include "firmware/app/lab/naive_tracker.h"

#include <dlib/opencv/cv_image.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace drishti::lab {

NaiveTracker::NaiveTracker(const dlib::shape_predictor& predictor)
    : predictor_(predictor), detector_(dlib::get_frontal_face_detector()) {}

bool NaiveTracker::process(const cv::Mat& frame) {
  if (frame.channels() == 3)
    cv::cvtColor(frame, grey_, cv::COLOR_BGR2GRAY);
  else
    frame.copyTo(grey_);
  const dlib::cv_image<unsigned char> image(grey_);
  const std::vector<dlib::rectangle> faces = detector_(image);
  if (faces.empty())
    return false;
  const dlib::rectangle face = *std::max_element(
      faces.begin(), faces.end(), [](const auto& a, const auto& b) { return a.area() < b.area(); });
  const dlib::full_object_detection shape = predictor_(image, face);
  for (int e = 0; e < 2; ++e) {
    const unsigned long first = e == 0 ? 36 : 42;
    std::vector<cv::Point> points;
    for (unsigned long i = 0; i < 6; ++i)
      points.emplace_back(static_cast<int>(shape.part(first + i).x()),
                          static_cast<int>(shape.part(first + i).y()));
    const cv::Rect box = cv::boundingRect(points) & cv::Rect(0, 0, grey_.cols, grey_.rows);
    if (box.area() < 4)
      continue;
    cv::threshold(grey_(box), binary_, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    const cv::Moments m = cv::moments(binary_, true);
    if (m.m00 > 0)
      pupils_[e] = cv::Point2f(static_cast<float>(box.x + m.m10 / m.m00),
                               static_cast<float>(box.y + m.m01 / m.m00));
  }
  return true;
}

}  // namespace drishti::lab
