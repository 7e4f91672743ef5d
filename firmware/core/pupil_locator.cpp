#include "firmware/core/pupil_locator.h"

#include <algorithm>
#include <cmath>

#include "firmware/core/image_sampling.h"

namespace drishti::core {

namespace {

constexpr int kMaxDiscR = 12;  // patch px

// Separable Gaussian blur, replicate border; src, tmp, dst distinct CV_32F.
void gaussianBlur(const cv::Mat& src, cv::Mat& tmp, cv::Mat& dst, float sigma) {
  const int W = src.cols, H = src.rows;
  if (sigma < 0.3f) {
    for (int y = 0; y < H; ++y)
      std::copy_n(src.ptr<float>(y), W, dst.ptr<float>(y));
    return;
  }
  const int r = std::min(8, int(std::ceil(2.5f * sigma)));
  float k[17];
  float sum = 0.f;
  for (int i = -r; i <= r; ++i)
    sum += k[i + r] = std::exp(-0.5f * float(i * i) / (sigma * sigma));
  for (int i = 0; i <= 2 * r; ++i)
    k[i] /= sum;
  for (int y = 0; y < H; ++y) {
    const float* s = src.ptr<float>(y);
    float* t = tmp.ptr<float>(y);
    for (int x = 0; x < W; ++x) {
      float a = 0.f;
      if (x >= r && x + r < W) {
        for (int i = -r; i <= r; ++i)
          a += k[i + r] * s[x + i];
      } else {
        for (int i = -r; i <= r; ++i)
          a += k[i + r] * s[std::clamp(x + i, 0, W - 1)];
      }
      t[x] = a;
    }
  }
  for (int y = 0; y < H; ++y) {
    float* d = dst.ptr<float>(y);
    for (int x = 0; x < W; ++x)
      d[x] = 0.f;
    for (int i = -r; i <= r; ++i) {
      const float* t = tmp.ptr<float>(std::clamp(y + i, 0, H - 1));
      const float kk = k[i + r];
      for (int x = 0; x < W; ++x)
        d[x] += kk * t[x];
    }
  }
}

// Separable min (Erode) or max filter over a (2r+1)^2 square; src != dst.
template <bool Erode>
void minmaxFilter(const cv::Mat& src, cv::Mat& tmp, cv::Mat& dst, int r) {
  const int W = src.cols, H = src.rows;
  auto op = [](float a, float b) { return Erode ? std::min(a, b) : std::max(a, b); };
  for (int y = 0; y < H; ++y) {
    const float* s = src.ptr<float>(y);
    float* t = tmp.ptr<float>(y);
    for (int x = 0; x < W; ++x) {
      const int a0 = std::max(0, x - r), a1 = std::min(W - 1, x + r);
      float a = s[a0];
      for (int i = a0 + 1; i <= a1; ++i)
        a = op(a, s[i]);
      t[x] = a;
    }
  }
  for (int y = 0; y < H; ++y) {
    float* d = dst.ptr<float>(y);
    const int j0 = std::max(0, y - r), j1 = std::min(H - 1, y + r);
    const float* t0 = tmp.ptr<float>(j0);
    for (int x = 0; x < W; ++x)
      d[x] = t0[x];
    for (int j = j0 + 1; j <= j1; ++j) {
      const float* t = tmp.ptr<float>(j);
      for (int x = 0; x < W; ++x)
        d[x] = op(d[x], t[x]);
    }
  }
}

// Offset of the vertex of the parabola through (-1,a), (0,b), (1,c).
float parabolaPeak(float a, float b, float c) {
  const float den = a - 2.f * b + c;
  return den < 0.f ? std::clamp(0.5f * (a - c) / den, -0.5f, 0.5f) : 0.f;
}

}  // namespace

EyeContour typicalEyeContour(cv::Point2f c, float w) {
  // Eye-frame coordinates / eye width, relative to the corner midpoint.
  static constexpr float kShape[6][2] = {{-0.500f, 0.000f}, {-0.190f, -0.218f}, {0.185f, -0.218f},
                                         {0.500f, 0.000f},  {0.185f, 0.115f},   {-0.190f, 0.115f}};
  EyeContour e;
  for (size_t i = 0; i < 6; ++i)
    e[i] = cv::Point2f(c.x + w * kShape[i][0], c.y + w * kShape[i][1]);
  return e;
}

PupilLocator::PupilLocator() : PupilLocator(Options{}) {}

PupilLocator::PupilLocator(const Options& opt) : opt_(opt) {
  W_ = std::max(8, int(std::lround(opt_.patchWidth * opt_.eyeWidthPx)));
  H_ = std::max(8, int(std::lround(opt_.patchHeight * opt_.eyeWidthPx)));
  for (cv::Mat* m :
       {&raw_, &work_, &tmp_, &tmp2_, &smooth_, &gx_, &gy_, &mag_, &sd_, &masked_, &mask_})
    m->create(H_, W_, CV_32F);
  prefixA_.create(H_, W_ + 1, CV_32F);
  prefixM_.create(H_, W_ + 1, CV_32F);
  lut_.create(2 * H_ - 1, 2 * W_ - 1, CV_32FC2);
  for (int dy = -(H_ - 1); dy <= H_ - 1; ++dy)
    for (int dx = -(W_ - 1); dx <= W_ - 1; ++dx) {
      const float n = std::sqrt(float(dx * dx + dy * dy));
      lut_.at<cv::Vec2f>(dy + H_ - 1, dx + W_ - 1) =
          n > 0.f ? cv::Vec2f(dx / n, dy / n) : cv::Vec2f(0.f, 0.f);
    }
  gradPts_.reserve(size_t(W_ * H_));
  gradDir_.reserve(size_t(W_ * H_));
  cands_.reserve(size_t(W_ * H_));
}

void PupilLocator::setFrame(const EyeContour& eye) {
  // Eye frame: x along the corner-to-corner axis, y perpendicular (down for
  // an upright face), origin at the contour centroid, scale eyeWidthPx.
  const cv::Point2f a = eye[0], b = eye[3];
  const float w = std::sqrt((b - a).dot(b - a));
  const cv::Point2f ex = (b - a) * (1.f / w), ey(-ex.y, ex.x);
  cv::Point2f m(0.f, 0.f);
  for (const auto& p : eye)
    m += p;
  m *= 1.f / 6.f;
  scale_ = w / opt_.eyeWidthPx;
  const float cu = 0.5f * float(W_ - 1), cv = 0.5f * float(H_ - 1);
  toImg_ = cv::Matx23f(scale_ * ex.x, scale_ * ey.x, m.x - scale_ * (cu * ex.x + cv * ey.x),
                       scale_ * ex.y, scale_ * ey.y, m.y - scale_ * (cu * ex.y + cv * ey.y));
  for (size_t i = 0; i < 6; ++i) {
    const cv::Point2f d = eye[i] - m;
    poly_[i] = cv::Point2f(d.dot(ex) / scale_ + cu, d.dot(ey) / scale_ + cv);
  }
}

void PupilLocator::computeRegion() {
  // Signed distance to the eye polygon (patch px, negative inside). Only
  // pixels within reach of the candidate / region margins matter; farther
  // pixels get a large positive value.
  const float N = opt_.eyeWidthPx;
  const float mm = opt_.regionMargin * N;
  const float reach = std::max(mm, opt_.centreMargin * N) + 1.f;
  float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f;
  for (const auto& p : poly_) {
    x0 = std::min(x0, p.x);
    x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y);
    y1 = std::max(y1, p.y);
  }
  const int u0 = std::max(0, int(std::floor(x0 - reach))),
            u1 = std::min(W_ - 1, int(std::ceil(x1 + reach)));
  const int v0 = std::max(0, int(std::floor(y0 - reach))),
            v1 = std::min(H_ - 1, int(std::ceil(y1 + reach)));
  for (int v = 0; v < H_; ++v) {  // (cv::Mat::setTo may allocate a scratch buffer)
    std::fill_n(sd_.ptr<float>(v), W_, 1e9f);
    std::fill_n(mask_.ptr<float>(v), W_, 0.f);
  }
  for (int v = v0; v <= v1; ++v) {
    float* d = sd_.ptr<float>(v);
    float* mk = mask_.ptr<float>(v);
    for (int u = u0; u <= u1; ++u) {
      const cv::Point2f p{float(u), float(v)};
      float best2 = 1e18f;
      bool inside = false;
      for (size_t i = 0, j = 5; i < 6; j = i++) {
        const cv::Point2f a = poly_[j], ab = poly_[i] - poly_[j], ap = p - a;
        const float L = ab.dot(ab);
        const float t = L > 0.f ? std::clamp(ap.dot(ab) / L, 0.f, 1.f) : 0.f;
        const cv::Point2f q = ap - t * ab;
        best2 = std::min(best2, q.dot(q));
        if (((poly_[i].y > p.y) != (poly_[j].y > p.y)) &&
            (p.x < (poly_[j].x - poly_[i].x) * (p.y - poly_[i].y) / (poly_[j].y - poly_[i].y) +
                       poly_[i].x))
          inside = !inside;
      }
      const float dist = std::sqrt(best2);
      d[u] = inside ? -dist : dist;
      mk[u] = d[u] <= mm ? 1.f : 0.f;
    }
  }
}

void PupilLocator::preprocess() {
  const float N = opt_.eyeWidthPx;
  // Glint suppression: opening removes bright spots smaller than the element.
  const int rg = int(std::lround(opt_.glintRadius * N));
  if (rg > 0) {
    minmaxFilter<true>(raw_, tmp_, tmp2_, rg);
    minmaxFilter<false>(tmp2_, tmp_, work_, rg);
    for (int v = 0; v < H_; ++v) {
      const float* r = raw_.ptr<float>(v);
      float* w = work_.ptr<float>(v);
      for (int u = 0; u < W_; ++u)
        w[u] = (r[u] - w[u] > opt_.glintDelta) ? w[u] : r[u];
    }
  } else {
    for (int v = 0; v < H_; ++v)
      std::copy_n(raw_.ptr<float>(v), W_, work_.ptr<float>(v));
  }
  gaussianBlur(work_, tmp_, smooth_, opt_.smoothSigma * N);
  // Gradients (central differences), region statistics.
  st_ = st2_ = nt_ = 0;
  double g1 = 0, g2 = 0;
  for (int v = 0; v < H_; ++v) {
    const float* s = smooth_.ptr<float>(v);
    const float* su = smooth_.ptr<float>(std::max(v - 1, 0));
    const float* sdn = smooth_.ptr<float>(std::min(v + 1, H_ - 1));
    const float* mk = mask_.ptr<float>(v);
    float* gx = gx_.ptr<float>(v);
    float* gy = gy_.ptr<float>(v);
    float* mg = mag_.ptr<float>(v);
    float* ms = masked_.ptr<float>(v);
    for (int u = 0; u < W_; ++u) {
      gx[u] = 0.5f * (s[std::min(u + 1, W_ - 1)] - s[std::max(u - 1, 0)]);
      gy[u] = 0.5f * (sdn[u] - su[u]);
      mg[u] = std::sqrt(gx[u] * gx[u] + gy[u] * gy[u]);
      ms[u] = s[u] * mk[u];
      if (mk[u] > 0.f) {
        st_ += s[u];
        st2_ += double(s[u]) * s[u];
        nt_ += 1;
        g1 += mg[u];
        g2 += double(mg[u]) * mg[u];
      }
    }
  }
  const double gmean = nt_ > 0 ? g1 / nt_ : 0,
               gsd = nt_ > 0 ? std::sqrt(std::max(0.0, g2 / nt_ - gmean * gmean)) : 0;
  const float thr = float(gmean + opt_.gradThreshold * gsd);
  gradPts_.clear();
  gradDir_.clear();
  for (int v = 0; v < H_; ++v) {
    const float* mk = mask_.ptr<float>(v);
    const float* mg = mag_.ptr<float>(v);
    for (int u = 0; u < W_; ++u)
      if (mk[u] > 0.f && mg[u] > thr && mg[u] > 1e-3f) {
        gradPts_.emplace_back(u, v);
        gradDir_.emplace_back(gx_.at<float>(v, u) / mg[u], gy_.at<float>(v, u) / mg[u]);
      }
  }
}

float PupilLocator::discScore(int u, int v) const {
  // Between-class variance n_in n_out / n^2 (mu_out - mu_in)^2 of the
  // two-region model: disc of radius r around (u, v) vs the rest of M. The
  // disc is a stack of row runs |dx| <= half_[dy]; row sums come from the
  // per-row prefix sums of the masked image and of the mask.
  double si = 0, ni = 0;
  const int y0 = std::max(0, v - R_), y1 = std::min(H_ - 1, v + R_);
  for (int y = y0; y <= y1; ++y) {
    const int h = half_[size_t(y - v + R_)];
    if (h < 0)
      continue;
    const int a = std::max(0, u - h), b = std::min(W_, u + h + 1);
    if (a >= b)
      continue;
    const float* pa = prefixA_.ptr<float>(y);
    const float* pm = prefixM_.ptr<float>(y);
    si += pa[b] - pa[a];
    ni += pm[b] - pm[a];
  }
  const double no = nt_ - ni;
  if (ni < 0.5 || no < 0.5)
    return 0.f;
  const double mi = si / ni, mo = (st_ - si) / no;
  return mo > mi ? float(ni * no / (nt_ * nt_) * (mo - mi) * (mo - mi)) : 0.f;
}

float PupilLocator::symmetryScore(int u, int v) const {
  // Timm & Barth (2011): mean of max(0, d_i . g_i)^2 over gradient pixels.
  const int ng = int(gradPts_.size());
  if (ng == 0)
    return 0.f;
  float acc = 0.f;
  for (int i = 0; i < ng; ++i) {
    const cv::Vec2f& d =
        lut_.at<cv::Vec2f>(gradPts_[size_t(i)].y - v + H_ - 1, gradPts_[size_t(i)].x - u + W_ - 1);
    const float dot = d[0] * gradDir_[size_t(i)].x + d[1] * gradDir_[size_t(i)].y;
    acc += dot > 0.f ? dot * dot : 0.f;
  }
  return acc / float(ng);
}

bool PupilLocator::prepare(const cv::Mat& grey, const EyeContour& eye, float irisRadiusPx) {
  CV_Assert(grey.type() == CV_8UC1 && !grey.empty());
  const cv::Point2f ab = eye[3] - eye[0];
  if (!(ab.dot(ab) >= 16.f))
    return false;  // eye width < 4 px (or NaN)
  setFrame(eye);
  resampleAffine(grey, toImg_, raw_);
  computeRegion();
  preprocess();
  if (nt_ < 4)
    return false;

  // Disc (radius r in patch px) as row runs, and row prefix sums for D.
  const float N = opt_.eyeWidthPx;
  float r = irisRadiusPx > 0.f ? opt_.discRatio * irisRadiusPx / scale_ : opt_.discRadius * N;
  r = std::clamp(r, 1.f, float(kMaxDiscR) - 1.f);
  R_ = int(std::floor(r + 0.5f));
  for (int dy = -R_; dy <= R_; ++dy) {
    const float q = (r + 0.5f) * (r + 0.5f) - float(dy * dy);
    half_[size_t(dy + R_)] = q > 0.f ? int(std::floor(std::sqrt(q))) : -1;
  }
  for (int v = 0; v < H_; ++v) {
    const float* a = masked_.ptr<float>(v);
    const float* m = mask_.ptr<float>(v);
    float* pa = prefixA_.ptr<float>(v);
    float* pm = prefixM_.ptr<float>(v);
    pa[0] = pm[0] = 0.f;
    for (int u = 0; u < W_; ++u) {
      pa[u + 1] = pa[u] + a[u];
      pm[u + 1] = pm[u] + m[u];
    }
  }
  // Candidate centres with their D, best first.
  const float cm = opt_.centreMargin * N;
  cands_.clear();
  for (int v = 0; v < H_; ++v)
    for (int u = 0; u < W_; ++u)
      if (sd_.at<float>(v, u) <= cm) {
        const float d = discScore(u, v);
        if (d > 0.f)
          cands_.push_back({d, short(u), short(v)});
      }
  if (cands_.empty())
    return false;
  std::sort(cands_.begin(), cands_.end(), [](const Cand& a, const Cand& b) { return a.d > b.d; });
  return true;
}

PupilEstimate PupilLocator::finish(int bu, int bv, float best, float bestD, float bestT) {
  // Sub-pixel refinement of the product surface, mapping back, confidence.
  PupilEstimate est;
  auto prod = [&](int u, int v) { return discScore(u, v) * symmetryScore(u, v); };
  cv::Point2f c{float(bu), float(bv)};
  if (bu > 0 && bu < W_ - 1)
    c.x += parabolaPeak(prod(bu - 1, bv), best, prod(bu + 1, bv));
  if (bv > 0 && bv < H_ - 1)
    c.y += parabolaPeak(prod(bu, bv - 1), best, prod(bu, bv + 1));
  if (opt_.refineWindow > 0.f) {
    const cv::Point2f dark = darkCentroid(c);
    c.y = dark.y;
    c.x += opt_.refineHorizontal * (dark.x - c.x);
  }
  est.centre = cv::Point2f(toImg_(0, 0) * c.x + toImg_(0, 1) * c.y + toImg_(0, 2),
                           toImg_(1, 0) * c.x + toImg_(1, 1) * c.y + toImg_(1, 2));
  const double var = st2_ / nt_ - (st_ / nt_) * (st_ / nt_);
  est.separation = var > 1e-6 ? float(std::min(1.0, bestD / var)) : 0.f;
  est.symmetry = bestT;
  const float g = std::sqrt(est.separation * est.symmetry);
  est.confidence = std::clamp(
      (g - opt_.confidenceLow) / std::max(1e-3f, opt_.confidenceHigh - opt_.confidenceLow), 0.f,
      1.f);
  est.found = true;
  return est;
}

cv::Point2f PupilLocator::darkCentroid(cv::Point2f c) const {
  // Mean shift on darkness: the threshold is the mean grey inside the disc
  // at the current centre, the weight of a darker pixel its difference from
  // it. Glint-suppressed, unsmoothed patch; only pixels of the eye region.
  const float rw = opt_.refineWindow * float(R_), r2 = float(R_ * R_);
  for (int it = 0; it < opt_.refineIterations; ++it) {
    const int v0 = std::max(0, int(std::floor(c.y - rw))),
              v1 = std::min(H_ - 1, int(std::ceil(c.y + rw)));
    const int u0 = std::max(0, int(std::floor(c.x - rw))),
              u1 = std::min(W_ - 1, int(std::ceil(c.x + rw)));
    double sum = 0, n = 0;
    for (int v = v0; v <= v1; ++v) {
      const float* g = work_.ptr<float>(v);
      const float* mk = mask_.ptr<float>(v);
      for (int u = u0; u <= u1; ++u) {
        const float du = float(u) - c.x, dv = float(v) - c.y;
        if (mk[u] > 0.f && du * du + dv * dv <= r2) {
          sum += g[u];
          n += 1;
        }
      }
    }
    if (n < 1)
      return c;
    const float thr = float(sum / n);
    double sw = 0, su = 0, sv = 0;
    for (int v = v0; v <= v1; ++v) {
      const float* g = work_.ptr<float>(v);
      const float* mk = mask_.ptr<float>(v);
      for (int u = u0; u <= u1; ++u) {
        const float du = float(u) - c.x, dv = float(v) - c.y;
        const float w = thr - g[u];
        if (mk[u] > 0.f && w > 0.f && du * du + dv * dv <= rw * rw) {
          sw += w;
          su += w * u;
          sv += w * v;
        }
      }
    }
    if (sw <= 0)
      return c;
    c = cv::Point2f(float(su / sw), float(sv / sw));
  }
  return c;
}

PupilEstimate PupilLocator::locate(const cv::Mat& grey, const EyeContour& eye, float irisRadiusPx) {
  if (!prepare(grey, eye, irisRadiusPx))
    return {};
  // Maximise D*T. T <= 1 bounds the product by D, so candidates are visited
  // in decreasing D until D falls below the best product (exact).
  float best = -1.f, bestT = 0.f, bestD = 0.f;
  int bu = cands_[0].u, bv = cands_[0].v;
  for (const Cand& c : cands_) {
    if (c.d <= best)
      break;
    const float t = symmetryScore(c.u, c.v);
    if (c.d * t > best) {
      best = c.d * t;
      bestT = t;
      bestD = c.d;
      bu = c.u;
      bv = c.v;
    }
  }
  return finish(bu, bv, best, bestD, bestT);
}

}  // namespace drishti::core
