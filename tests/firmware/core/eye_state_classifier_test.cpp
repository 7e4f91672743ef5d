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

TEST_CASE("an eye half closed by looking down keeps its gaze confidence; a closing eye loses it") {
  drishti::core::TrackingParams::Gaze gaze;  // closedNoCost 0.5 by default
  CHECK(gaze.closedCost(0.0f) == 1.0f);
  CHECK(gaze.closedCost(0.3f) == 1.0f);  // lids lowered with the gaze
  CHECK(gaze.closedCost(0.5f) == 1.0f);
  CHECK(gaze.closedCost(0.75f) == Approx(0.5f));  // linear above the threshold
  CHECK(gaze.closedCost(1.0f) == 0.0f);
  CHECK(gaze.closedCost(0.9f) < gaze.closedCost(0.7f));
  // Out-of-range verdicts stay within 0..1.
  CHECK(gaze.closedCost(-0.2f) == 1.0f);
  CHECK(gaze.closedCost(1.5f) == 0.0f);
  // closedNoCost 0 is the plain (1 - P(closed)).
  gaze.closedNoCost = 0.0f;
  CHECK(gaze.closedCost(0.3f) == Approx(0.7f));
}
