// OpennessEstimator on synthetic eyes: skin-coloured face with an open eye
// (white sclera, dark iris) or a closed one (skin with a dark lash line), and
// landmarks that either follow the lids or lag (stay open while the image
// shows a closed eye, as dlib's landmarks do in fast blinks).
#include "firmware/core/openness_estimator.h"

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

using namespace drishti::core;

namespace {

const cv::Scalar kSkin(120, 150, 205);                          // BGR, reddish
const cv::Point2f kEyes[2] = {{120.f, 100.f}, {280.f, 100.f}};  // eye centres
constexpr float kHalfWidth = 40.f;                              // eye width 80 px

cv::Mat draw(bool open) {
  cv::Mat img(200, 400, CV_8UC3, kSkin);
  for (const cv::Point2f& c : kEyes) {
    if (open) {
      cv::ellipse(img, c, cv::Size(40, 13), 0, 0, 360, cv::Scalar(235, 235, 240), cv::FILLED,
                  cv::LINE_AA);
      cv::circle(img, c, 12, cv::Scalar(30, 45, 70), cv::FILLED, cv::LINE_AA);
      cv::circle(img, c, 5, cv::Scalar(10, 10, 10), cv::FILLED, cv::LINE_AA);
      cv::ellipse(img, c, cv::Size(40, 13), 0, 180, 360, cv::Scalar(40, 50, 70), 2, cv::LINE_AA);
    } else {
      cv::ellipse(img, c + cv::Point2f(0, 4), cv::Size(40, 6), 0, 0, 180, cv::Scalar(40, 50, 70), 2,
                  cv::LINE_AA);
    }
  }
  return img;
}

// 68-point shape with only the eye points meaningful; lid opening = half
// height of the eye (px) at the lid landmarks.
FaceShape shapeWithEyes(float halfHeight) {
  FaceShape s{};
  for (int e = 0; e < 2; ++e) {
    const cv::Point2f c = kEyes[e];
    const int f = e == 0 ? kImageLeftEyeFirst : kImageRightEyeFirst;
    s[f + 0] = {c.x - kHalfWidth, c.y};
    s[f + 1] = {c.x - kHalfWidth / 3, c.y - halfHeight};
    s[f + 2] = {c.x + kHalfWidth / 3, c.y - halfHeight};
    s[f + 3] = {c.x + kHalfWidth, c.y};
    s[f + 4] = {c.x + kHalfWidth / 3, c.y + halfHeight};
    s[f + 5] = {c.x - kHalfWidth / 3, c.y + halfHeight};
  }
  return s;
}

struct Run {
  OpennessEstimator est{TrackingParams::Openness{}};
  double t = 0;
  EyeOpenness l, r;
  void feed(const cv::Mat& bgr, const FaceShape& s, bool colour, float closedProbability = -1.f) {
    cv::Mat g;
    cv::cvtColor(bgr, g, cv::COLOR_BGR2GRAY);
    est.update(g, colour ? bgr : cv::Mat(), s, 1.f, t, l, r, closedProbability, closedProbability);
    t += 33.3;
  }
};

}  // namespace

TEST_CASE("OpennessEstimator: open and closed eyes with following landmarks",
          "[OpennessEstimator]") {
  for (bool colour : {true, false}) {
    Run run;
    const cv::Mat open = draw(true), closed = draw(false);
    for (int i = 0; i < 90; ++i)
      run.feed(open, shapeWithEyes(12.f), colour);
    CHECK(run.l.openness > 0.9f);
    CHECK(run.r.openness > 0.9f);
    CHECK(run.l.confidence > 0.9f);
    run.feed(closed, shapeWithEyes(2.f), colour);
    CHECK(run.l.openness < 0.2f);
    CHECK(run.r.openness < 0.2f);
  }
}

TEST_CASE("OpennessEstimator: closed eye detected despite lagging landmarks",
          "[OpennessEstimator]") {
  Run run;
  const cv::Mat open = draw(true), closed = draw(false);
  for (int i = 0; i < 90; ++i)
    run.feed(open, shapeWithEyes(12.f), true);
  // Landmarks still say "open" (EAR at baseline) but the image is closed: the
  // two appearance cues outvote EAR in the median.
  run.feed(closed, shapeWithEyes(12.f), true);
  CHECK(run.l.ear.openness > 0.9f);
  CHECK(run.l.openness < 0.2f);
  CHECK(run.l.opennessLow < 0.2f);
}

TEST_CASE("OpennessEstimator: droopy lids are the new open", "[OpennessEstimator]") {
  // A person whose open eye is half as tall as the prior assumes: after the
  // baseline adapts, that is openness ~1.
  Run run;
  const cv::Mat open = draw(true);
  for (int i = 0; i < 300; ++i)
    run.feed(open, shapeWithEyes(6.f), true);
  CHECK(run.l.ear.raw < 0.2f);  // a fixed EAR threshold would say "closed"
  CHECK(run.l.openness > 0.9f);
}

TEST_CASE("OpennessEstimator: on grey frames the eye-state cue outvotes lagging landmarks",
          "[OpennessEstimator]") {
  Run withState, without;
  const cv::Mat open = draw(true), closed = draw(false);
  for (int i = 0; i < 90; ++i) {
    withState.feed(open, shapeWithEyes(12.f), false, 0.05f);
    without.feed(open, shapeWithEyes(12.f), false);
  }
  CHECK(withState.l.openness > 0.9f);
  CHECK(withState.l.state.valid);
  CHECK_FALSE(without.l.state.valid);
  // The lids close in the image; the landmarks stay open (EAR at baseline).
  withState.feed(closed, shapeWithEyes(12.f), false, 0.95f);
  without.feed(closed, shapeWithEyes(12.f), false);
  CHECK(withState.l.ear.openness > 0.9f);
  CHECK(withState.l.openness < 0.2f);
  CHECK(without.l.openness > withState.l.openness + 0.3f);
}

TEST_CASE("OpennessEstimator: an eye the classifier always doubts is open at its own baseline",
          "[OpennessEstimator]") {
  // Ptosis: P(closed) of the open eye is 0.6; relative to that baseline the
  // eye is open, and a real closure (0.98) still reads closed.
  Run run;
  const cv::Mat open = draw(true), closed = draw(false);
  for (int i = 0; i < 300; ++i)
    run.feed(open, shapeWithEyes(6.f), false, 0.6f);
  CHECK(run.l.state.openness > 0.9f);
  run.feed(closed, shapeWithEyes(2.f), false, 0.98f);
  CHECK(run.l.state.openness < 0.2f);
  CHECK(run.l.openness < 0.3f);
}
