// FaceTracker tests on the shared evaluation stills. They need the data set:
// set DRISHTI_DATA to its directory (e.g. /work/shared/data); without it they
// are skipped with a message, never failed.
#include "firmware/core/face_tracker.h"

#include <dlib/image_processing/shape_predictor.h>
#include <dlib/serialize.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>

#include "firmware/core/frame_scaler.h"
#include "firmware/core/landmark_regressor.h"
#include "firmware/core/tracking_pipeline.h"
#include "tests/firmware/core/core_test_support.h"
#include "tests/support/test_data.h"

using namespace drishti::core;

namespace {

const dlib::shape_predictor& predictor() {
  return drishti::test::landmarkDetector().predictor();
}

cv::Mat loadGray(const std::string& rel) {
  const cv::Mat img = drishti::test::dataImage(rel, cv::IMREAD_COLOR);
  FrameScaler s(640 * 480);
  return s.process(img).clone();
}

cv::Point2f centre(const cv::Rect2f& r) {
  return {r.x + r.width / 2, r.y + r.height / 2};
}

}  // namespace

TEST_CASE("FaceTracker: acquires and keeps tracking a still", "[FaceTracker][data]") {
  const cv::Mat g = loadGray("faces/stills/obama-480p.jpg");
  FaceTracker tr(predictor(), TrackingParams::Face{});
  const FaceObservation& o = tr.update(g, 0);
  REQUIRE(o.found);
  CHECK(o.acquired);
  CHECK(o.detectorRuns == 1);
  const cv::Rect2f first = o.box;
  int detectorRuns = 0;
  for (int i = 1; i <= 60; ++i) {
    const FaceObservation& k = tr.update(g, i * 33.3);
    REQUIRE(k.found);
    CHECK(k.landmarkRuns == 1);
    detectorRuns += k.detectorRuns;
    CHECK(k.confidence > 0.8f);
  }
  // Only the periodic local checks (about one per second) ran the detector.
  CHECK(detectorRuns <= 3);
  CHECK(centre(tr.last().box).x == Approx(centre(first).x).margin(3.f));
  CHECK(tr.last().box.width == Approx(first.width).margin(3.f));
}

TEST_CASE("FaceTracker: box from shape is consistent with detector box", "[FaceTracker][data]") {
  const cv::Mat g = loadGray("faces/stills/obama-720p.jpg");
  FaceTracker tr(predictor(), TrackingParams::Face{});
  const FaceObservation& o = tr.update(g, 0);
  REQUIRE(o.found);
  // The derived box must be roughly square and of face size.
  CHECK(o.box.width > 60.f);
  CHECK(o.box.width == Approx(o.box.height).margin(1e-3f));
}

TEST_CASE("FaceTracker: policy chooses largest or most central", "[FaceTracker][data]") {
  // Composite: the same face twice, enlarged 1.6x near the right edge and at
  // its original size in the centre of a 640x480 canvas.
  const cv::Mat src = loadGray("faces/stills/two_people.jpg");  // faces ~96 px
  FaceTracker probe(predictor(), TrackingParams::Face{});
  REQUIRE(probe.update(src, 0).found);
  const cv::Rect2f fa = probe.last().box;
  cv::Mat canvas(480, 640, CV_8UC1, cv::Scalar(128));
  auto paste = [&](const cv::Rect2f& face, float scale, cv::Point2f centreAt) {
    const cv::Rect roi =
        cv::Rect(cv::Rect2f(face.x - face.width * 0.4f, face.y - face.height * 0.4f,
                            face.width * 1.8f, face.height * 1.8f)) &
        cv::Rect(0, 0, src.cols, src.rows);
    cv::Mat part;
    cv::resize(src(roi), part, cv::Size(), scale, scale, cv::INTER_LINEAR);
    cv::Rect dst(static_cast<int>(centreAt.x - part.cols / 2),
                 static_cast<int>(centreAt.y - part.rows / 2), part.cols, part.rows);
    dst &= cv::Rect(0, 0, canvas.cols, canvas.rows);
    part(cv::Rect(0, 0, dst.width, dst.height)).copyTo(canvas(dst));
  };
  paste(fa, 1.6f, {520.f, 240.f});
  paste(fa, 1.0f, {320.f, 240.f});
  TrackingParams::Face p;
  p.policy = FacePolicy::kLargest;
  FaceTracker largest(predictor(), p);
  p.policy = FacePolicy::kMostCentral;
  FaceTracker central(predictor(), p);
  const FaceObservation a = largest.update(canvas, 0);
  const FaceObservation b = central.update(canvas, 0);
  REQUIRE(a.found);
  REQUIRE(b.found);
  CHECK(centre(a.box).x == Approx(520.f).margin(40.f));
  CHECK(centre(b.box).x == Approx(320.f).margin(40.f));
  // Each keeps its choice on later frames.
  for (int i = 1; i < 40; ++i) {
    CHECK(centre(largest.update(canvas, i * 33.3).box).x == Approx(centre(a.box).x).margin(5.f));
    CHECK(centre(central.update(canvas, i * 33.3).box).x == Approx(centre(b.box).x).margin(5.f));
  }
}

TEST_CASE("FaceTracker: does not jump to a visitor", "[FaceTracker][data]") {
  // Start with only the patient visible (the other person blanked out), then
  // show the full image with the second face: the track must stay.
  const cv::Mat full = loadGray("faces/stills/two_people.jpg");
  FaceTracker probe(predictor(), TrackingParams::Face{});
  const FaceObservation first = probe.update(full, 0);
  REQUIRE(first.found);
  // Blank everything but the chosen face's neighbourhood to make the "before".
  cv::Mat only = cv::Mat(full.size(), CV_8UC1, cv::Scalar(128));
  const cv::Rect keep = cv::Rect(cv::Rect2f(first.box.x - first.box.width * 0.5f,
                                            first.box.y - first.box.height * 0.5f,
                                            first.box.width * 2.f, first.box.height * 2.f)) &
                        cv::Rect(0, 0, full.cols, full.rows);
  full(keep).copyTo(only(keep));
  TrackingParams::Face p;
  p.policy = FacePolicy::kMostCentral;  // would pick either; the track must not care
  FaceTracker tr(predictor(), p);
  REQUIRE(tr.update(only, 0).found);
  const cv::Point2f c0 = centre(tr.last().box);
  for (int i = 1; i < 90; ++i) {
    const FaceObservation& o = tr.update(full, i * 33.3);
    REQUIRE(o.found);
    CHECK_FALSE(o.acquired);
    CHECK(centre(o.box).x == Approx(c0.x).margin(5.f));
  }
}

TEST_CASE("FaceTracker: loses a face that disappears", "[FaceTracker][data]") {
  const cv::Mat g = loadGray("faces/stills/obama-480p.jpg");
  FaceTracker tr(predictor(), TrackingParams::Face{});
  REQUIRE(tr.update(g, 0).found);
  const cv::Mat blank(g.size(), CV_8UC1, cv::Scalar(90));
  bool lost = false;
  double t = 33.3;
  for (int i = 0; i < 60 && !lost; ++i, t += 33.3)
    lost = !tr.update(blank, t).found;
  CHECK(lost);
  // And finds it again when it comes back.
  CHECK(tr.update(g, t).found);
}

TEST_CASE("TrackingPipeline: reports original pixels", "[TrackingPipeline][data]") {
  const cv::Mat big = drishti::test::dataImage("faces/stills/obama-1080p.jpg", cv::IMREAD_COLOR);
  const cv::Mat small = drishti::test::dataImage("faces/stills/obama-480p.jpg", cv::IMREAD_COLOR);
  TrackingPipeline a(predictor()), b(predictor());
  const FrameResult ra = a.process(big, 0);
  const FrameResult rb = b.process(small, 0);
  REQUIRE(ra.face.found);
  REQUIRE(rb.face.found);
  CHECK(ra.workScale < 1.f);
  // Same face, coordinates scale with the image size.
  const float k = static_cast<float>(big.cols) / small.cols;
  CHECK(ra.face.shape[30].x == Approx(rb.face.shape[30].x * k).margin(0.05f * ra.face.box.width));
  CHECK(ra.face.shape[30].y == Approx(rb.face.shape[30].y * k).margin(0.05f * ra.face.box.width));
}

TEST_CASE("TrackingPipeline: the flat model alone tracks as with dlib's predictor beside it",
          "[TrackingPipeline][data]") {
  const cv::Mat big = drishti::test::dataImage("faces/stills/obama-1080p.jpg", cv::IMREAD_COLOR);
  const auto model = std::make_shared<const LandmarkModel>(predictor());
  TrackingPipeline withDlib(predictor(), TrackingParams{}, model), alone(model);
  for (double t = 0; t < 200; t += 33.3) {
    const FrameResult& a = withDlib.process(big, t);
    const FrameResult& b = alone.process(big, t);
    REQUIRE(a.face.found == b.face.found);
    for (int k = 0; k < 68; ++k)
      CHECK(a.face.shape[k] == b.face.shape[k]);
  }
}

TEST_CASE("TrackingPipeline: the dlib engine without dlib's predictor is refused at construction",
          "[TrackingPipeline][data]") {
  drishti::test::dataDir();
  TrackingParams p;
  p.face.landmarkEngine = LandmarkEngine::kDlib;
  const auto model = std::make_shared<const LandmarkModel>(predictor());
  CHECK_THROWS_AS(TrackingPipeline(model, p), std::invalid_argument);
  CHECK_THROWS_AS(TrackingPipeline(nullptr), std::invalid_argument);
}
