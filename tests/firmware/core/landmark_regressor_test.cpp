// LandmarkRegressor must reproduce dlib::shape_predictor on the same boxes.
#include "firmware/core/landmark_regressor.h"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing/shape_predictor.h>
#include <dlib/opencv/cv_image.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <string>

#include "tests/firmware/core/core_test_support.h"
#include "tests/support/test_data.h"

using namespace drishti::core;

namespace {
const dlib::shape_predictor& predictor() {
  return drishti::test::landmarkDetector().predictor();
}
}  // namespace

TEST_CASE("LandmarkRegressor: matches dlib on video frames", "[LandmarkRegressor][data]") {
  const std::string data = drishti::test::dataDir("videos").string();
  const LandmarkModel model(predictor());
  LandmarkRegressor reg(model);
  CHECK(model.cascades() == 15);
  CHECK(model.treesPerCascade() == 500);
  auto det = dlib::get_frontal_face_detector();
  double sum = 0, worst = 0;
  int n = 0, frames = 0;
  for (const char* v : {"videos/laptop-webcam-1080p.mp4", "videos/phone-portrait-480x854.mp4"}) {
    cv::VideoCapture cap(std::string(data) + "/" + v);
    cv::Mat f, g;
    for (int i = 0; i < 300 && cap.read(f); i += 1) {
      if (i % 6)
        continue;
      cv::cvtColor(f, g, cv::COLOR_BGR2GRAY);
      cv::resize(g, g, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
      const dlib::cv_image<unsigned char> img(g);
      const auto faces = det(img);
      REQUIRE_FALSE(faces.empty());
      for (int shift : {0, 7}) {  // the detector box and a displaced one
        dlib::rectangle r = dlib::translate_rect(faces[0], dlib::point(shift, -shift));
        const auto ref = predictor()(img, r);
        FaceShape ours;
        reg.predict(g, cv::Rect2f(r.left(), r.top(), r.right() - r.left(), r.bottom() - r.top()),
                    ours);
        for (int k = 0; k < 68; ++k) {
          // dlib rounds its output to whole pixels.
          const double d = std::hypot(std::floor(ours[k].x + 0.5) - ref.part(k).x(),
                                      std::floor(ours[k].y + 0.5) - ref.part(k).y());
          sum += d;
          worst = std::max(worst, d);
          ++n;
        }
        ++frames;
      }
    }
  }
  std::printf("%d predictions: mean |ours - dlib| = %.4f px, max = %.2f px\n", frames, sum / n,
              worst);
  CHECK(sum / n < 0.01);
  CHECK(worst <= 1.5);
}
