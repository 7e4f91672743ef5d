#include "firmware/core/area_resizer.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core/hal/intrin.hpp>

namespace drishti::core {
namespace {

constexpr int kWeightBits = 14;  // area weights: 1 << 14 is the whole pixel
constexpr int kRowBits = 7;      // fraction bits of the sums between the passes (int16)
constexpr int kVerticalShift = kWeightBits - kRowBits;
constexpr int kVerticalRound = 1 << (kVerticalShift - 1);
constexpr int kOutShift = kWeightBits + kRowBits;
constexpr int kOutRound = 1 << (kOutShift - 1);
// cv::cvtColor's BT.601 grey weights in 14-bit fixed point (sum 1 << 14).
constexpr int kB = 1868, kG = 9617, kR = 4899;

// Vertical sums of `n` bytes of 2 * Pairs rows (`r`, weights `w`; a row of
// weight 0 pads an odd count), in 1/128 levels. The rows are interleaved in
// pairs so that one 16-bit multiply-add takes a tap of each (SSE2 on x86-64,
// NEON on arm64, through OpenCV's universal intrinsics).
template <int Pairs>
void sumRows(int n, std::int16_t* __restrict out, const uchar* const* r, const std::int16_t* w) {
  int i = 0;
#if CV_SIMD128
  cv::v_int16x8 wp[Pairs];
  for (int p = 0; p < Pairs; ++p) {
    const std::int16_t a = w[2 * p], b = w[2 * p + 1];
    wp[p] = cv::v_int16x8(a, b, a, b, a, b, a, b);
  }
  const cv::v_int32x4 round = cv::v_setall_s32(kVerticalRound);
  for (; i + 16 <= n; i += 16) {
    cv::v_int32x4 acc[4] = {round, round, round, round};
    for (int p = 0; p < Pairs; ++p) {
      cv::v_uint8x16 lo, hi;
      cv::v_zip(cv::v_load(r[2 * p] + i), cv::v_load(r[2 * p + 1] + i), lo, hi);
      cv::v_uint16x8 x[4];
      cv::v_expand(lo, x[0], x[1]);
      cv::v_expand(hi, x[2], x[3]);
      for (int q = 0; q < 4; ++q)
        acc[q] += cv::v_dotprod(cv::v_reinterpret_as_s16(x[q]), wp[p]);
    }
    cv::v_store(out + i, cv::v_pack(acc[0] >> kVerticalShift, acc[1] >> kVerticalShift));
    cv::v_store(out + i + 8, cv::v_pack(acc[2] >> kVerticalShift, acc[3] >> kVerticalShift));
  }
#endif
  for (; i < n; ++i) {
    std::int32_t sum = kVerticalRound;
    for (int k = 0; k < 2 * Pairs; ++k)
      sum += r[k][i] * w[k];
    out[i] = static_cast<std::int16_t>(sum >> kVerticalShift);
  }
}

// Any number of rows (scale factors above 3): accumulate, then scale down.
void sumManyRows(int n, std::int16_t* __restrict out, std::int32_t* __restrict acc,
                 const cv::Mat& src, int first, int count, const std::int16_t* w) {
  std::fill(acc, acc + n, kVerticalRound);
  for (int k = 0; k < count; ++k) {
    const uchar* __restrict r = src.ptr<uchar>(first + k);
    const std::int32_t wk = w[k];
    for (int i = 0; i < n; ++i)
      acc[i] += r[i] * wk;
  }
  for (int i = 0; i < n; ++i)
    out[i] = static_cast<std::int16_t>(acc[i] >> kVerticalShift);
}

// Grey from one row of colour sums (`Ch` = 3 or 4 interleaved channels, BGR
// first), in the same 1/128 levels, with cv::cvtColor's weights. Eight pixels
// at a time: (B, G) pairs and (R, 1) pairs each make one 16-bit multiply-add
// (the 1 carries the rounding term).
template <int Ch>
void greyOfSums(const std::int16_t* c, int cols, std::int16_t* g) {
  constexpr int kHalf = 1 << (kWeightBits - 1);
  int x = 0;
#if CV_SIMD128
  const cv::v_int16x8 wBG(kB, kG, kB, kG, kB, kG, kB, kG);
  const cv::v_int16x8 wR(kR, kHalf, kR, kHalf, kR, kHalf, kR, kHalf);
  const cv::v_int16x8 one = cv::v_setall_s16(1);
  for (; x + 8 <= cols; x += 8) {
    cv::v_int16x8 b, gr, r, a;
    if constexpr (Ch == 3)
      cv::v_load_deinterleave(c + 3 * x, b, gr, r);
    else
      cv::v_load_deinterleave(c + 4 * x, b, gr, r, a);
    cv::v_int16x8 bg0, bg1, r0, r1;
    cv::v_zip(b, gr, bg0, bg1);
    cv::v_zip(r, one, r0, r1);
    const cv::v_int32x4 lo = cv::v_dotprod(bg0, wBG) + cv::v_dotprod(r0, wR);
    const cv::v_int32x4 hi = cv::v_dotprod(bg1, wBG) + cv::v_dotprod(r1, wR);
    cv::v_store(g + x, cv::v_pack(lo >> kWeightBits, hi >> kWeightBits));
  }
#endif
  for (c += Ch * x; x < cols; ++x, c += Ch)
    g[x] = static_cast<std::int16_t>((c[0] * kB + c[1] * kG + c[2] * kR + kHalf) >> kWeightBits);
}

// Horizontal pass over one row of sums (`C` interleaved channels, padded with
// `taps` zero pixels at the end so that every destination reads all taps).
template <int C>
void horizontalScalar(const std::int16_t* in, const int* first, const std::int16_t* weight,
                      int from, int dstCols, int taps, uchar* out) {
  for (int dx = from; dx < dstCols; ++dx) {
    const std::int16_t* w = weight + static_cast<std::size_t>(dx) * taps;
    const std::int16_t* p = in + static_cast<std::size_t>(first[dx]) * C;
    for (int c = 0; c < C; ++c) {
      std::int32_t s = kOutRound;
      for (int k = 0; k < taps; ++k)
        s += w[k] * p[k * C + c];
      out[dx * C + c] = static_cast<uchar>(std::clamp(s >> kOutShift, 0, 255));
    }
  }
}

// One channel, exactly four taps (scale factors up to 3): eight destinations
// at a time with 16-bit multiply-adds. Each product of a vector pair holds two
// destinations' taps; a 4x4 transpose lines the partial sums up.
void horizontalFour(const std::int16_t* in, const int* first, const std::int16_t* weight,
                    int dstCols, uchar* out) {
  int dx = 0;
#if CV_SIMD128
  const cv::v_int32x4 round = cv::v_setall_s32(kOutRound);
  for (; dx + 8 <= dstCols; dx += 8) {
    cv::v_int32x4 d[4];
    for (int i = 0; i < 4; ++i) {
      const int a = dx + i, b = dx + i + 4;
      const cv::v_int16x8 px = cv::v_load_halves(in + first[a], in + first[b]);
      const cv::v_int16x8 wt = cv::v_load_halves(weight + 4 * a, weight + 4 * b);
      d[i] = cv::v_dotprod(px, wt);  // taps 0+1 and 2+3 of destinations a and b
    }
    cv::v_int32x4 t0, t1, t2, t3;
    cv::v_transpose4x4(d[0], d[1], d[2], d[3], t0, t1, t2, t3);
    const cv::v_int32x4 lo = (t0 + t1 + round) >> kOutShift;  // destinations dx..dx+3
    const cv::v_int32x4 hi = (t2 + t3 + round) >> kOutShift;  // dx+4..dx+7
    cv::v_pack_u_store(out + dx, cv::v_pack(lo, hi));
  }
#endif
  horizontalScalar<1>(in, first, weight, dx, dstCols, 4, out);
}

}  // namespace

void AreaResizer::buildAxis(int srcLen, int dstLen, Axis& axis, int minTaps) {
  const double scale = static_cast<double>(srcLen) / dstLen;  // source px per dst px
  auto overlap = [&](int d, int s) {
    const double a = d * scale, b = std::min(static_cast<double>(srcLen), (d + 1) * scale);
    return std::min<double>(s + 1, b) - std::max<double>(s, a);
  };
  axis.first.assign(static_cast<std::size_t>(dstLen), 0);
  axis.count.assign(static_cast<std::size_t>(dstLen), 0);
  axis.taps = minTaps;
  for (int d = 0; d < dstLen; ++d) {
    int s0 = static_cast<int>(std::floor(d * scale));
    int s1 = std::min(srcLen, static_cast<int>(std::ceil((d + 1) * scale)));  // exclusive
    // Drop slivers that rounding of the footprint leaves at either end.
    while (s1 - s0 > 1 && overlap(d, s0) <= 1e-9)
      ++s0;
    while (s1 - s0 > 1 && overlap(d, s1 - 1) <= 1e-9)
      --s1;
    axis.first[static_cast<std::size_t>(d)] = s0;
    axis.count[static_cast<std::size_t>(d)] = s1 - s0;
    axis.taps = std::max(axis.taps, s1 - s0);
  }
  axis.weight.assign(static_cast<std::size_t>(dstLen) * axis.taps, 0);
  for (int d = 0; d < dstLen; ++d) {
    // Integer weights that sum to exactly one (the rounding error goes to the
    // largest), so that a flat image stays exactly flat.
    std::int16_t* q = &axis.weight[static_cast<std::size_t>(d) * axis.taps];
    const int s0 = axis.first[static_cast<std::size_t>(d)];
    int sum = 0, largest = 0;
    for (int k = 0; k < axis.count[static_cast<std::size_t>(d)]; ++k) {
      q[k] =
          static_cast<std::int16_t>(std::lround(overlap(d, s0 + k) / scale * (1 << kWeightBits)));
      sum += q[k];
      if (q[k] > q[largest])
        largest = k;
    }
    q[largest] = static_cast<std::int16_t>(q[largest] + (1 << kWeightBits) - sum);
  }
}

void AreaResizer::prepare(const cv::Mat& src, const cv::Mat& dst, bool grey) {
  const int ch = src.channels();
  if (src.size() == srcSize_ && dst.size() == dstSize_ && ch == channels_ && grey == grey_)
    return;
  buildAxis(src.cols, dst.cols, x_, 4);
  buildAxis(src.rows, dst.rows, y_, 1);
  const int outCh = grey ? 1 : ch;
  // Room for the horizontal taps that run past the last column (weight 0).
  column_.assign(static_cast<std::size_t>(src.cols + x_.taps) * ch, 0);
  row_.assign(static_cast<std::size_t>(src.cols + x_.taps) * outCh, 0);
  if (y_.taps > 4)
    wide_.assign(static_cast<std::size_t>(src.cols) * ch, 0);
  srcSize_ = src.size();
  dstSize_ = dst.size();
  channels_ = ch;
  grey_ = grey;
}

template <int Ch, bool Grey>
void AreaResizer::run(const cv::Mat& src, cv::Mat& dst) {
  const int n = src.cols * Ch;
  std::int16_t* col = column_.data();
  for (int dy = 0; dy < dst.rows; ++dy) {
    const int first = y_.first[static_cast<std::size_t>(dy)];
    const int count = y_.count[static_cast<std::size_t>(dy)];
    const std::int16_t* w = &y_.weight[static_cast<std::size_t>(dy) * y_.taps];
    if (count <= 4) {
      // Up to four rows, padded to an even count with weight-0 repeats.
      const uchar* rows[4];
      std::int16_t weights[4] = {0, 0, 0, 0};
      for (int k = 0; k < 4; ++k) {
        rows[k] = src.ptr<uchar>(first + std::min(k, count - 1));
        if (k < count)
          weights[k] = w[k];
      }
      if (count <= 2)
        sumRows<1>(n, col, rows, weights);
      else
        sumRows<2>(n, col, rows, weights);
    } else {
      sumManyRows(n, col, wide_.data(), src, first, count, w);
    }
    uchar* out = dst.ptr<uchar>(dy);
    const std::int16_t* line = col;
    if constexpr (Grey) {
      greyOfSums<Ch>(col, src.cols, row_.data());
      line = row_.data();
    }
    constexpr int kOut = Grey ? 1 : Ch;
    if (kOut == 1 && x_.taps == 4)
      horizontalFour(line, x_.first.data(), x_.weight.data(), dst.cols, out);
    else
      horizontalScalar<kOut>(line, x_.first.data(), x_.weight.data(), 0, dst.cols, x_.taps, out);
  }
}

void AreaResizer::resize(const cv::Mat& src, cv::Mat& dst) {
  CV_Assert(!src.empty() && src.depth() == CV_8U && dst.type() == src.type() && !dst.empty());
  CV_Assert(dst.cols <= src.cols && dst.rows <= src.rows && src.data != dst.data);
  prepare(src, dst, false);
  switch (src.channels()) {
    case 1:
      run<1, false>(src, dst);
      break;
    case 3:
      run<3, false>(src, dst);
      break;
    case 4:
      run<4, false>(src, dst);
      break;
    default:
      CV_Error(cv::Error::StsUnsupportedFormat, "AreaResizer: 1, 3 or 4 channels");
  }
}

void AreaResizer::resizeToGrey(const cv::Mat& src, cv::Mat& dst) {
  CV_Assert(!src.empty() && (src.type() == CV_8UC3 || src.type() == CV_8UC4));
  CV_Assert(!dst.empty() && dst.type() == CV_8UC1);
  CV_Assert(dst.cols <= src.cols && dst.rows <= src.rows);
  prepare(src, dst, true);
  if (src.channels() == 3)
    run<3, true>(src, dst);
  else
    run<4, true>(src, dst);
}

}  // namespace drishti::core
