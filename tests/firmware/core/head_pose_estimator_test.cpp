// HeadPoseEstimator on landmarks projected from known poses.
#include "firmware/core/head_pose_estimator.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "firmware/core/eye_features.h"

namespace drishti::core {
namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;

// Rotation for a face turned by yaw (to the image right), pitched up and
// rolled clockwise, in the conventions of HeadPose.
cv::Matx33f poseRotation(double yaw, double pitch, double roll) {
  const double y = -yaw * kDeg, p = -pitch * kDeg, r = roll * kDeg;
  const cv::Matx33d ry(std::cos(y), 0, std::sin(y), 0, 1, 0, -std::sin(y), 0, std::cos(y));
  const cv::Matx33d rx(1, 0, 0, 0, std::cos(p), -std::sin(p), 0, std::sin(p), std::cos(p));
  const cv::Matx33d rz(std::cos(r), -std::sin(r), 0, std::sin(r), std::cos(r), 0, 0, 0, 1);
  return cv::Matx33f(rz * ry * rx);
}

FaceShape projectModel(const HeadPoseEstimator& est, const HeadPose& pose, cv::Size size,
                       double noisePx = 0) {
  FaceShape s{};
  cv::RNG rng(7);
  for (const HeadModelPoint& m : genericHeadModel()) {
    cv::Point2f p = est.project(pose, m.mm, size);
    p.x += static_cast<float>(rng.gaussian(noisePx));
    p.y += static_cast<float>(rng.gaussian(noisePx));
    s[static_cast<size_t>(m.landmark)] = p;
  }
  return s;
}

}  // namespace

TEST_CASE("head pose recovers the pose the landmarks were projected from", "[headpose]") {
  const cv::Size size(640, 480);
  HeadPoseEstimator est;
  for (double yaw : {-30.0, 0.0, 25.0})
    for (double pitch : {-15.0, 10.0})
      for (double roll : {-12.0, 5.0}) {
        HeadPose truth;
        truth.rotation = poseRotation(yaw, pitch, roll);
        truth.positionMm = cv::Vec3f(30.f, -20.f, 550.f);
        est.reset();
        const HeadPose& got = est.estimate(projectModel(est, truth, size), size, 1.f);
        INFO("yaw " << yaw << " pitch " << pitch << " roll " << roll);
        REQUIRE(got.valid);
        CHECK(got.yawDeg == Approx(yaw).margin(0.5));
        CHECK(got.pitchDeg == Approx(pitch).margin(0.5));
        CHECK(got.rollDeg == Approx(roll).margin(0.5));
        CHECK(got.positionMm[2] == Approx(550).margin(5));
        CHECK(got.confidence > 0.95f);
      }
}

TEST_CASE("a face turned to the image right has positive yaw", "[headpose]") {
  const cv::Size size(640, 480);
  HeadPoseEstimator est;
  HeadPose truth;
  truth.rotation = poseRotation(20, 0, 0);
  truth.positionMm = cv::Vec3f(0.f, 0.f, 600.f);
  const FaceShape s = projectModel(est, truth, size);
  // The nose tip moves towards the image right of the eye-corner midpoint.
  CHECK(s[30].x > 0.5f * (s[36].x + s[45].x));
  CHECK(est.estimate(s, size, 1.f).yawDeg > 15.f);
}

TEST_CASE("noisy landmarks give a nearby pose, and a distorted face lowers confidence", "[headpose]") {
  const cv::Size size(640, 480);
  HeadPoseEstimator est;
  HeadPose truth;
  truth.rotation = poseRotation(10, -5, 3);
  truth.positionMm = cv::Vec3f(0.f, 0.f, 600.f);
  const HeadPose noisy = est.estimate(projectModel(est, truth, size, 1.0), size, 1.f);
  CHECK(noisy.yawDeg == Approx(10).margin(4));
  CHECK(noisy.pitchDeg == Approx(-5).margin(4));
  CHECK(noisy.rollDeg == Approx(3).margin(1.5));
  FaceShape distorted = projectModel(est, truth, size);
  distorted[8].y += 40.f;  // mouth wide open: the chin leaves the rigid model
  distorted[30].x += 15.f;
  const HeadPose bad = est.estimate(distorted, size, 1.f);
  CHECK(bad.confidence < noisy.confidence);
}

TEST_CASE("head pose of degenerate landmarks is invalid", "[headpose]") {
  HeadPoseEstimator est;
  FaceShape s{};
  const HeadPose& p = est.estimate(s, cv::Size(640, 480), 1.f);
  CHECK_FALSE(p.valid);
  CHECK(p.confidence == 0.f);
}

TEST_CASE("eye features put the pupil in the corner frame", "[features]") {
  const EyeContour eye = {cv::Point2f(100, 50), cv::Point2f(110, 45), cv::Point2f(120, 45),
                          cv::Point2f(130, 50), cv::Point2f(120, 54), cv::Point2f(110, 54)};
  const EyeFeatures mid = eyeFeatures(eye, {115.f, 50.f}, true, 0.8f);
  REQUIRE(mid.valid);
  CHECK(mid.normX == Approx(0.5f));
  CHECK(mid.normY == Approx(0.f).margin(1e-6));
  CHECK(mid.confidence == Approx(0.8f));
  const EyeFeatures low = eyeFeatures(eye, {100.f, 53.f}, true, 1.f);
  CHECK(low.normX == Approx(0.f).margin(1e-6));
  CHECK(low.normY == Approx(0.1f));  // 3 px down over a 30 px eye
  CHECK_FALSE(eyeFeatures(eye, {115.f, 50.f}, false, 1.f).valid);
  EyeContour point{};
  CHECK_FALSE(eyeFeatures(point, {0.f, 0.f}, true, 1.f).valid);
}

TEST_CASE("the upper lid's height is measured in the corner frame and blended only on request",
          "[features]") {
  // Upper lid landmarks 5 px above the corner line of a 30 px eye.
  const EyeContour eye = {cv::Point2f(100, 50), cv::Point2f(110, 45), cv::Point2f(120, 45),
                          cv::Point2f(130, 50), cv::Point2f(120, 54), cv::Point2f(110, 54)};
  const EyeFeatures pupilOnly = eyeFeatures(eye, {115.f, 53.f}, true, 1.f);
  CHECK(pupilOnly.lidNormY == Approx(-5.f / 30.f));
  CHECK(pupilOnly.pupilNormY == Approx(0.1f));
  CHECK(pupilOnly.normY == Approx(0.1f));  // lidWeight 0: the pupil alone
  const EyeFeatures half = eyeFeatures(eye, {115.f, 53.f}, true, 1.f, 0.5f);
  CHECK(half.normY == Approx(0.5f * (0.1f - 5.f / 30.f)));
  // The lid lowered by 3 px (looking down) moves the lid-only feature by 0.1.
  EyeContour down = eye;
  down[1].y += 3.f;
  down[2].y += 3.f;
  const EyeFeatures lid = eyeFeatures(down, {115.f, 53.f}, true, 1.f, 1.f);
  CHECK(lid.normY == Approx(-2.f / 30.f));
  CHECK(lid.normX == Approx(0.5f));
  // Out-of-range weights are clamped.
  CHECK(eyeFeatures(down, {115.f, 53.f}, true, 1.f, 7.f).normY == Approx(lid.normY));
}

TEST_CASE("the gaze feature vector weights each part by its confidence", "[features]") {
  EyeFeatures l{true, 0.4f, 0.1f, 0.9f}, r{false, 0.f, 0.f, 0.f};
  HeadPose h;
  h.valid = true;
  h.yawDeg = 5.f;
  h.positionMm = cv::Vec3f(1.f, 2.f, 600.f);
  h.confidence = 0.7f;
  const GazeFeatureVector g = gazeFeatureVector(l, r, h);
  CHECK(g.values[0] == 0.4f);
  CHECK(g.weights[0] == 0.9f);
  CHECK(g.weights[2] == 0.f);
  CHECK(g.values[4] == 5.f);
  CHECK(g.values[9] == 600.f);
  CHECK(g.weights[9] == 0.7f);
}

}  // namespace drishti::core
