#include "firmware/core/face_finder.h"

#include <cmath>

#include "firmware/core/image_sampling.h"

namespace drishti::core {

double eyeMirrorSimilarity(const cv::Mat& grey, const FaceShape& lm) {
  // Each eye resampled into a 32x16 patch in its own frame (x along the
  // corner axis from image-left to image-right, 1.4 eye widths wide); the
  // image-right eye's patch is mirrored before the correlation.
  constexpr int W = 32, H = 16;
  cv::Mat p[2] = {cv::Mat(H, W, CV_32F), cv::Mat(H, W, CV_32F)};
  for (int e = 0; e < 2; ++e) {
    const size_t f = e == 0 ? 36 : 42;
    const cv::Point2f a = lm[f], b = lm[f + 3];
    cv::Point2f m(0.f, 0.f);
    for (size_t i = 0; i < 6; ++i)
      m += lm[f + i];
    m *= 1.f / 6.f;
    const float w = std::max(1.f, std::sqrt((b - a).dot(b - a)));
    const cv::Point2f ex = (b - a) * (1.f / w), ey(-ex.y, ex.x);
    const float s = 1.4f * w / float(W);
    const float sx = e == 0 ? s : -s;  // mirror the second eye
    const float cu = 0.5f * float(W - 1), cv = 0.5f * float(H - 1);
    const cv::Matx23f A(sx * ex.x, s * ey.x, m.x - sx * cu * ex.x - s * cv * ey.x, sx * ex.y,
                        s * ey.y, m.y - sx * cu * ex.y - s * cv * ey.y);
    resampleAffine(grey, A, p[e]);
  }
  double m0 = cv::mean(p[0])[0], m1 = cv::mean(p[1])[0], s01 = 0, s00 = 0, s11 = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      const double a = p[0].at<float>(y, x) - m0, b = p[1].at<float>(y, x) - m1;
      s01 += a * b;
      s00 += a * a;
      s11 += b * b;
    }
  return s00 > 0 && s11 > 0 ? s01 / std::sqrt(s00 * s11) : 0.0;
}

FaceFinder::FaceFinder(FaceDetector& d, LandmarkDetector& l) : FaceFinder(d, l, Options{}) {}
FaceFinder::FaceFinder(FaceDetector& d, LandmarkDetector& l, const Options& opt)
    : det_(d), lmk_(l), opt_(opt) {}

FoundFace FaceFinder::find(const cv::Mat& grey) {
  FoundFace out;
  const auto boxes = det_.detect(grey);
  if (!boxes.empty()) {
    out.found = true;
    out.box = boxes[0];
    out.landmarks = lmk_.detect(grey, out.box);
    out.eyeMatch = eyeMirrorSimilarity(grey, out.landmarks);
    // Accept unless it is a weak detection from a rolled or upsampled pass
    // whose eyes do not look like a pair (typical of a box on the mouth).
    const bool secondary = out.box.rollDeg != 0.f || out.box.upsample > 0;
    if (!secondary || out.box.score >= opt_.weakScore || out.eyeMatch >= opt_.minEyeMatch)
      return out;
  }
  const auto cands = det_.detectCandidates(grey, opt_.fallbackThreshold);
  double best = opt_.minEyeMatch;
  for (size_t i = 0; i < cands.size() && int(i) < opt_.fallbackCandidates; ++i) {
    const FaceShape lm = lmk_.detect(grey, cands[i]);
    const double m = eyeMirrorSimilarity(grey, lm);
    if (m >= best) {
      best = m;
      out.found = true;
      out.fallback = true;
      out.box = cands[i];
      out.landmarks = lm;
      out.eyeMatch = m;
    }
  }
  return out;
}

}  // namespace drishti::core
