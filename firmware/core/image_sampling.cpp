#include "firmware/core/image_sampling.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {

void resampleAffine(const cv::Mat& src, const cv::Matx23f& A, cv::Mat& dst) {
  CV_Assert(src.type() == CV_8UC1 && !src.empty() && dst.type() == CV_32FC1 && !dst.empty());
  const float su = std::sqrt(A(0, 0) * A(0, 0) + A(1, 0) * A(1, 0));
  const float sv = std::sqrt(A(0, 1) * A(0, 1) + A(1, 1) * A(1, 1));
  const int k = std::clamp(int(std::lround(std::max(su, sv))), 1, 4);
  const float inv = 1.f / float(k * k);
  const size_t step = src.step;
  // Sub-sample offsets in destination px, and the footprint's bounding box in
  // source px to decide whether border clamping is needed at all.
  float off[4];
  for (int i = 0; i < k; ++i)
    off[i] = (float(i) + 0.5f) / float(k) - 0.5f;
  const float lo = off[0], hi = off[k - 1];
  float xmin = 1e30f, xmax = -1e30f, ymin = 1e30f, ymax = -1e30f;
  for (float u : {lo, float(dst.cols - 1) + hi})
    for (float v : {lo, float(dst.rows - 1) + hi}) {
      const float x = A(0, 0) * u + A(0, 1) * v + A(0, 2), y = A(1, 0) * u + A(1, 1) * v + A(1, 2);
      xmin = std::min(xmin, x);
      xmax = std::max(xmax, x);
      ymin = std::min(ymin, y);
      ymax = std::max(ymax, y);
    }
  const bool inside =
      xmin >= 0.f && ymin >= 0.f && xmax < float(src.cols - 1) && ymax < float(src.rows - 1);
  const float cxmax = float(src.cols - 1), cymax = float(src.rows - 1);
  const int dx1 = src.cols > 1 ? 1 : 0;
  const size_t dy1 = src.rows > 1 ? step : 0;
  for (int v = 0; v < dst.rows; ++v) {
    float* out = dst.ptr<float>(v);
    for (int u = 0; u < dst.cols; ++u) {
      float acc = 0.f;
      for (int j = 0; j < k; ++j) {
        const float vv = float(v) + off[j];
        for (int i = 0; i < k; ++i) {
          const float uu = float(u) + off[i];
          float x = A(0, 0) * uu + A(0, 1) * vv + A(0, 2);
          float y = A(1, 0) * uu + A(1, 1) * vv + A(1, 2);
          int x0, y0;
          if (inside) {
            x0 = int(x);
            y0 = int(y);
          } else {
            x = std::clamp(x, 0.f, cxmax);
            y = std::clamp(y, 0.f, cymax);
            x0 = std::min(int(x), src.cols - 1 - dx1);
            y0 = std::min(int(y), std::max(src.rows - 2, 0));
          }
          const float fx = x - float(x0), fy = y - float(y0);
          const uchar* r0 = src.data + size_t(y0) * step + size_t(x0);
          const uchar* r1 = r0 + dy1;
          const float top = float(r0[0]) + fx * float(int(r0[dx1]) - int(r0[0]));
          const float bot = float(r1[0]) + fx * float(int(r1[dx1]) - int(r1[0]));
          acc += top + fy * (bot - top);
        }
      }
      out[u] = acc * inv;
    }
  }
}

}  // namespace drishti::core
