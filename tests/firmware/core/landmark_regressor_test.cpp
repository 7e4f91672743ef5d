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
#include <sstream>
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

TEST_CASE("a landmark model read from its file predicts exactly as one built from dlib's",
          "[LandmarkRegressor][data]") {
  drishti::test::dataDir();  // needs the model file; kept with the data tests for qemu
  std::stringstream file;
  dlib::serialize(predictor(), file);
  const LandmarkModel fromFile(file);
  const LandmarkModel fromDlib(predictor());
  CHECK(fromFile.cascades() == fromDlib.cascades());
  CHECK(fromFile.treesPerCascade() == fromDlib.treesPerCascade());
  for (int i = 0; i < 68; ++i)
    CHECK(fromFile.meanShape()[i] == fromDlib.meanShape()[i]);
  LandmarkRegressor a(fromFile), b(fromDlib);
  cv::Mat noise(240, 320, CV_8UC1);
  cv::RNG(11).fill(noise, cv::RNG::UNIFORM, 0, 256);
  cv::GaussianBlur(noise, noise, cv::Size(0, 0), 1.5);
  int differing = 0;
  for (const cv::Rect2f box : {cv::Rect2f(60, 40, 150, 150), cv::Rect2f(100, 70, 90, 95),
                               cv::Rect2f(-20, -10, 200, 200)}) {
    FaceShape pa, pb;
    a.predict(noise, box, pa);
    b.predict(noise, box, pb);
    for (int k = 0; k < 68; ++k)
      differing += pa[k] != pb[k];
  }
  CHECK(differing == 0);
}

TEST_CASE("a truncated or garbled landmark model file is refused, not half loaded",
          "[LandmarkRegressor][data]") {
  drishti::test::dataDir();
  std::stringstream whole;
  dlib::serialize(predictor(), whole);
  const std::string bytes = whole.str();
  for (const std::size_t keep :
       {std::size_t{3}, std::size_t{600}, bytes.size() / 2, bytes.size() - 10}) {
    std::istringstream cut(bytes.substr(0, keep));
    INFO("first " << keep << " bytes");
    CHECK_THROWS(LandmarkModel(cut));
  }
  std::string garbled = bytes.substr(0, 4096);
  cv::RNG rng(5);
  for (std::size_t i = 560; i < garbled.size(); ++i)
    garbled[i] = static_cast<char>(rng.uniform(0, 256));
  std::istringstream in(garbled);
  CHECK_THROWS(LandmarkModel(in));
}
