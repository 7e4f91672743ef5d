#include "firmware/core/patch_sampler.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {

float samplePatch(const cv::Mat& img, const Similarity& t, cv::Mat& out) {
  CV_Assert(img.type() == CV_8UC1 && out.type() == CV_32FC1);
  const int w = img.cols, h = img.rows;
  const float xmax = static_cast<float>(w - 1), ymax = static_cast<float>(h - 1);
  int inside = 0;
  for (int v = 0; v < out.rows; ++v) {
    float* o = out.ptr<float>(v);
    // T(u, v) = (a u - b v + tx, b u + a v + ty), sampling pixel centres.
    const float vv = static_cast<float>(v);
    float x = -t.b * vv + t.tx;
    float y = t.a * vv + t.ty;
    for (int u = 0; u < out.cols; ++u, x += t.a, y += t.b) {
      const bool in = x >= 0.f && y >= 0.f && x <= xmax && y <= ymax;
      inside += in;
      const float cx = std::clamp(x, 0.f, xmax);
      const float cy = std::clamp(y, 0.f, ymax);
      const int x0 = std::min(static_cast<int>(cx), w - 2 < 0 ? 0 : w - 2);
      const int y0 = std::min(static_cast<int>(cy), h - 2 < 0 ? 0 : h - 2);
      const float fx = cx - x0, fy = cy - y0;
      const uchar* r0 = img.ptr<uchar>(y0);
      const uchar* r1 = img.ptr<uchar>(std::min(y0 + 1, h - 1));
      const int x1 = std::min(x0 + 1, w - 1);
      const float top = r0[x0] + fx * (r0[x1] - r0[x0]);
      const float bot = r1[x0] + fx * (r1[x1] - r1[x0]);
      o[u] = top + fy * (bot - top);
    }
  }
  return static_cast<float>(inside) / static_cast<float>(out.rows * out.cols);
}

float samplePatchChroma(const cv::Mat& img, const Similarity& t, cv::Mat& chroma,
                        cv::Mat& intensity) {
  CV_Assert(img.type() == CV_8UC3 && chroma.type() == CV_32FC1 && intensity.type() == CV_32FC1 &&
            chroma.size() == intensity.size());
  const int w = img.cols, h = img.rows;
  const float xmax = static_cast<float>(w - 1), ymax = static_cast<float>(h - 1);
  // Patch pixels wider than ~1.5 source pixels average k x k bilinear
  // samples over their footprint, so a large colour frame is not aliased.
  const float step = std::sqrt(t.a * t.a + t.b * t.b);
  const int k = std::clamp(static_cast<int>(std::lround(step)), 1, 4);
  float off[4];
  for (int i = 0; i < k; ++i)
    off[i] = (static_cast<float>(i) + 0.5f) / static_cast<float>(k) - 0.5f;
  const float norm = 1.f / static_cast<float>(k * k);
  auto sample = [&](float x, float y, float* bgr) {
    const float cx = std::clamp(x, 0.f, xmax);
    const float cy = std::clamp(y, 0.f, ymax);
    const int x0 = std::min(static_cast<int>(cx), std::max(0, w - 2));
    const int y0 = std::min(static_cast<int>(cy), std::max(0, h - 2));
    const int x1 = std::min(x0 + 1, w - 1);
    const int y1 = std::min(y0 + 1, h - 1);
    const float fx = cx - static_cast<float>(x0), fy = cy - static_cast<float>(y0);
    const uchar* r0 = img.ptr<uchar>(y0);
    const uchar* r1 = img.ptr<uchar>(y1);
    for (int c = 0; c < 3; ++c) {
      const float top = r0[3 * x0 + c] + fx * (r0[3 * x1 + c] - r0[3 * x0 + c]);
      const float bot = r1[3 * x0 + c] + fx * (r1[3 * x1 + c] - r1[3 * x0 + c]);
      bgr[c] += top + fy * (bot - top);
    }
  };
  int inside = 0;
  for (int v = 0; v < chroma.rows; ++v) {
    float* oc = chroma.ptr<float>(v);
    float* oi = intensity.ptr<float>(v);
    for (int u = 0; u < chroma.cols; ++u) {
      const float uu = static_cast<float>(u), vv = static_cast<float>(v);
      const float x = t.a * uu - t.b * vv + t.tx, y = t.b * uu + t.a * vv + t.ty;
      inside += x >= 0.f && y >= 0.f && x <= xmax && y <= ymax;
      float bgr[3] = {0.f, 0.f, 0.f};
      for (int j = 0; j < k; ++j)
        for (int i = 0; i < k; ++i)
          sample(t.a * (uu + off[i]) - t.b * (vv + off[j]) + t.tx,
                 t.b * (uu + off[i]) + t.a * (vv + off[j]) + t.ty, bgr);
      const float sum = (bgr[0] + bgr[1] + bgr[2]) * norm;
      oc[u] = sum > 0.f ? bgr[2] * norm / sum : 1.f / 3.f;
      oi[u] = sum / 3.f;
    }
  }
  return static_cast<float>(inside) / static_cast<float>(chroma.rows * chroma.cols);
}

float normalisePatch(cv::Mat& p) {
  CV_Assert(p.type() == CV_32FC1 && p.isContinuous());
  float* d = p.ptr<float>();
  const int n = p.rows * p.cols;
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    s += d[i];
    s2 += double(d[i]) * d[i];
  }
  const double mean = s / n;
  const double var = std::max(0.0, s2 / n - mean * mean);
  const double sd = std::sqrt(var);
  const double norm = std::sqrt(var * n);
  if (norm < 1e-6) {
    for (int i = 0; i < n; ++i)
      d[i] = 0.f;
    return 0.f;
  }
  const float m = static_cast<float>(mean), k = static_cast<float>(1.0 / norm);
  for (int i = 0; i < n; ++i)
    d[i] = (d[i] - m) * k;
  return static_cast<float>(sd);
}

float patchDot(const cv::Mat& a, const cv::Mat& b) {
  CV_Assert(a.size == b.size && a.isContinuous() && b.isContinuous());
  const float* x = a.ptr<float>();
  const float* y = b.ptr<float>();
  const int n = a.rows * a.cols;
  float s = 0.f;
  for (int i = 0; i < n; ++i)
    s += x[i] * y[i];
  return s;
}

}  // namespace drishti::core
