// EyeStateClassifier on rendered eyes and on its model text format.
#include "firmware/core/eye_state_classifier.h"

#include <catch2/catch.hpp>
#include <stdexcept>

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
