// EyeStateClassifier on rendered eyes and on its model text format.
#include "firmware/core/eye_state_classifier.h"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "firmware/core/tracking_params.h"
#include "tests/firmware/core/rendered_eye.h"

namespace drishti::core {

TEST_CASE("a rendered open eye is open and a closed one closed, from landmarks", "[eyestate]") {
  EyeStateClassifier classifier;
  test::EyeDrawing d;
  const auto open = test::renderEye(d);
  d.opening = 0.05f;
  const auto closed = test::renderEye(d);
  const float pOpen = classifier.closedProbability(open.grey, open.contour);
  const float pClosed = classifier.closedProbability(closed.grey, open.contour);
  INFO("P(closed): open " << pOpen << ", closed " << pClosed);
  CHECK(pOpen < 0.5f);
  CHECK(pClosed > 0.5f);
}

TEST_CASE("a tight eye crop is classified by itself", "[eyestate]") {
  EyeStateClassifier classifier;
  test::EyeDrawing d;
  d.image = cv::Size(34, 26);  // the Closed Eyes in the Wild crop size
  d.centre = {16.5f, 13.5f};
  d.width = 27.f;
  const auto open = test::renderEye(d);
  d.opening = 0.05f;
  const auto closed = test::renderEye(d);
  CHECK(classifier.closedProbability(open.grey) < 0.5f);
  CHECK(classifier.closedProbability(closed.grey) > 0.5f);
}

TEST_CASE("the eye-state model text survives a round trip", "[eyestate]") {
  const EyeStateModel& m = defaultEyeStateModel();
  const EyeStateModel back = parseEyeStateModel(toText(m));
  REQUIRE(back.weights.size() == m.weights.size());
  CHECK(back.bias == Approx(m.bias));
  CHECK(back.weights[10] == Approx(m.weights[10]));
}

TEST_CASE("a malformed eye-state model is rejected with a reason", "[eyestate]") {
  CHECK_THROWS_WITH(parseEyeStateModel("not a model"), Catch::Contains("bad header"));
  CHECK_THROWS_WITH(parseEyeStateModel("drishti-eye-state-v1 3 bias 0.1 1 2 3"),
                    Catch::Contains("feature count"));
  std::string truncated = toText(defaultEyeStateModel());
  truncated.resize(truncated.size() / 2);
  CHECK_THROWS_WITH(parseEyeStateModel(truncated), Catch::Contains("truncated"));
}

}  // namespace drishti::core

TEST_CASE("an eye half closed by looking down keeps its gaze confidence, and a closing eye loses it") {
  drishti::core::TrackingParams::Gaze gaze;  // closedNoCost 0.5 by default
  const float shut = 0.2f;                   // the openness of a closing eye: no say
  CHECK(gaze.closedCost(0.0f, shut) == 1.0f);
  CHECK(gaze.closedCost(0.3f, shut) == 1.0f);  // lids lowered with the gaze
  CHECK(gaze.closedCost(0.5f, shut) == 1.0f);
  CHECK(gaze.closedCost(0.75f, shut) == Approx(0.5f));  // linear above the threshold
  CHECK(gaze.closedCost(1.0f, shut) == 0.0f);
  CHECK(gaze.closedCost(0.9f, shut) < gaze.closedCost(0.7f, shut));
  // Out-of-range verdicts stay within 0..1.
  CHECK(gaze.closedCost(-0.2f, shut) == 1.0f);
  CHECK(gaze.closedCost(1.5f, shut) == 0.0f);
  // closedNoCost 0 is the plain (1 - P(closed)).
  gaze.closedNoCost = 0.0f;
  CHECK(gaze.closedCost(0.3f, shut) == Approx(0.7f));
}

TEST_CASE("an eye the classifier calls closing keeps its gaze confidence while it is still open") {
  drishti::core::TrackingParams::Gaze gaze;  // openFloor 0.45, openNoCost 0.65
  // Looking at the bottom of the screen: the classifier says closing, the
  // openness says open (measured 0.56-0.82 there on rendered faces).
  CHECK(gaze.closedCost(0.9f, 0.7f) == 1.0f);
  CHECK(gaze.closedCost(0.9f, 0.65f) == 1.0f);
  CHECK(gaze.closedCost(0.9f, 0.55f) == Approx(0.5f));  // linear between floor and no-cost
  CHECK(gaze.closedCost(0.9f, 0.6f) > gaze.closedCost(0.9f, 0.5f));
  // A blink's closed frames (openness 0.16-0.35) still lose it.
  CHECK(gaze.closedCost(1.0f, 0.35f) == 0.0f);
  CHECK(gaze.closedCost(1.0f, 0.45f) == 0.0f);
  // The openness only ever raises the classifier's factor.
  CHECK(gaze.closedCost(0.2f, 0.1f) == 1.0f);
  CHECK(gaze.closedCost(0.75f, 0.5f) == Approx(0.5f));
  // Out-of-range openness stays within 0..1.
  CHECK(gaze.closedCost(1.0f, 1.5f) == 1.0f);
  CHECK(gaze.closedCost(1.0f, -1.0f) == 0.0f);
}
