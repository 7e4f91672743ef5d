#include "firmware/core/openness_estimator.h"

#include <algorithm>
#include <cmath>

#include "firmware/core/patch_sampler.h"

namespace drishti::core {
namespace {

float ramp(float x, float lo, float hi) {
  if (hi == lo)
    return x >= hi ? 1.f : 0.f;
  return std::clamp((x - lo) / (hi - lo), 0.f, 1.f);
}

// Eye aspect ratio (Soukupova & Cech 2016): (|p2-p6| + |p3-p5|) / (2 |p1-p4|).
float eyeAspectRatio(const EyeContour& e) {
  const float w = distance(e[0], e[3]);
  if (w < 1e-3f)
    return 0.f;
  return (distance(e[1], e[5]) + distance(e[2], e[4])) / (2.f * w);
}

int px(float eyeWidths, int n) {
  return std::max(3, static_cast<int>(std::lround(eyeWidths * n)));
}

// Transform from patch pixels (cols x rows, pixel centres) to the image, for
// a patch centred on the eye corners' midpoint and aligned with them, at
// n patch pixels per eye width.
Similarity eyeFrame(const EyeContour& eye, int cols, int rows, int n) {
  const cv::Point2f c0 = eye[0], c1 = eye[3];
  const float d = std::max(1e-3f, distance(c0, c1));
  const float step = d / static_cast<float>(n);
  const cv::Point2f ux = (c1 - c0) * (1.f / d);
  const cv::Point2f uy(-ux.y, ux.x);
  const cv::Point2f origin =
      (c0 + c1) * 0.5f - ux * (0.5f * (cols - 1) * step) - uy * (0.5f * (rows - 1) * step);
  Similarity t;
  t.a = ux.x * step;
  t.b = ux.y * step;
  t.tx = origin.x;
  t.ty = origin.y;
  return t;
}

// Median of n (1..4) values; the mean of the middle two for an even count.
float median(float* v, int n) {
  std::sort(v, v + n);
  return n % 2 ? v[n / 2] : 0.5f * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

OpennessEstimator::EyeState::EyeState(const TrackingParams::Openness& p)
    : earHist(0.f, 0.6f, p.baselineTauMs),
      chromaHist(0.f, 0.2f, p.baselineTauMs),
      edgeHist(0.f, 1.f, p.baselineTauMs),
      contrastHist(0.f, 1.f, p.baselineTauMs),
      stateHist(0.f, 1.f, p.baselineTauMs) {
  reset(p);
}

void OpennessEstimator::EyeState::reset(const TrackingParams::Openness& p) {
  earHist.reset();
  chromaHist.reset();
  edgeHist.reset();
  contrastHist.reset();
  stateHist.reset();
  if (p.priorWeightMs > 0) {
    earHist.add(p.earPrior, p.priorWeightMs);
    chromaHist.add(p.chromaPrior, p.priorWeightMs);
    edgeHist.add(p.edgePrior, p.priorWeightMs);
    stateHist.add(p.eyeStatePrior, p.priorWeightMs);
  }
}

OpennessEstimator::OpennessEstimator(const TrackingParams::Openness& params)
    : p_(params), left_(params), right_(params) {
  const int n = std::max(4, p_.regionPxPerEyeWidth);
  // One pixel of border on each side for the central differences.
  region_.create(px(p_.eyeRegionHeight, n) + 2, px(p_.eyeRegionWidth, n) + 2, CV_32FC1);
  chroma_.create(px(p_.skinPatchHeight, n), px(p_.skinPatchWidth, n), CV_32FC1);
  intensity_.create(chroma_.size(), CV_32FC1);
  skinValues_.resize(static_cast<size_t>(chroma_.rows) * chroma_.cols);
}

void OpennessEstimator::reset() {
  left_.reset(p_);
  right_.reset(p_);
  haveLastT_ = false;
}

float OpennessEstimator::edgeRatio(const cv::Mat& gray, const EyeContour& eye, float& inside) {
  const int n = std::max(4, p_.regionPxPerEyeWidth);
  inside = samplePatch(gray, eyeFrame(eye, region_.cols, region_.rows, n), region_);
  double sx = 0, sy = 0, si = 0;
  for (int r = 1; r < region_.rows - 1; ++r) {
    const float* up = region_.ptr<float>(r - 1);
    const float* row = region_.ptr<float>(r);
    const float* dn = region_.ptr<float>(r + 1);
    for (int c = 1; c < region_.cols - 1; ++c) {
      sx += std::fabs(row[c + 1] - row[c - 1]);
      sy += std::fabs(dn[c] - up[c]);
      si += row[c];
    }
  }
  // Contrast: mean gradient magnitude relative to the mean intensity.
  lastContrast_ = si > 1e-6 ? static_cast<float>((sx + sy) / si) : 0.f;
  return (sx + sy) > 1e-6 ? static_cast<float>(sx / (sx + sy)) : 0.f;
}

Similarity OpennessEstimator::toColour(Similarity t) const {
  const float k = static_cast<float>(1.0 / colourScale_);
  t.a *= k;
  t.b *= k;
  t.tx *= k;
  t.ty *= k;
  return t;
}

float OpennessEstimator::nonSkin(const cv::Mat& bgr, const EyeContour& eye, float& inside) {
  const int n = std::max(4, p_.regionPxPerEyeWidth);
  inside = samplePatchChroma(bgr, toColour(eyeFrame(eye, chroma_.cols, chroma_.rows, n)), chroma_,
                             intensity_);
  // Skin reference: median chromaticity of the (mostly skin) patch.
  size_t m = 0;
  for (int r = 0; r < chroma_.rows; ++r) {
    const float* c = chroma_.ptr<float>(r);
    const float* i = intensity_.ptr<float>(r);
    for (int u = 0; u < chroma_.cols; ++u)
      if (i[u] >= p_.chromaMinIntensity)
        skinValues_[m++] = c[u];
  }
  if (m < 8)
    return 0.f;
  std::nth_element(skinValues_.begin(), skinValues_.begin() + m / 2, skinValues_.begin() + m);
  const float skin = std::max(1e-3f, skinValues_[m / 2]);
  // Mean non-skinness of the central eye region.
  const int rw = std::min(chroma_.cols, px(p_.eyeRegionWidth, n));
  const int rh = std::min(chroma_.rows, px(p_.eyeRegionHeight, n));
  const int c0 = (chroma_.cols - rw) / 2, r0 = (chroma_.rows - rh) / 2;
  double sum = 0;
  int cnt = 0;
  for (int r = r0; r < r0 + rh; ++r) {
    const float* c = chroma_.ptr<float>(r);
    const float* i = intensity_.ptr<float>(r);
    for (int u = c0; u < c0 + rw; ++u) {
      if (i[u] < p_.chromaMinIntensity)
        continue;
      sum += std::max(0.f, skin - c[u]);
      ++cnt;
    }
  }
  return cnt ? static_cast<float>(sum / cnt / skin) : 0.f;
}

void OpennessEstimator::updateEye(const cv::Mat& gray, const cv::Mat& bgr, const EyeContour& eye,
                                  float faceConf, float sizeConf, float dtMs,
                                  float closedProbability, EyeState& st, EyeOpenness& out) {
  out.eyeWidthPx = distance(eye[0], eye[3]);
  float inside = 0.f, insideC = 1.f;
  out.ear.raw = eyeAspectRatio(eye);
  out.edge.raw = edgeRatio(gray, eye, inside);
  out.contrast = lastContrast_;
  const bool colour = !bgr.empty() && p_.useChroma;
  out.chroma.raw = colour ? nonSkin(bgr, eye, insideC) : 0.f;
  inside = std::min(inside, insideC);

  const bool learn =
      faceConf >= p_.learnMinFaceConfidence && sizeConf > 0.f && inside > 0.9f && dtMs > 0.f;
  auto cue = [&](CueValue& c, RunningPercentile& hist, float prior, float closedRatio, bool valid) {
    c.valid = valid;
    if (!valid) {
      c.baseline = c.openness = 0.f;
      return;
    }
    if (learn)
      hist.add(c.raw, dtMs);
    c.baseline = hist.quantile(p_.baselinePercentile, prior);
    const float rel = c.raw / std::max(1e-4f, c.baseline);
    c.openness = ramp(rel, closedRatio, 1.f);
  };
  cue(out.ear, st.earHist, p_.earPrior, p_.earClosedRatio, true);
  cue(out.edge, st.edgeHist, p_.edgePrior, p_.edgeClosedRatio, true);
  cue(out.chroma, st.chromaHist, p_.chromaPrior, p_.chromaClosedRatio, colour);
  const bool state = p_.useEyeState && closedProbability >= 0.f;
  out.state.raw = state ? 1.f - std::min(closedProbability, 1.f) : 0.f;
  cue(out.state, st.stateHist, p_.eyeStatePrior, p_.eyeStateClosedRatio, state);

  // Edge cue weight from the open baseline of the region's contrast.
  if (learn)
    st.contrastHist.add(out.contrast, dtMs);
  const float contrast = st.contrastHist.quantile(p_.baselinePercentile, p_.edgeFullContrast);
  const float we = p_.useEdge ? ramp(contrast, p_.edgeMinContrast, p_.edgeFullContrast) : 0.f;
  out.edgeWeight = we;
  // The median of the cues, so any one failing cue cannot break it; the
  // edge cue only where the eye region has enough contrast (weight we).
  float with[4], without[3];
  int nw = 0, nwo = 0;
  auto use = [&](const CueValue& c, bool edgeCue) {
    if (!c.valid)
      return;
    with[nw++] = c.openness;
    if (!edgeCue)
      without[nwo++] = c.openness;
  };
  use(out.ear, false);
  use(out.edge, true);
  use(out.chroma, false);
  use(out.state, false);
  const float withEdge = median(with, nw), withoutEdge = median(without, nwo);
  out.openness = we * withEdge + (1.f - we) * withoutEdge;
  out.opennessLow =
      we >= 0.5f ? *std::min_element(with, with + nw) : *std::min_element(without, without + nwo);
  const float warm = ramp(st.earHist.massMs(), 0.f, std::max(1.f, p_.warmupMs));
  out.confidence = faceConf * sizeConf * warm * ramp(inside, 0.8f, 1.f);
}

void OpennessEstimator::update(const cv::Mat& gray, const cv::Mat& bgr, const FaceShape& shape,
                               float faceConf, double tMs, EyeOpenness& left, EyeOpenness& right,
                               float leftClosed, float rightClosed, double colourScale) {
  CV_Assert(gray.type() == CV_8UC1);
  CV_Assert(bgr.empty() || bgr.type() == CV_8UC3);
  CV_Assert(colourScale > 0.0);
  colourScale_ = colourScale;
  const float dt = haveLastT_ ? static_cast<float>(std::clamp(tMs - lastT_, 0.0, 100.0)) : 33.f;
  lastT_ = tMs;
  haveLastT_ = true;
  const EyeContour el = eyeContour(shape, kImageLeftEyeFirst);
  const EyeContour er = eyeContour(shape, kImageRightEyeFirst);
  const float wl = distance(el[0], el[3]);
  const float wr = distance(er[0], er[3]);
  const float wmax = std::max(wl, wr);
  const float rmin = std::clamp(p_.minEyeWidthRatio, 0.05f, 1.f);
  auto sizeConf = [&](float w) {
    const float turn = wmax > 0 ? ramp(w / wmax, 0.5f * rmin, rmin) : 0.f;
    return ramp(w, p_.minEyePx, p_.goodEyePx) * turn;
  };
  updateEye(gray, bgr, el, faceConf, sizeConf(wl), dt, leftClosed, left_, left);
  updateEye(gray, bgr, er, faceConf, sizeConf(wr), dt, rightClosed, right_, right);
}

}  // namespace drishti::core
