// FacePhoto::prepareEyes: painting out the irises and lifting their texture.
#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "tests/generator/face_photo.h"

namespace drishti::gen {

namespace {

cv::Vec3f medianColour(std::vector<cv::Vec3f> v) {
  if (v.empty())
    return {200, 200, 200};
  cv::Vec3f out;
  for (int c = 0; c < 3; ++c) {
    std::vector<float> ch;
    for (const auto& p : v)
      ch.push_back(p[c]);
    std::nth_element(ch.begin(), ch.begin() + static_cast<long>(ch.size() / 2), ch.end());
    out[c] = ch[ch.size() / 2];
  }
  return out;
}

}  // namespace

void FacePhoto::prepareEyes() {
  blank_ = image_.clone();
  cv::Vec3f scleraColour[2];
  std::size_t scleraSeen[2] = {0, 0};
  for (int e = 0; e < 2; ++e) {
    const EyeGeometry& eye = geometry_.eyes[static_cast<std::size_t>(e)];
    const double r = eye.irisRadiusPx;
    const cv::Point2f c(static_cast<float>(eye.iris.x), static_cast<float>(eye.iris.y));
    const cv::Mat mask = eyePolygonMask(image_.size(), eye.polygon);

    // Iris texture: visible pixels as they are, hidden ones from their ring's mean.
    const int n = 2 * static_cast<int>(std::ceil(r)) + 5;
    IrisTexture& tex = iris_[static_cast<std::size_t>(e)];
    tex.radiusPx = r;
    cv::Mat patch, vis;
    cv::getRectSubPix(image_, cv::Size(n, n), c, patch, CV_32F);
    cv::Mat maskF;
    mask.convertTo(maskF, CV_32F, 1.0 / 255);
    cv::getRectSubPix(maskF, cv::Size(n, n), c, vis, CV_32F);
    const double mid = 0.5 * (n - 1);
    const int rings = static_cast<int>(std::ceil(r)) + 2;
    std::vector<cv::Vec3d> ringSum(static_cast<std::size_t>(rings), cv::Vec3d(0, 0, 0));
    std::vector<double> ringN(static_cast<std::size_t>(rings), 0);
    for (int y = 0; y < n; ++y)
      for (int x = 0; x < n; ++x) {
        const auto k = static_cast<std::size_t>(std::hypot(x - mid, y - mid));
        if (k < ringSum.size() && vis.at<float>(y, x) > 0.9f) {
          ringSum[k] += cv::Vec3d(patch.at<cv::Vec3f>(y, x));
          ringN[k] += 1;
        }
      }
    // Rings with nothing visible borrow from the nearest ring that has some.
    for (std::size_t k = 0; k < ringSum.size(); ++k) {
      if (ringN[k] > 0)
        continue;
      for (std::size_t d = 1; d < ringSum.size(); ++d) {
        if (k >= d && ringN[k - d] > 0) {
          ringSum[k] = ringSum[k - d] * (1.0 / ringN[k - d]);
          ringN[k] = 1;
          break;
        }
        if (k + d < ringSum.size() && ringN[k + d] > 0) {
          ringSum[k] = ringSum[k + d] * (1.0 / ringN[k + d]);
          ringN[k] = 1;
          break;
        }
      }
    }
    tex.bgr.create(n, n, CV_8UC3);
    tex.alpha.create(n, n, CV_32F);
    for (int y = 0; y < n; ++y)
      for (int x = 0; x < n; ++x) {
        const double d = std::hypot(x - mid, y - mid);
        const auto k = std::min(ringSum.size() - 1, static_cast<std::size_t>(d));
        const cv::Vec3d ring = ringN[k] > 0 ? ringSum[k] * (1.0 / ringN[k]) : cv::Vec3d(60, 60, 60);
        const double v = vis.at<float>(y, x);
        const cv::Vec3d px = v * cv::Vec3d(patch.at<cv::Vec3f>(y, x)) + (1 - v) * ring;
        tex.bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<std::uint8_t>(px[0]),
                                                cv::saturate_cast<std::uint8_t>(px[1]),
                                                cv::saturate_cast<std::uint8_t>(px[2]));
        tex.alpha.at<float>(y, x) = static_cast<float>(std::clamp(r + 0.5 - d, 0.0, 1.0));
      }

    tex.bgr.convertTo(tex.bgrF, CV_32FC3);

    // Sclera candidates: well inside the opening, clear of the iris disc; the
    // brightest quarter (lashes, lid shadow and iris edge are not sclera).
    cv::Rect box = cv::boundingRect(cv::Mat(mask > 0));
    box &= cv::Rect(0, 0, image_.cols, image_.rows);
    std::vector<cv::Vec3f> sclera;
    for (int y = box.y; y < box.y + box.height; ++y)
      for (int x = box.x; x < box.x + box.width; ++x)
        if (mask.at<std::uint8_t>(y, x) >= 200 && std::hypot(x - c.x, y - c.y) > r + 1.5)
          sclera.push_back(cv::Vec3f(image_.at<cv::Vec3b>(y, x)));
    std::sort(sclera.begin(), sclera.end(), [](const cv::Vec3f& a, const cv::Vec3f& b) {
      return a[0] + a[1] + a[2] > b[0] + b[1] + b[2];
    });
    sclera.resize((sclera.size() + 3) / 4);
    scleraSeen[e] = sclera.size();
    // Too few to trust: a light grey, as most photographed sclera is.
    scleraColour[e] = sclera.size() >= 5 ? medianColour(sclera) : cv::Vec3f(195, 195, 200);
  }
  // An eye that shows too little sclera (or only shadow) borrows the other's.
  for (int e = 0; e < 2; ++e) {
    const auto lum = [](const cv::Vec3f& v) { return v[0] + v[1] + v[2]; };
    const int o = 1 - e;
    if (scleraSeen[o] >= 5 && lum(scleraColour[o]) > lum(scleraColour[e]) * 1.15f)
      scleraColour[e] = scleraColour[o];
  }
  for (int e = 0; e < 2; ++e) {
    const EyeGeometry& eye = geometry_.eyes[static_cast<std::size_t>(e)];
    const double r = eye.irisRadiusPx;
    const cv::Point2f c(static_cast<float>(eye.iris.x), static_cast<float>(eye.iris.y));
    const cv::Mat mask = eyePolygonMask(image_.size(), eye.polygon);
    const cv::Mat inner = mask >= 200;
    cv::Rect box = cv::boundingRect(cv::Mat(mask > 0));
    box &= cv::Rect(0, 0, image_.cols, image_.rows);
    const cv::Vec3f globalSclera = scleraColour[e];

    // Paint the iris out: along each row, between the sclera on either side.
    for (int y = box.y; y < box.y + box.height; ++y) {
      auto sideColour = [&](int from, int step, cv::Vec3f& out) {
        std::vector<cv::Vec3f> found;
        for (int x = from; x >= box.x && x < box.x + box.width && found.size() < 3; x += step) {
          if (inner.at<std::uint8_t>(y, x) == 255) {
            const cv::Vec3f p(image_.at<cv::Vec3b>(y, x));
            if (p[0] + p[1] + p[2] > 0.8f * (globalSclera[0] + globalSclera[1] + globalSclera[2]))
              found.push_back(p);
          }
        }
        if (found.empty())
          return false;
        out = medianColour(found);
        return true;
      };
      cv::Vec3f left, right;
      const int reach = static_cast<int>(std::ceil(r + 2.5));
      const bool hasLeft = sideColour(static_cast<int>(c.x) - reach, -1, left);
      const bool hasRight = sideColour(static_cast<int>(c.x) + reach, +1, right);
      for (int x = box.x; x < box.x + box.width; ++x) {
        const double d = std::hypot(x - c.x, y - c.y);
        const double w = std::clamp(r + 2.0 - d, 0.0, 1.0) * mask.at<std::uint8_t>(y, x) / 255.0;
        if (w <= 0)
          continue;
        cv::Vec3f fill = globalSclera * 0.85f;
        if (hasLeft && hasRight) {
          const float t =
              static_cast<float>(std::clamp((x - (c.x - reach)) / (2.0 * reach), 0.0, 1.0));
          fill = left * (1 - t) + right * t;
        } else if (hasLeft) {
          fill = left;
        } else if (hasRight) {
          fill = right;
        }
        cv::Vec3b& px = blank_.at<cv::Vec3b>(y, x);
        for (int ch = 0; ch < 3; ++ch)
          px[ch] = cv::saturate_cast<std::uint8_t>(w * fill[ch] + (1 - w) * px[ch]);
      }
    }

    // Lid skin: the band just above the upper lid.
    const double eyeH = std::max(
        3.0, 0.5 * ((eye.polygon[4].y + eye.polygon[5].y) - (eye.polygon[1].y + eye.polygon[2].y)));
    std::vector<cv::Vec3f> skin;
    const int yTop = static_cast<int>(std::min(eye.polygon[1].y, eye.polygon[2].y) - 1.2 * eyeH);
    const int yBottom = static_cast<int>(std::min(eye.polygon[1].y, eye.polygon[2].y) - 0.4 * eyeH);
    for (int y = std::max(0, yTop); y <= std::min(image_.rows - 1, yBottom); ++y)
      for (int x = static_cast<int>(eye.polygon[1].x); x <= static_cast<int>(eye.polygon[2].x); ++x)
        if (x >= 0 && x < image_.cols)
          skin.push_back(cv::Vec3f(image_.at<cv::Vec3b>(y, x)));
    lid_[static_cast<std::size_t>(e)] = medianColour(skin);
  }
}

}  // namespace drishti::gen
