#include "firmware/core/face_tracker.h"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing/shape_predictor.h>
#include <dlib/opencv/cv_image.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <vector>

#include "firmware/core/landmark_regressor.h"
#include "firmware/core/patch_sampler.h"

namespace drishti::core {
namespace {

constexpr int kTemplateSide = 32;     // canonical face patch for the appearance check
constexpr float kHogWindowPx = 80.f;  // dlib frontal detector window

// Stream buffer that keeps the first `limit` bytes written and then fails,
// so dlib::serialize stops right after the header fields we need.
class PrefixBuf : public std::streambuf {
 public:
  explicit PrefixBuf(size_t limit) : limit_(limit) {}
  const std::string& data() const { return data_; }

 protected:
  int_type overflow(int_type ch) override {
    if (data_.size() >= limit_ || traits_type::eq_int_type(ch, traits_type::eof()))
      return traits_type::eof();
    data_.push_back(traits_type::to_char_type(ch));
    return ch;
  }

 private:
  size_t limit_;
  std::string data_;
};

// The model's mean shape in the predictor's normalised box coordinates
// ((0,0) = box top-left, (1,1) = bottom-right). dlib keeps it private; it is
// the first field serialised after the version number, so we serialise a
// prefix of the model into memory and read it back with dlib's own
// deserialiser. Runs once, at construction.
FaceShape meanShapeOf(const dlib::shape_predictor& sp) {
  PrefixBuf buf(1 << 16);
  {
    std::ostream os(&buf);
    try {
      dlib::serialize(sp, os);
    } catch (...) {
      // Expected: the stream fails once the prefix limit is reached.
    }
  }
  std::istringstream is(buf.data());
  int version = 0;
  dlib::matrix<float, 0, 1> initial;
  dlib::deserialize(version, is);
  dlib::deserialize(initial, is);
  if (version != 1 || initial.size() != 136)
    throw std::runtime_error("FaceTracker: expected a 68-point dlib shape predictor");
  FaceShape m;
  for (int i = 0; i < 68; ++i)
    m[i] = {initial(2 * i), initial(2 * i + 1)};
  return m;
}

float iou(const cv::Rect2f& a, const cv::Rect2f& b) {
  const float inter = (a & b).area();
  const float uni = a.area() + b.area() - inter;
  return uni > 0 ? inter / uni : 0.f;
}

float ramp(float x, float lo, float hi) {  // 0 at lo, 1 at hi (either order)
  if (hi == lo)
    return x >= hi ? 1.f : 0.f;
  return std::clamp((x - lo) / (hi - lo), 0.f, 1.f);
}

}  // namespace

struct FaceTracker::Impl {
  Impl(const dlib::shape_predictor* p, const TrackingParams::Face& prm,
       std::shared_ptr<const LandmarkModel> sharedModel)
      : sp(p), params(prm), detector(dlib::get_frontal_face_detector()) {
    if (params.landmarkEngine == LandmarkEngine::kFlat) {
      if (!sharedModel && !p)
        throw std::invalid_argument("FaceTracker: no landmark model");
      model = sharedModel ? std::move(sharedModel) : std::make_shared<const LandmarkModel>(*p);
      regressor = std::make_unique<LandmarkRegressor>(*model, params.landmarkLightSlope);
      meanShape = model->meanShape();
    } else {
      if (!p)
        throw std::invalid_argument(
            "FaceTracker: the dlib landmark engine needs dlib's shape_predictor");
      meanShape = meanShapeOf(*p);
    }
    // Verifier: the same detector restricted to a few pyramid levels.
    dlib::frontal_face_detector::image_scanner_type scanner;
    scanner.copy_configuration(detector.get_scanner());
    scanner.set_max_pyramid_levels(std::max(1, params.verifyPyramidLevels));
    std::vector<dlib::frontal_face_detector::feature_vector_type> w;
    for (unsigned long i = 0; i < detector.num_detectors(); ++i)
      w.push_back(detector.get_w(i));
    verifier = dlib::frontal_face_detector(scanner, detector.get_overlap_tester(), w);
    // dlib's frontal face detector has 5 HOG filters; the first is the
    // front-looking one. It is tried alone first (5x less filtering).
    verifierFront = dlib::frontal_face_detector(scanner, detector.get_overlap_tester(), w[0]);
    patch.create(kTemplateSide, kTemplateSide, CV_32FC1);
    faceTemplate.create(kTemplateSide, kTemplateSide, CV_32FC1);
    const int vside =
        static_cast<int>(std::ceil(params.verifyWindowScale * params.verifyFacePx)) + 2;
    verifyBuf.create(vside, vside, CV_8UC1);
    dets.reserve(64);
  }

  const dlib::shape_predictor* sp;  // LandmarkEngine::kDlib only; may be null otherwise
  TrackingParams::Face params;
  dlib::frontal_face_detector detector;
  dlib::frontal_face_detector verifier, verifierFront;
  std::shared_ptr<const LandmarkModel> model;  // LandmarkEngine::kFlat
  std::unique_ptr<LandmarkRegressor> regressor;
  FaceShape meanShape;  // normalised box coordinates

  TrackState state = TrackState::kSearching;
  FaceShape shape{};
  cv::Rect2f box;
  double lastT = 0;
  bool haveLastT = false;
  double lastCheckT = 0;
  double lastDetectT = -1e18;
  int failedChecks = 0;
  float lastScore = 0.f;
  bool templateValid = false;

  // Memory of the last lost face, for re-acquisition preference.
  bool haveLostBox = false;
  cv::Rect2f lostBox;
  double lostT = 0;

  // Buffers (allocated once, reused).
  cv::Mat detBuf;     // downscaled frame for full detection
  cv::Mat verifyBuf;  // window for local checks (max size; used via ROI)
  cv::Mat patch, faceTemplate;
  std::vector<dlib::rect_detection> dets;

  cv::Rect2f boxFromShape(const FaceShape& s) const {
    const Similarity t = fitSimilarity(meanShape, s);
    const cv::Point2f c = t.apply({0.5f, 0.5f});
    const float side = t.scale();
    return {c.x - side / 2, c.y - side / 2, side, side};
  }

  static dlib::rectangle toDlib(const cv::Rect2f& r) {
    return dlib::rectangle(std::lround(r.x), std::lround(r.y), std::lround(r.x + r.width),
                           std::lround(r.y + r.height));
  }

  void runLandmarks(const cv::Mat& gray, const cv::Rect2f& b, FaceObservation& o) {
    ++o.landmarkRuns;
    if (regressor) {
      regressor->predict(gray, b, shape);
      return;
    }
    const dlib::cv_image<unsigned char> img(gray);
    const dlib::full_object_detection d = (*sp)(img, toDlib(b));
    for (int i = 0; i < 68; ++i)
      shape[i] = {static_cast<float>(d.part(i).x()), static_cast<float>(d.part(i).y())};
  }

  // Canonical face patch through the mean-shape similarity, normalised.
  float appearance(const cv::Mat& gray) {
    const Similarity t = fitSimilarity(meanShape, shape);
    // Patch pixel (u,v) -> normalised box coords ((u+0.5)/N, (v+0.5)/N) -> image.
    const float k = 1.f / kTemplateSide;
    Similarity pt;
    pt.a = t.a * k;
    pt.b = t.b * k;
    const cv::Point2f o = t.apply({0.5f * k, 0.5f * k});
    pt.tx = o.x;
    pt.ty = o.y;
    samplePatch(gray, pt, patch);
    normalisePatch(patch);
    return templateValid ? patchDot(patch, faceTemplate) : 1.f;
  }

  void updateTemplate(float rate) {
    if (!templateValid) {
      patch.copyTo(faceTemplate);
      templateValid = true;
      return;
    }
    cv::addWeighted(faceTemplate, 1.f - rate, patch, rate, 0.0, faceTemplate);
    normalisePatch(faceTemplate);
  }

  // Full detection on a downscaled copy. Returns true and sets `box`/`shape`.
  bool acquire(const cv::Mat& gray, double t, FaceObservation& o) {
    const float shorter = static_cast<float>(std::min(gray.cols, gray.rows));
    float s = kHogWindowPx / std::max(1.f, params.minFaceFraction * shorter);
    const float cap = std::sqrt(static_cast<float>(params.maxDetectPixels) /
                                static_cast<float>(gray.cols * gray.rows));
    s = std::min(s, cap);
    const cv::Size ds(std::max(1, static_cast<int>(std::lround(gray.cols * s))),
                      std::max(1, static_cast<int>(std::lround(gray.rows * s))));
    const double sx = static_cast<double>(ds.width) / gray.cols;
    const double sy = static_cast<double>(ds.height) / gray.rows;
    cv::resize(gray, detBuf, ds, 0, 0, s < 1.f ? cv::INTER_AREA : cv::INTER_LINEAR);
    dets.clear();
    detector(dlib::cv_image<unsigned char>(detBuf), dets, params.detectThreshold);
    ++o.detectorRuns;
    lastDetectT = t;
    if (dets.empty())
      return false;

    // Candidates in work coordinates; choose by re-acquisition memory, then policy.
    const cv::Point2f centre(gray.cols / 2.f, gray.rows / 2.f);
    const bool recent = haveLostBox && (t - lostT) <= params.reacquireMemoryMs;
    int best = -1;
    float bestKey = -std::numeric_limits<float>::infinity();
    bool bestOverlaps = false;
    for (int i = 0; i < static_cast<int>(dets.size()); ++i) {
      const dlib::rectangle& r = dets[i].rect;
      const cv::Rect2f b(static_cast<float>(r.left() / sx), static_cast<float>(r.top() / sy),
                         static_cast<float>((r.right() - r.left()) / sx),
                         static_cast<float>((r.bottom() - r.top()) / sy));
      const bool overlaps = recent && iou(b, lostBox) >= params.verifyMinIou;
      float key;
      if (params.policy == FacePolicy::kLargest) {
        key = b.area();
      } else {
        const cv::Point2f c(b.x + b.width / 2, b.y + b.height / 2);
        key = -std::hypot(c.x - centre.x, c.y - centre.y);
      }
      if ((overlaps && !bestOverlaps) || (overlaps == bestOverlaps && key > bestKey)) {
        best = i;
        bestKey = key;
        bestOverlaps = overlaps;
        box = b;
      }
    }
    lastScore = static_cast<float>(dets[best].detection_confidence);
    runLandmarks(gray, box, o);
    box = boxFromShape(shape);
    templateValid = false;
    appearance(gray);
    updateTemplate(1.f);
    state = TrackState::kTracking;
    failedChecks = 0;
    lastCheckT = t;
    haveLostBox = false;
    o.acquired = true;
    return true;
  }

  // Local HOG check on a small window around the tracked box.
  bool verify(const cv::Mat& gray, FaceObservation& o) {
    const float side = box.width * params.verifyWindowScale;
    const cv::Point2f c(box.x + box.width / 2, box.y + box.height / 2);
    cv::Rect win(static_cast<int>(std::floor(c.x - side / 2)),
                 static_cast<int>(std::floor(c.y - side / 2)), static_cast<int>(std::ceil(side)),
                 static_cast<int>(std::ceil(side)));
    win &= cv::Rect(0, 0, gray.cols, gray.rows);
    if (win.width < 8 || win.height < 8)
      return false;
    const float s = params.verifyFacePx / std::max(1.f, box.width);
    const cv::Size ds(std::clamp(static_cast<int>(std::lround(win.width * s)), 1, verifyBuf.cols),
                      std::clamp(static_cast<int>(std::lround(win.height * s)), 1, verifyBuf.rows));
    cv::Mat view = verifyBuf(cv::Rect(0, 0, ds.width, ds.height));
    cv::resize(gray(win), view, ds, 0, 0, s < 1.f ? cv::INTER_AREA : cv::INTER_LINEAR);
    const double sx = static_cast<double>(ds.width) / win.width;
    const double sy = static_cast<double>(ds.height) / win.height;
    float bestIou = 0.f;
    float bestScore = 0.f;
    // Front-looking filter first; all five only if it does not confirm.
    for (dlib::frontal_face_detector* d : {&verifierFront, &verifier}) {
      dets.clear();
      (*d)(dlib::cv_image<unsigned char>(view), dets, params.verifyThreshold);
      ++o.detectorRuns;
      for (const auto& r : dets) {
        const cv::Rect2f b(static_cast<float>(win.x + r.rect.left() / sx),
                           static_cast<float>(win.y + r.rect.top() / sy),
                           static_cast<float>((r.rect.right() - r.rect.left()) / sx),
                           static_cast<float>((r.rect.bottom() - r.rect.top()) / sy));
        const float v = iou(b, box);
        if (v > bestIou) {
          bestIou = v;
          bestScore = static_cast<float>(r.detection_confidence);
        }
      }
      if (bestIou >= params.verifyMinIou)
        break;
    }
    if (bestIou >= params.verifyMinIou) {
      lastScore = bestScore;
      return true;
    }
    return false;
  }

  const FaceObservation& reportMissing(FaceObservation& o) const {
    o.found = false;
    o.state = state;
    o.confidence = 0.f;
    return o;
  }

  const FaceObservation& reportFound(FaceObservation& o, float ncc, float confidence) const {
    o.found = true;
    o.state = state;
    o.shape = shape;
    o.box = box;
    o.appearanceNcc = ncc;
    o.confidence = confidence;
    o.detectorScore = lastScore;
    return o;
  }

  void lose(double t) {
    state = TrackState::kSearching;
    haveLostBox = true;
    lostBox = box;
    lostT = t;
    failedChecks = 0;
  }
};

FaceTracker::FaceTracker(const dlib::shape_predictor& predictor, const TrackingParams::Face& params,
                         std::shared_ptr<const LandmarkModel> model)
    : impl_(std::make_unique<Impl>(&predictor, params, std::move(model))) {}

FaceTracker::FaceTracker(std::shared_ptr<const LandmarkModel> model,
                         const TrackingParams::Face& params)
    : impl_(std::make_unique<Impl>(nullptr, params, std::move(model))) {}

FaceTracker::~FaceTracker() = default;

void FaceTracker::reset() {
  impl_->state = TrackState::kSearching;
  impl_->haveLostBox = false;
  impl_->haveLastT = false;
  obs_ = FaceObservation{};
}

void FaceTracker::setLandmarkLightSlope(bool on) {
  if (on == impl_->params.landmarkLightSlope)
    return;
  impl_->params.landmarkLightSlope = on;
  if (impl_->model)
    impl_->regressor = std::make_unique<LandmarkRegressor>(*impl_->model, on);
}

cv::Rect2f FaceTracker::boxFromShape(const FaceShape& shape) const {
  return impl_->boxFromShape(shape);
}

const FaceObservation& FaceTracker::update(const cv::Mat& gray, double t) {
  CV_Assert(gray.type() == CV_8UC1 && !gray.empty());
  Impl& m = *impl_;
  const TrackingParams::Face& p = m.params;
  FaceObservation& o = obs_;
  o.acquired = o.verified = o.checked = false;
  o.detectorRuns = o.landmarkRuns = 0;
  const double dtMs = m.haveLastT ? std::max(1e-3, t - m.lastT) : 33.3;
  m.lastT = t;
  m.haveLastT = true;

  if (m.state == TrackState::kSearching) {
    if (t - m.lastDetectT < p.lostDetectIntervalMs || !m.acquire(gray, t, o))
      return m.reportMissing(o);
    return m.reportFound(o, /*ncc=*/1.f, /*confidence=*/1.f);
  }

  // Tracking: landmarks from the box implied by the previous shape.
  const cv::Rect2f prevBox = m.box;
  m.runLandmarks(gray, prevBox, o);
  m.box = m.boxFromShape(m.shape);

  const float ncc = m.appearance(gray);
  const cv::Point2f c0(prevBox.x + prevBox.width / 2, prevBox.y + prevBox.height / 2);
  const cv::Point2f c1(m.box.x + m.box.width / 2, m.box.y + m.box.height / 2);
  const float speed = std::hypot(c1.x - c0.x, c1.y - c0.y) / std::max(1.f, m.box.width) /
                      static_cast<float>(dtMs * 1e-3);
  const float conf = ramp(ncc, p.nccBad, p.nccGood) * (1.f - ramp(speed, p.speedOk, p.speedBad));

  // Local check: periodic, or early when confidence drops.
  const bool due = (t - m.lastCheckT) >= p.recheckIntervalMs;
  const bool doubtful = conf < p.recheckConfidence && (t - m.lastCheckT) >= p.minRecheckGapMs;
  bool lost = m.box.width < 8.f;
  if (!lost && (due || doubtful)) {
    m.lastCheckT = t;
    o.checked = true;
    if (m.verify(gray, o)) {
      m.failedChecks = 0;
      o.verified = true;
      m.updateTemplate(p.templateUpdate);
    } else {
      ++m.failedChecks;
      if (m.failedChecks >= p.maxFailedChecks || conf < p.loseConfidence)
        lost = true;
    }
  }
  if (lost) {
    m.lose(t);
    return m.reportMissing(o);
  }
  return m.reportFound(o, ncc, conf);
}

}  // namespace drishti::core
