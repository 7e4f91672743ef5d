#include "tests/generator/eye_renderer.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>

namespace drishti::gen {

namespace {

// y of the polyline through `pts` (sorted by x) at x, clamped at the ends.
double polylineY(const Point2* pts, int n, double x) {
  if (x <= pts[0].x)
    return pts[0].y;
  for (int i = 1; i < n; ++i) {
    if (x <= pts[i].x) {
      const double t = (x - pts[i - 1].x) / std::max(1e-9, pts[i].x - pts[i - 1].x);
      return pts[i - 1].y + t * (pts[i].y - pts[i - 1].y);
    }
  }
  return pts[n - 1].y;
}

// Element type T read as R (a float type, so that the weights do not round).
template <class T, class R = T>
R bilinear(const cv::Mat& m, double x, double y) {
  const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
  const double fx = x - x0, fy = y - y0;
  auto at = [&](int xx, int yy) -> R {
    xx = std::clamp(xx, 0, m.cols - 1);
    yy = std::clamp(yy, 0, m.rows - 1);
    return R(m.at<T>(yy, xx));
  };
  return at(x0, y0) * ((1 - fx) * (1 - fy)) + at(x0 + 1, y0) * (fx * (1 - fy)) +
         at(x0, y0 + 1) * ((1 - fx) * fy) + at(x0 + 1, y0 + 1) * (fx * fy);
}

}  // namespace

EyeRenderer::EyeRenderer(const FacePhoto& photo, const SceneParams& scene,
                         const RenderParams& params)
    : photo_(photo), scene_(scene), params_(params), rng_(params.seed) {
  for (int e = 0; e < 2; ++e)
    masks_[static_cast<std::size_t>(e)] = eyePolygonMask(
        photo.image().size(), photo.geometry().eyes[static_cast<std::size_t>(e)].polygon);
}

void EyeRenderer::lidShift(int e, const FrameTruth& truth, double x, double& dUp,
                           double& dLow) const {
  const FaceGeometry& g = photo_.geometry();
  const EyeGeometry& eye = g.eyes[static_cast<std::size_t>(e)];
  const Point2 upper[4] = {eye.polygon[0], eye.polygon[1], eye.polygon[2], eye.polygon[3]};
  const Point2 lower[4] = {eye.polygon[0], eye.polygon[5], eye.polygon[4], eye.polygon[3]};
  const double eyeW = std::max(4.0, eye.polygon[3].x - eye.polygon[0].x);
  double maxOpen = 1e-9;
  for (int i = 0; i < 4; ++i)
    maxOpen = std::max(maxOpen, polylineY(lower, 4, eye.polygon[i].x) - upper[i].y);
  const double taper =
      std::clamp((polylineY(lower, 4, x) - polylineY(upper, 4, x)) / maxOpen, 0.0, 1.0);
  const double irisDyPx = g.pxPerMm * truth.eyes[static_cast<std::size_t>(e)].irisDyMm;
  // At most 0.8 of the skin that stretches to make room (drawEye: half an
  // eye width above, 0.3 below).
  dUp = std::clamp(params_.lidFollowUpper * irisDyPx * taper, -0.4 * eyeW, 0.4 * eyeW);
  dLow = std::clamp(params_.lidFollowLower * irisDyPx * taper, -0.24 * eyeW, 0.24 * eyeW);
}

std::array<Point2, 6> EyeRenderer::opening(int e, const FrameTruth& truth) const {
  std::array<Point2, 6> poly = photo_.geometry().eyes[static_cast<std::size_t>(e)].polygon;
  for (std::size_t k : {std::size_t{1}, std::size_t{2}, std::size_t{4}, std::size_t{5}}) {
    double dUp = 0, dLow = 0;
    lidShift(e, truth, poly[k].x, dUp, dLow);
    poly[k].y += k <= 2 ? dUp : dLow;
  }
  return poly;
}

void EyeRenderer::drawEye(int e, const FrameTruth& truth) {
  const FaceGeometry& g = photo_.geometry();
  const EyeGeometry& eye = g.eyes[static_cast<std::size_t>(e)];
  const IrisTexture& tex = photo_.iris(e);
  const EyeTruth& t = truth.eyes[static_cast<std::size_t>(e)];
  const double px = eye.iris.x + g.pxPerMm * t.irisDxMm;
  const double py = eye.iris.y + g.pxPerMm * t.irisDyMm;
  const double mid = 0.5 * (tex.bgr.cols - 1);
  const cv::Mat& mask = masks_[static_cast<std::size_t>(e)];
  const cv::Mat& blank = photo_.blankEyes();
  const Point2 upper[4] = {eye.polygon[0], eye.polygon[1], eye.polygon[2], eye.polygon[3]};
  const Point2 lower[4] = {eye.polygon[0], eye.polygon[5], eye.polygon[4], eye.polygon[3]};
  const cv::Vec3f lid = photo_.lidColour(e);
  const cv::Vec3f lash(35, 30, 30);
  const double eyeH = std::max(
      2.0, 0.5 * ((eye.polygon[4].y + eye.polygon[5].y) - (eye.polygon[1].y + eye.polygon[2].y)));
  const double eyeW = std::max(4.0, eye.polygon[3].x - eye.polygon[0].x);
  const double lashW = std::max(1.0, 0.12 * eyeH);
  // The lids follow the eye vertically (README, "The model"): the upper lid
  // margin moves with the iris's vertical displacement times lidFollowUpper,
  // the lower lid by lidFollowLower, both tapering to nothing at the corners
  // (in proportion to the photo's opening there). The skin above the upper
  // lid (aboveH) and below the lower lid (belowH) stretches or folds to make
  // room, lashes and all; the eyeball between the lids stretches with them.
  const double aboveH = 0.5 * eyeW, belowH = 0.3 * eyeW;
  cv::Rect box = cv::boundingRect(cv::Mat(mask > 0));
  box.x -= 2;
  box.y -= static_cast<int>(std::ceil(aboveH)) + static_cast<int>(lashW) + 2;
  box.width += 4;
  box.height += static_cast<int>(std::ceil(aboveH + belowH)) + 2 * static_cast<int>(lashW) + 4;
  box &= cv::Rect(0, 0, canvas_.cols, canvas_.rows);
  for (int y = box.y; y < box.y + box.height; ++y) {
    for (int x = box.x; x < box.x + box.width; ++x) {
      const double up = polylineY(upper, 4, x), low = polylineY(lower, 4, x);
      double dUp = 0, dLow = 0;
      lidShift(e, truth, x, dUp, dLow);
      const double newUp = up + dUp, newLow = std::max(newUp, low + dLow);
      // Where this pixel's content comes from in the photo (a vertical,
      // piecewise linear warp: identity far above and below the eye).
      double sy = y;
      if (y > up - aboveH && y < newUp)
        sy = (up - aboveH) + (y - (up - aboveH)) * aboveH / (aboveH + dUp);
      else if (y >= newUp && y < newLow)
        sy = up + (y - newUp) * (low - up) / std::max(1e-9, newLow - newUp);
      else if (y >= newLow && y < low + belowH)
        sy = low + (y - newLow) * belowH / std::max(1e-9, belowH - dLow);
      const bool warped = std::abs(sy - y) > 1e-6;
      cv::Vec3b& out = canvas_.at<cv::Vec3b>(y, x);
      cv::Vec3f colour = warped ? bilinear<cv::Vec3b, cv::Vec3f>(blank, x, sy) : cv::Vec3f(out);
      const double m =
          (warped ? bilinear<std::uint8_t, double>(mask, x, sy) : mask.at<std::uint8_t>(y, x)) /
          255.0;
      const double lidY = newUp + t.closure * (newLow - newUp);
      if (m > 0) {
        const double open = std::clamp(y - lidY + 0.5, 0.0, 1.0);  // below the lid edge
        const double tx = x - px + mid, ty = y - py + mid;
        if (open > 0 && tx >= -1 && ty >= -1 && tx <= tex.bgr.cols && ty <= tex.bgr.rows) {
          const double a = bilinear<float>(tex.alpha, tx, ty) * open;
          if (a > 0) {
            const cv::Vec3f c = bilinear<cv::Vec3f>(tex.bgrF, tx, ty);
            colour = colour * static_cast<float>(1 - a) + c * static_cast<float>(a);
          }
        }
        if (t.closure > 0 && open < 1) {
          // The lowered lid: skin, a little darker toward its edge.
          const double shade = 0.85 + 0.15 * std::clamp((lidY - y) / eyeH, 0.0, 1.0);
          colour = colour * static_cast<float>(open) + lid * static_cast<float>((1 - open) * shade);
        }
      }
      if (t.closure > 0.05) {
        const double dist = std::abs(y - lidY);
        const bool inSpan = x >= eye.polygon[0].x - 1 && x <= eye.polygon[3].x + 1;
        if (inSpan && dist < lashW) {
          const float k = static_cast<float>(std::min(1.0, t.closure * 2) * (1 - dist / lashW));
          colour = colour * (1 - k) + lash * k;
        }
      }
      out = cv::Vec3b(cv::saturate_cast<std::uint8_t>(colour[0]),
                      cv::saturate_cast<std::uint8_t>(colour[1]),
                      cv::saturate_cast<std::uint8_t>(colour[2]));
    }
  }
}

FaceInFrame EyeRenderer::render(const FrameTruth& truth, cv::Mat& frame) {
  photo_.blankEyes().copyTo(canvas_);
  for (int e = 0; e < 2; ++e)
    drawEye(e, truth);
  const FaceGeometry& g = photo_.geometry();
  const FaceInFrame placed = placeFace(g, truth, scene_.screen.distanceMm);
  // The same map as placed.map(): rotate and scale about the face centre, shift.
  const double roll = placed.rollDeg * std::numbers::pi / 180;
  const double c = placed.scale * std::cos(roll), s = placed.scale * std::sin(roll);
  const cv::Matx23d m(c, -s, g.centre.x - c * g.centre.x + s * g.centre.y + placed.shiftX, s, c,
                      g.centre.y - s * g.centre.x - c * g.centre.y + placed.shiftY);
  cv::warpAffine(canvas_, warped_, m, canvas_.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);

  const double pi = std::numbers::pi;
  const double gain =
      1.0 + params_.lightingAmplitude * std::sin(2 * pi * truth.tMs / params_.lightingPeriodMs);
  const double side =
      params_.sideLight * std::sin(2 * pi * truth.tMs / (1.7 * params_.lightingPeriodMs));
  const bool changed = params_.lightChangeMs >= 0 && truth.tMs >= params_.lightChangeMs;
  const double stepGain = changed ? params_.lightChangeGain : 1.0;
  const double stepSide = changed ? params_.lightChangeGradient : 0.0;
  const double iod = std::max(
      1.0, std::hypot(g.eyes[1].iris.x - g.eyes[0].iris.x, g.eyes[1].iris.y - g.eyes[0].iris.y));
  // Sensor noise: a window at a random offset into a pool of Gaussian noise
  // twice the frame's size, drawn once (drawing fresh noise per pixel per
  // frame costs more than the rest of the frame). Vectorised OpenCV passes.
  if (noise_.empty()) {
    noise_.create(2 * warped_.rows, 2 * warped_.cols, CV_32FC3);
    rng_.fill(noise_, cv::RNG::NORMAL, 0, params_.sensorNoise);
  }
  const int oy = rng_.uniform(0, warped_.rows), ox = rng_.uniform(0, warped_.cols);
  const cv::Mat noise = noise_(cv::Rect(ox, oy, warped_.cols, warped_.rows));
  const int w = warped_.cols;
  gainRow_.create(1, w, CV_32FC3);
  for (int x = 0; x < w; ++x) {
    const double across = 2.0 * x / w - 1.0;  // -1 at the left edge, +1 at the right
    const double acrossFace = std::clamp((x - g.centre.x) / iod, -1.0, 1.0);
    const auto k =
        static_cast<float>(gain * (1.0 + side * across) * stepGain * (1.0 + stepSide * acrossFace));
    gainRow_.at<cv::Vec3f>(0, x) = cv::Vec3f(k, k, k);
  }
  cv::repeat(gainRow_, warped_.rows, 1, gainMap_);
  warped_.convertTo(lit_, CV_32FC3);
  cv::multiply(lit_, gainMap_, lit_);
  cv::add(lit_, noise, lit_);
  lit_.convertTo(frame, CV_8UC3);
  return placed;
}

}  // namespace drishti::gen
