#include "tests/firmware/core/rendered_eye.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace drishti::test {

RenderedEye renderEye(const EyeDrawing& d) {
  const float a = 0.5f * d.width;
  // Lid curves y(x) = -/+ h (1 - (x/a)^2) relative to the corner line.
  const float hu = 0.30f * d.width * d.opening, hl = 0.14f * d.width * d.opening;
  const cv::Point2f iris = d.centre + d.irisOffset * d.width;
  const float ri = d.irisRadius * d.width, rp = ri * d.pupilRatio;
  const float skin = d.infrared ? 185.f : 150.f, sclera = d.infrared ? 205.f : 225.f;
  const float irisGrey = d.infrared ? 135.f : 75.f, pupilGrey = d.infrared ? 20.f : 25.f;
  cv::Mat f(d.image, CV_32F);
  for (int y = 0; y < f.rows; ++y)
    for (int x = 0; x < f.cols; ++x) {
      const float u = static_cast<float>(x) - d.centre.x, v = static_cast<float>(y) - d.centre.y;
      const float k = std::max(0.f, 1.f - (u / a) * (u / a));
      const float top = -hu * k, bottom = hl * k;
      float g = skin;
      if (std::abs(u) < a && v > top && v < bottom) {
        const float di = std::hypot(static_cast<float>(x) - iris.x, static_cast<float>(y) - iris.y);
        g = di < rp ? pupilGrey : di < ri ? irisGrey : sclera;
      }
      // Lash line along the upper lid and a darker lid crease.
      if (std::abs(u) < a && std::abs(v - top) < std::max(1.f, 0.03f * d.width))
        g = std::min(g, 55.f);
      f.at<float>(y, x) = g;
    }
  if (d.glint) {
    const cv::Point2f gp = iris + cv::Point2f(0.45f * ri, -0.45f * ri);
    cv::circle(f, gp, std::max(1, static_cast<int>(std::lround(0.04f * d.width))), cv::Scalar(250),
               cv::FILLED, cv::LINE_AA);
  }
  cv::GaussianBlur(f, f, cv::Size(0, 0), std::max(0.6, 0.015 * d.width));
  cv::Mat noise(f.size(), CV_32F);
  cv::RNG rng(12345);
  rng.fill(noise, cv::RNG::NORMAL, 0.0, d.noiseSigma);
  f += noise;
  RenderedEye out;
  f.convertTo(out.grey, CV_8U);
  const float x3 = a / 3.f, k3 = 1.f - (1.f / 9.f);
  out.contour = {cv::Point2f(d.centre.x - a, d.centre.y),
                 cv::Point2f(d.centre.x - x3, d.centre.y - hu * k3),
                 cv::Point2f(d.centre.x + x3, d.centre.y - hu * k3),
                 cv::Point2f(d.centre.x + a, d.centre.y),
                 cv::Point2f(d.centre.x + x3, d.centre.y + hl * k3),
                 cv::Point2f(d.centre.x - x3, d.centre.y + hl * k3)};
  out.pupil = iris;
  return out;
}

}  // namespace drishti::test
