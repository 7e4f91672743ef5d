#include "firmware/core/head_pose_estimator.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kPoints = 10;

// Model frame: origin at the midpoint of the outer eye corners; x towards the
// image's right for a face looking into the camera (the person's left), y down,
// z away from the camera (into the head); mm. The in-plane distances follow
// the adult means of Farkas, "Anthropometry of the Head and Face" (2nd ed.,
// 1994): biocular width ex-ex ~90 mm, intercanthal width en-en ~33 mm, mouth
// width ch-ch ~50 mm, nose height n-sn ~52 mm, lower face height sn-gn ~70 mm,
// upper lip height sn-sto ~22 mm. The depths (z) are our own estimates of a
// typical profile (nose tip ~38 mm in front of the outer eye corners); they
// matter only as a constant offset of pitch/yaw, which the host's calibration
// absorbs because it subtracts the mean head pose.
const std::array<HeadModelPoint, kPoints> kModel = {{
    {36, {-45.0f, 0.0f, 0.0f}},     // outer corner, image-left eye (person's right)
    {39, {-16.5f, 0.0f, -8.0f}},    // inner corner, image-left eye
    {42, {16.5f, 0.0f, -8.0f}},     // inner corner, image-right eye
    {45, {45.0f, 0.0f, 0.0f}},      // outer corner, image-right eye
    {27, {0.0f, -5.0f, -16.0f}},    // top of the nose bridge
    {30, {0.0f, 37.0f, -38.0f}},    // nose tip
    {33, {0.0f, 50.0f, -24.0f}},    // below the nose (subnasale)
    {48, {-25.0f, 72.0f, -12.0f}},  // mouth corner, image left
    {54, {25.0f, 72.0f, -12.0f}},   // mouth corner, image right
    {8, {0.0f, 120.0f, -20.0f}},    // chin
}};

cv::Matx33d rotationFromVector(const cv::Vec3d& r) {
  const double th = std::sqrt(r.dot(r));
  if (th < 1e-12)
    return cv::Matx33d(1, -r[2], r[1], r[2], 1, -r[0], -r[1], r[0], 1);
  const cv::Vec3d k = r * (1.0 / th);
  const double c = std::cos(th), s = std::sin(th), C = 1 - c;
  return cv::Matx33d(c + k[0] * k[0] * C, k[0] * k[1] * C - k[2] * s, k[0] * k[2] * C + k[1] * s,
                     k[1] * k[0] * C + k[2] * s, c + k[1] * k[1] * C, k[1] * k[2] * C - k[0] * s,
                     k[2] * k[0] * C - k[1] * s, k[2] * k[1] * C + k[0] * s, c + k[2] * k[2] * C);
}

struct Camera {
  double f, cx, cy;
};

// Residuals (projected - observed), 2 per model point.
void residuals(const cv::Vec6d& x, const Camera& cam, const std::array<cv::Point2d, kPoints>& obs,
               cv::Vec<double, 2 * kPoints>& out) {
  const cv::Matx33d R = rotationFromVector(cv::Vec3d(x[0], x[1], x[2]));
  for (int i = 0; i < kPoints; ++i) {
    const cv::Point3f& m = kModel[static_cast<size_t>(i)].mm;
    const cv::Vec3d p = R * cv::Vec3d(m.x, m.y, m.z) + cv::Vec3d(x[3], x[4], x[5]);
    const double z = std::max(p[2], 1.0);
    out[2 * i] = cam.f * p[0] / z + cam.cx - obs[static_cast<size_t>(i)].x;
    out[2 * i + 1] = cam.f * p[1] / z + cam.cy - obs[static_cast<size_t>(i)].y;
  }
}

// Solves A d = b for a symmetric positive (damped) 6x6 system by Gaussian
// elimination with partial pivoting; false if singular.
bool solve6(cv::Matx66d A, cv::Vec6d b, cv::Vec6d& d) {
  for (int c = 0; c < 6; ++c) {
    int piv = c;
    for (int r = c + 1; r < 6; ++r)
      if (std::abs(A(r, c)) > std::abs(A(piv, c)))
        piv = r;
    if (std::abs(A(piv, c)) < 1e-15)
      return false;
    if (piv != c) {
      for (int k = 0; k < 6; ++k)
        std::swap(A(c, k), A(piv, k));
      std::swap(b[c], b[piv]);
    }
    for (int r = c + 1; r < 6; ++r) {
      const double f = A(r, c) / A(c, c);
      for (int k = c; k < 6; ++k)
        A(r, k) -= f * A(c, k);
      b[r] -= f * b[c];
    }
  }
  for (int r = 5; r >= 0; --r) {
    double s = b[r];
    for (int k = r + 1; k < 6; ++k)
      s -= A(r, k) * d[k];
    d[r] = s / A(r, r);
  }
  return true;
}

// Levenberg-Marquardt from `x`; returns the final sum of squared residuals.
double refine(cv::Vec6d& x, const Camera& cam, const std::array<cv::Point2d, kPoints>& obs) {
  cv::Vec<double, 2 * kPoints> r, r2;
  residuals(x, cam, obs, r);
  double err = r.dot(r), lambda = 1e-3;
  for (int it = 0; it < 30; ++it) {
    cv::Matx<double, 2 * kPoints, 6> J;
    for (int k = 0; k < 6; ++k) {
      cv::Vec6d xk = x;
      const double h = k < 3 ? 1e-6 : 1e-4 * std::max(1.0, std::abs(x[k]));
      xk[k] += h;
      residuals(xk, cam, obs, r2);
      for (int i = 0; i < 2 * kPoints; ++i)
        J(i, k) = (r2[i] - r[i]) / h;
    }
    const cv::Matx66d JtJ = J.t() * J;
    const cv::Vec6d g = J.t() * r;
    bool improved = false;
    for (int tries = 0; tries < 8 && !improved; ++tries) {
      cv::Matx66d A = JtJ;
      for (int k = 0; k < 6; ++k)
        A(k, k) += lambda * std::max(JtJ(k, k), 1e-9);
      cv::Vec6d d;
      if (!solve6(A, -g, d)) {
        lambda *= 10;
        continue;
      }
      cv::Vec6d xn = x + d;
      xn[5] = std::max(xn[5], 10.0);
      residuals(xn, cam, obs, r2);
      const double en = r2.dot(r2);
      if (en < err) {
        const bool converged = err - en < 1e-10 * err + 1e-12;
        x = xn;
        r = r2;
        err = en;
        lambda = std::max(lambda * 0.1, 1e-9);
        improved = true;
        if (converged)
          return err;
      } else {
        lambda *= 10;
      }
    }
    if (!improved)
      break;
  }
  return err;
}

Camera cameraFor(cv::Size size, float fovDeg) {
  const double fov = std::clamp(static_cast<double>(fovDeg), 10.0, 170.0) * kPi / 180.0;
  return {0.5 * size.width / std::tan(0.5 * fov), 0.5 * (size.width - 1), 0.5 * (size.height - 1)};
}

float ramp(float x, float lo, float hi) {
  if (hi == lo)
    return x >= hi ? 1.f : 0.f;
  return std::clamp((x - lo) / (hi - lo), 0.f, 1.f);
}

}  // namespace

const std::array<HeadModelPoint, 10>& genericHeadModel() {
  return kModel;
}

HeadPoseEstimator::HeadPoseEstimator(const TrackingParams::HeadPose& params) : p_(params) {}

cv::Point2f HeadPoseEstimator::project(const HeadPose& pose, cv::Point3f m,
                                       cv::Size imageSize) const {
  const Camera cam = cameraFor(imageSize, p_.horizontalFovDeg);
  const cv::Vec3f p = pose.rotation * cv::Vec3f(m.x, m.y, m.z) + pose.positionMm;
  const double z = std::max(static_cast<double>(p[2]), 1.0);
  return {static_cast<float>(cam.f * p[0] / z + cam.cx),
          static_cast<float>(cam.f * p[1] / z + cam.cy)};
}

const HeadPose& HeadPoseEstimator::estimate(const FaceShape& shape, cv::Size imageSize,
                                            float faceConfidence) {
  pose_ = HeadPose{};
  const Camera cam = cameraFor(imageSize, p_.horizontalFovDeg);
  std::array<cv::Point2d, kPoints> obs;
  for (size_t i = 0; i < kPoints; ++i) {
    const cv::Point2f q = shape[static_cast<size_t>(kModel[i].landmark)];
    if (!std::isfinite(q.x) || !std::isfinite(q.y))
      return pose_;
    obs[i] = cv::Point2d(q.x, q.y);
  }
  const cv::Point2d eyeVec = obs[3] - obs[0];
  const double eyePx = std::sqrt(eyeVec.dot(eyeVec));
  if (eyePx < 4.0)
    return pose_;

  // Weak-perspective start: depth from the outer-corner distance, roll from
  // the corner line, facing the camera.
  const double z0 = cam.f * 90.0 / eyePx;
  const cv::Point2d mid = 0.5 * (obs[0] + obs[3]);
  const cv::Vec6d guess(0, 0, std::atan2(eyeVec.y, eyeVec.x), (mid.x - cam.cx) * z0 / cam.f,
                        (mid.y - cam.cy) * z0 / cam.f, z0);
  cv::Vec6d x = havePrevious_ ? previous_ : guess;
  double err = refine(x, cam, obs);
  const double tolerance = p_.badReprojection * eyePx;
  if (havePrevious_ && err > kPoints * tolerance * tolerance) {
    cv::Vec6d y = guess;  // the previous pose led astray (a fast turn): start afresh
    const double e2 = refine(y, cam, obs);
    if (e2 < err) {
      x = y;
      err = e2;
    }
  }
  const double rms = std::sqrt(err / kPoints);
  const cv::Matx33d R = rotationFromVector(cv::Vec3d(x[0], x[1], x[2]));
  // Tait-Bryan angles of R = Rz(roll) * Ry(-yaw) * Rx(-pitch): roll about the
  // camera axis, then yaw about the vertical, then pitch about the horizontal.
  pose_.valid = true;
  pose_.yawDeg = static_cast<float>(std::asin(std::clamp(R(2, 0), -1.0, 1.0)) * 180.0 / kPi);
  pose_.pitchDeg = static_cast<float>(-std::atan2(R(2, 1), R(2, 2)) * 180.0 / kPi);
  pose_.rollDeg = static_cast<float>(std::atan2(R(1, 0), R(0, 0)) * 180.0 / kPi);
  pose_.positionMm =
      cv::Vec3f(static_cast<float>(x[3]), static_cast<float>(x[4]), static_cast<float>(x[5]));
  pose_.rotation = cv::Matx33f(R);
  pose_.reprojectionErrorPx = static_cast<float>(rms);
  pose_.confidence = std::clamp(faceConfidence, 0.f, 1.f) *
                     ramp(static_cast<float>(rms / eyePx), p_.badReprojection, p_.goodReprojection);
  previous_ = x;
  havePrevious_ = true;
  return pose_;
}

}  // namespace drishti::core
