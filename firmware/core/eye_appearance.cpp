#include "firmware/core/eye_appearance.h"

#include <algorithm>
#include <cmath>

#include "firmware/core/image_sampling.h"

namespace drishti::core {

EyeAppearanceSampler::EyeAppearanceSampler() : EyeAppearanceSampler(Options{}) {}

EyeAppearanceSampler::EyeAppearanceSampler(const Options& opt) : opt_(opt) {
  // Whole samples per cell, at least one.
  const int per = std::max(1, opt_.samplesPerEye);
  const int cols =
      std::max(EyeAppearance::kCols,
               static_cast<int>(std::lround(opt_.spanWidth * static_cast<float>(per))));
  const int rows =
      std::max(EyeAppearance::kRows,
               static_cast<int>(std::lround(opt_.spanHeight * static_cast<float>(per))));
  patch_.create(rows, cols, CV_32F);
}

EyeAppearance EyeAppearanceSampler::measure(const cv::Mat& grey, cv::Point2f a, cv::Point2f b) {
  EyeAppearance out;
  const cv::Point2f d = b - a;
  const float w = std::sqrt(d.dot(d));
  if (!(w >= 2.f) || !std::isfinite(w) || !std::isfinite(a.x) || !std::isfinite(a.y) ||
      grey.empty())
    return out;
  const int rows = patch_.rows, cols = patch_.cols;
  const cv::Point2f ex = d * (1.f / w), ey(-ex.y, ex.x);
  const cv::Point2f mid = (a + b) * 0.5f;
  const float su = opt_.spanWidth * w / static_cast<float>(cols);
  const float sv = opt_.spanHeight * w / static_cast<float>(rows);
  const float cu = 0.5f * static_cast<float>(cols - 1), cv0 = 0.5f * static_cast<float>(rows - 1);
  const cv::Matx23f toImg(su * ex.x, sv * ey.x, mid.x - su * cu * ex.x - sv * cv0 * ey.x,  //
                          su * ex.y, sv * ey.y, mid.y - su * cu * ex.y - sv * cv0 * ey.y);
  resampleAffine(grey, toImg, patch_);
  double total = 0;
  for (int i = 0; i < EyeAppearance::kRows; ++i) {
    const int v0 = i * rows / EyeAppearance::kRows, v1 = (i + 1) * rows / EyeAppearance::kRows;
    for (int j = 0; j < EyeAppearance::kCols; ++j) {
      const int u0 = j * cols / EyeAppearance::kCols, u1 = (j + 1) * cols / EyeAppearance::kCols;
      double s = 0;
      for (int v = v0; v < v1; ++v) {
        const float* p = patch_.ptr<float>(v);
        for (int u = u0; u < u1; ++u)
          s += p[u];
      }
      out.cells[static_cast<size_t>(i * EyeAppearance::kCols + j)] = static_cast<float>(s);
      total += s;
    }
  }
  if (!(total > 0)) {
    out.cells.fill(0.f);
    return out;
  }
  for (float& c : out.cells)
    c = static_cast<float>(c / total);
  out.valid = true;
  return out;
}

}  // namespace drishti::core
