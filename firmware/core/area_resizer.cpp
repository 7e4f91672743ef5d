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

template <int Ch>
void AreaResizer::horizontal(const uchar* src, float* out) const {
  const Tap* taps = xTaps_.data();
  const int* start = xStart_.data();
  for (size_t dx = 0; dx + 1 < xStart_.size(); ++dx) {
    float acc[Ch] = {};
    for (int k = start[dx]; k < start[dx + 1]; ++k) {
      const uchar* p = src + static_cast<size_t>(taps[k].src) * Ch;
      for (int c = 0; c < Ch; ++c)
        acc[c] += taps[k].weight * p[c];
    }
    for (int c = 0; c < Ch; ++c)
      out[dx * Ch + static_cast<size_t>(c)] = acc[c];
  }
}

template <int Ch>
void AreaResizer::run(const cv::Mat& src, cv::Mat& dst) {
  const size_t n = static_cast<size_t>(dst.cols) * Ch;
  for (int dy = 0; dy < dst.rows; ++dy) {
    std::fill(acc_.begin(), acc_.end(), 0.f);
    for (int t = yStart_[static_cast<size_t>(dy)]; t < yStart_[static_cast<size_t>(dy) + 1]; ++t) {
      const Tap ty = yTaps_[static_cast<size_t>(t)];
      // A source row that straddles two destination rows is filtered once.
      if (ty.src != cachedRow_) {
        horizontal<Ch>(src.ptr<uchar>(ty.src), row_.data());
        cachedRow_ = ty.src;
      }
      const float* r = row_.data();
      float* a = acc_.data();
      for (size_t i = 0; i < n; ++i)
        a[i] += ty.weight * r[i];
    }
    uchar* d = dst.ptr<uchar>(dy);
    for (size_t i = 0; i < n; ++i)
      d[i] = cv::saturate_cast<uchar>(acc_[i]);
  }
}

void AreaResizer::resize(const cv::Mat& src, cv::Mat& dst) {
  CV_Assert(!src.empty() && src.depth() == CV_8U && dst.type() == src.type() && !dst.empty());
  CV_Assert(dst.cols <= src.cols && dst.rows <= src.rows && src.data != dst.data);
  const int ch = src.channels();
  if (src.size() != srcSize_ || dst.size() != dstSize_ || ch != channels_) {
    buildTable(src.cols, dst.cols, xTaps_, xStart_);
    buildTable(src.rows, dst.rows, yTaps_, yStart_);
    row_.resize(static_cast<size_t>(dst.cols) * ch);
    acc_.resize(static_cast<size_t>(dst.cols) * ch);
    srcSize_ = src.size();
    dstSize_ = dst.size();
    channels_ = ch;
  }
  cachedRow_ = -1;
  switch (ch) {
    case 1:
      run<1>(src, dst);
      break;
    case 3:
      run<3>(src, dst);
      break;
    case 4:
      run<4>(src, dst);
      break;
    default:
      CV_Error(cv::Error::StsUnsupportedFormat, "AreaResizer: 1, 3 or 4 channels");
  }
}

}  // namespace drishti::core
