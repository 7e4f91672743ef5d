#include "firmware/core/eye_state_classifier.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "firmware/core/image_sampling.h"

namespace drishti::core {

namespace {
constexpr float kPi = 3.14159265358979f;
}

EyeStateModel parseEyeStateModel(const std::string& text) {
  std::istringstream in(text);
  std::string magic, tag;
  int n = 0;
  EyeStateModel m;
  if (!(in >> magic >> n >> tag >> m.bias) || magic != "drishti-eye-state-v1" || tag != "bias")
    throw std::runtime_error("eye state model: bad header");
  if (n != EyeStateClassifier::kNumFeatures)
    throw std::runtime_error("eye state model: feature count mismatch");
  m.mean.resize(size_t(n));
  m.scale.resize(size_t(n));
  m.weights.resize(size_t(n));
  for (int i = 0; i < n; ++i)
    if (!(in >> m.mean[size_t(i)] >> m.scale[size_t(i)] >> m.weights[size_t(i)]))
      throw std::runtime_error("eye state model: truncated");
  return m;
}

std::string toText(const EyeStateModel& m) {
  std::ostringstream out;
  out.precision(9);
  out << "drishti-eye-state-v1 " << m.weights.size() << "\nbias " << m.bias << "\n";
  for (size_t i = 0; i < m.weights.size(); ++i)
    out << m.mean[i] << ' ' << m.scale[i] << ' ' << m.weights[i] << '\n';
  return out.str();
}

PupilLocator::Options EyeStateClassifier::irisOptions() {
  PupilLocator::Options o;  // defaults as of model v1, restated explicitly
  o.eyeWidthPx = 32.f;
  o.patchWidth = 1.5f;
  o.patchHeight = 1.0f;
  o.glintRadius = 0.05f;
  o.glintDelta = 12.f;
  o.smoothSigma = 0.03f;
  o.regionMargin = 0.f;
  o.centreMargin = 0.05f;
  o.discRadius = 0.12f;
  o.gradThreshold = 0.3f;
  return o;
}

EyeStateClassifier::EyeStateClassifier() : EyeStateClassifier(defaultEyeStateModel()) {}

EyeStateClassifier::EyeStateClassifier(const EyeStateModel& model, const EyeCropFraming& framing)
    : model_(model), framing_(framing), iris_(irisOptions()) {
  if (model_.weights.size() != size_t(kNumFeatures) || model_.mean.size() != size_t(kNumFeatures) ||
      model_.scale.size() != size_t(kNumFeatures))
    throw std::invalid_argument("EyeStateClassifier: model size mismatch");
  canon_.create(kCropH, kCropW, CV_32F);
  cropf_.create(kCropH, kCropW, CV_32F);
  crop8_.create(kCropH, kCropW, CV_8U);
  feat_.reserve(kNumFeatures);
  cells_.resize(size_t(kCellsX * kCellsY * kBins));
}

void EyeStateClassifier::cropFromContour(const cv::Mat& grey, const EyeContour& eye, cv::Mat& out) {
  CV_Assert(grey.type() == CV_8UC1);
  const cv::Point2f a = eye[0], b = eye[3];
  const float w = std::max(1.f, std::sqrt((b - a).dot(b - a)));
  const cv::Point2f ex = (b - a) * (1.f / w), ey(-ex.y, ex.x);
  cv::Point2f m(0.f, 0.f);
  for (const auto& p : eye)
    m += p;
  m *= 1.f / 6.f;
  m += ey * (framing_.cropShift * w);
  const float s = framing_.cropWidth * w / float(kCropW);  // image px per crop px
  const float cu = 0.5f * float(kCropW - 1), cv = 0.5f * float(kCropH - 1);
  const cv::Matx23f A(s * ex.x, s * ey.x, m.x - s * (cu * ex.x + cv * ey.x), s * ex.y, s * ey.y,
                      m.y - s * (cu * ex.y + cv * ey.y));
  resampleAffine(grey, A, cropf_);
  out.create(kCropH, kCropW, CV_8U);  // no-op when already allocated
  for (int y = 0; y < kCropH; ++y) {
    const float* f = cropf_.ptr<float>(y);
    uchar* o = out.ptr<uchar>(y);
    for (int x = 0; x < kCropW; ++x)
      o[x] = cv::saturate_cast<uchar>(f[x]);
  }
}

void EyeStateClassifier::features(const cv::Mat& crop, std::vector<float>& out) {
  CV_Assert(crop.type() == CV_8UC1 && crop.cols >= 8 && crop.rows >= 6);
  // Map the centred sub-rectangle of canonical aspect onto the canonical grid
  // (pixel-centre aligned): a wider crop loses its left/right margins, a
  // taller one its top/bottom, so the eye keeps its proportions.
  const float s = std::min(float(crop.cols) / float(kCropW), float(crop.rows) / float(kCropH));
  const float ox = 0.5f * (float(crop.cols) - s * float(kCropW)),
              oy = 0.5f * (float(crop.rows) - s * float(kCropH));
  resampleAffine(crop, cv::Matx23f(s, 0.f, ox + 0.5f * s - 0.5f, 0.f, s, oy + 0.5f * s - 0.5f),
                 canon_);
  // Photometric normalisation: zero mean, unit standard deviation.
  double s1 = 0, s2 = 0;
  for (int y = 0; y < kCropH; ++y) {
    const float* p = canon_.ptr<float>(y);
    for (int x = 0; x < kCropW; ++x) {
      s1 += p[x];
      s2 += double(p[x]) * p[x];
    }
  }
  const double n = double(kCropW * kCropH), mu = s1 / n;
  const float k = 1.f / float(std::max(std::sqrt(std::max(0.0, s2 / n - mu * mu)), 2.0));
  for (int y = 0; y < kCropH; ++y) {
    float* p = canon_.ptr<float>(y);
    for (int x = 0; x < kCropW; ++x)
      p[x] = (p[x] - float(mu)) * k;
  }
  // Cell histograms with bilinear interpolation in space and orientation.
  std::fill(cells_.begin(), cells_.end(), 0.f);
  for (int y = 0; y < kCropH; ++y) {
    const float* r = canon_.ptr<float>(y);
    const float* ru = canon_.ptr<float>(std::max(y - 1, 0));
    const float* rd = canon_.ptr<float>(std::min(y + 1, kCropH - 1));
    for (int x = 0; x < kCropW; ++x) {
      const float gx = r[std::min(x + 1, kCropW - 1)] - r[std::max(x - 1, 0)];
      const float gy = rd[x] - ru[x];
      const float mag = std::sqrt(gx * gx + gy * gy);
      if (mag <= 0.f)
        continue;
      float th = std::atan2(gy, gx);
      if (th < 0.f)
        th += kPi;
      float bpos = th / (kPi / kBins) - 0.5f;
      int b0 = int(std::floor(bpos));
      const float fb = bpos - float(b0);
      const int b1 = (b0 + 1) % kBins;
      b0 = (b0 + kBins) % kBins;
      const float cxp = (float(x) + 0.5f) / kCell - 0.5f, cyp = (float(y) + 0.5f) / kCell - 0.5f;
      const int cx0 = int(std::floor(cxp)), cy0 = int(std::floor(cyp));
      const float fx = cxp - float(cx0), fy = cyp - float(cy0);
      for (int j = 0; j < 2; ++j) {
        const int cy = cy0 + j;
        if (cy < 0 || cy >= kCellsY)
          continue;
        const float wy = j ? fy : 1.f - fy;
        for (int i = 0; i < 2; ++i) {
          const int cx = cx0 + i;
          if (cx < 0 || cx >= kCellsX)
            continue;
          const float w = mag * wy * (i ? fx : 1.f - fx);
          float* h = &cells_[size_t((cy * kCellsX + cx) * kBins)];
          h[b0] += w * (1.f - fb);
          h[b1] += w * fb;
        }
      }
    }
  }
  // 2x2-cell blocks, L2-Hys normalisation (Dalal & Triggs 2005).
  out.clear();
  for (int by = 0; by + 1 < kCellsY; ++by)
    for (int bx = 0; bx + 1 < kCellsX; ++bx) {
      const size_t start = out.size();
      for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 2; ++i) {
          const float* h = &cells_[size_t(((by + j) * kCellsX + bx + i) * kBins)];
          out.insert(out.end(), h, h + kBins);
        }
      for (int pass = 0; pass < 2; ++pass) {
        float n2 = 0.f;
        for (size_t i = start; i < out.size(); ++i)
          n2 += out[i] * out[i];
        const float inv = 1.f / std::sqrt(n2 + 1e-2f);
        for (size_t i = start; i < out.size(); ++i)
          out[i] = pass == 0 ? std::min(out[i] * inv, 0.2f) : out[i] * inv;
      }
    }
  if constexpr (kUseThumb) {
    // Block means of the normalised crop (zero mean, unit variance).
    const int bw = kCropW / kThumbW, bh = kCropH / kThumbH;
    for (int ty = 0; ty < kThumbH; ++ty)
      for (int tx = 0; tx < kThumbW; ++tx) {
        float a = 0.f;
        for (int y = ty * bh; y < (ty + 1) * bh; ++y)
          for (int x = tx * bw; x < (tx + 1) * bw; ++x)
            a += canon_.at<float>(y, x);
        out.push_back(a / float(bw * bh));
      }
  }
  if constexpr (kNumIris > 0) {
    // Dark round iris cue: run the pupil locator on the crop with a typical
    // eye contour (eye width = crop width / kCropWidthPerEyeWidth).
    const cv::Point2f ctr(0.5f * float(crop.cols - 1), 0.5f * float(crop.rows - 1));
    const PupilEstimate pe =
        iris_.locate(crop, typicalEyeContour(ctr, s * float(kCropW) / kCropWidthPerEyeWidth));
    out.push_back(pe.separation);
    out.push_back(pe.symmetry);
  }
}

float EyeStateClassifier::closedProbability(const cv::Mat& crop) {
  features(crop, feat_);
  double z = model_.bias;
  for (int i = 0; i < kNumFeatures; ++i)
    z += double(model_.weights[size_t(i)]) * (feat_[size_t(i)] - model_.mean[size_t(i)]) *
         model_.scale[size_t(i)];
  return float(1.0 / (1.0 + std::exp(-z)));
}

float EyeStateClassifier::closedProbability(const cv::Mat& grey, const EyeContour& eye) {
  cropFromContour(grey, eye, crop8_);
  return closedProbability(crop8_);
}

}  // namespace drishti::core
