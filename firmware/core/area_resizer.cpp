#include "firmware/core/area_resizer.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {

void AreaResizer::buildTable(int srcLen, int dstLen, std::vector<Tap>& taps,
                             std::vector<int>& start) {
  taps.clear();
  start.assign(static_cast<size_t>(dstLen) + 1, 0);
  const double scale = static_cast<double>(srcLen) / dstLen;  // source px per dst px
  for (int d = 0; d < dstLen; ++d) {
    start[static_cast<size_t>(d)] = static_cast<int>(taps.size());
    const double a = d * scale, b = std::min(static_cast<double>(srcLen), (d + 1) * scale);
    for (int s = static_cast<int>(std::floor(a)); s < static_cast<int>(std::ceil(b)); ++s) {
      const double w = std::min<double>(s + 1, b) - std::max<double>(s, a);
      if (w > 1e-9)
        taps.push_back({s, static_cast<float>(w / scale)});
    }
  }
  start[static_cast<size_t>(dstLen)] = static_cast<int>(taps.size());
}

void AreaResizer::resize(const cv::Mat& src, cv::Mat& dst) {
  CV_Assert(!src.empty() && src.depth() == CV_8U && dst.type() == src.type() && !dst.empty());
  CV_Assert(dst.cols <= src.cols && dst.rows <= src.rows && src.data != dst.data);
  const int ch = src.channels();
  if (src.size() != srcSize_ || dst.size() != dstSize_) {
    buildTable(src.cols, dst.cols, xTaps_, xStart_);
    buildTable(src.rows, dst.rows, yTaps_, yStart_);
    row_.resize(static_cast<size_t>(dst.cols) * ch);
    acc_.resize(static_cast<size_t>(dst.cols) * ch);
    srcSize_ = src.size();
    dstSize_ = dst.size();
  }
  const int n = dst.cols * ch;
  for (int dy = 0; dy < dst.rows; ++dy) {
    std::fill(acc_.begin(), acc_.end(), 0.f);
    for (int t = yStart_[static_cast<size_t>(dy)]; t < yStart_[static_cast<size_t>(dy) + 1]; ++t) {
      const Tap ty = yTaps_[static_cast<size_t>(t)];
      const uchar* s = src.ptr<uchar>(ty.src);
      for (int dx = 0; dx < dst.cols; ++dx) {
        float* r = &row_[static_cast<size_t>(dx) * ch];
        for (int c = 0; c < ch; ++c)
          r[c] = 0.f;
        for (int k = xStart_[static_cast<size_t>(dx)]; k < xStart_[static_cast<size_t>(dx) + 1];
             ++k) {
          const Tap tx = xTaps_[static_cast<size_t>(k)];
          const uchar* p = s + static_cast<size_t>(tx.src) * ch;
          for (int c = 0; c < ch; ++c)
            r[c] += tx.weight * p[c];
        }
      }
      for (int i = 0; i < n; ++i)
        acc_[static_cast<size_t>(i)] += ty.weight * row_[static_cast<size_t>(i)];
    }
    uchar* d = dst.ptr<uchar>(dy);
    for (int i = 0; i < n; ++i)
      d[i] = cv::saturate_cast<uchar>(acc_[static_cast<size_t>(i)]);
  }
}

}  // namespace drishti::core
