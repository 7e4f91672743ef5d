#include "firmware/app/core_processor.h"

#include <algorithm>
#include <cmath>

#include "firmware/app/landmark_model_file.h"

namespace drishti::app {
namespace {

struct ParameterSpec {
  std::string_view name;
  double lo, hi;
  float* (*field)(core::TrackingParams&);
  // A switch instead of a number (then field is null): 0 off, 1 on.
  bool* (*flag)(core::TrackingParams&) = nullptr;
};

void assign(const ParameterSpec& s, core::TrackingParams& p, double value) {
  if (s.flag)
    *s.flag(p) = value != 0;
  else
    *s.field(p) = static_cast<float>(value);
}

// The tunables the host and the board file may set, with their valid ranges.
const ParameterSpec kParameters[] = {
    {"close_below", 0.05, 0.95, [](core::TrackingParams& p) { return &p.blink.closeBelow; }},
    {"open_above", 0.05, 0.99, [](core::TrackingParams& p) { return &p.blink.openAbove; }},
    {"min_blink_ms", 0, 2000, [](core::TrackingParams& p) { return &p.blink.minBlinkMs; }},
    {"long_blink_ms", 50, 10000, [](core::TrackingParams& p) { return &p.blink.longBlinkMs; }},
    {"max_blink_ms", 100, 60000, [](core::TrackingParams& p) { return &p.blink.maxBlinkMs; }},
    {"double_gap_ms", 0, 5000, [](core::TrackingParams& p) { return &p.blink.doubleGapMs; }},
    {"min_wink_ms", 0, 5000, [](core::TrackingParams& p) { return &p.blink.minWinkMs; }},
    {"camera_fov_deg", 20, 170,
     [](core::TrackingParams& p) { return &p.headPose.horizontalFovDeg; }},
    {"landmark_light_slope", 0, 1, nullptr,
     [](core::TrackingParams& p) { return &p.face.landmarkLightSlope; }},
};

const ParameterSpec* findParameter(std::string_view name) {
  for (const ParameterSpec& s : kParameters)
    if (s.name == name)
      return &s;
  return nullptr;
}

protocol::BlinkKind wireKind(core::BlinkKind k) {
  switch (k) {
    case core::BlinkKind::kSpontaneous:
      return protocol::BlinkKind::kSpontaneous;
    case core::BlinkKind::kLong:
      return protocol::BlinkKind::kLong;
    case core::BlinkKind::kDouble:
      return protocol::BlinkKind::kDouble;
    case core::BlinkKind::kWinkLeft:
      return protocol::BlinkKind::kWinkLeft;
    case core::BlinkKind::kWinkRight:
      return protocol::BlinkKind::kWinkRight;
  }
  return protocol::BlinkKind::kSpontaneous;
}

float unit(float x) {
  return std::isfinite(x) ? std::clamp(x, 0.f, 1.f) : 0.f;
}

}  // namespace

CoreProcessor::CoreProcessor(std::shared_ptr<const core::LandmarkModel> model,
                             const core::TrackingParams& params)
    : params_(params),
      pipeline_(std::make_unique<core::TrackingPipeline>(std::move(model), params_)) {}

protocol::AckResult CoreProcessor::checkParameter(std::string_view name, double value) const {
  const ParameterSpec* s = findParameter(name);
  if (!s)
    return protocol::AckResult::kUnknownParameter;
  if (!std::isfinite(value) || value < s->lo || value > s->hi ||
      (s->flag && value != 0 && value != 1))
    return protocol::AckResult::kOutOfRange;
  core::TrackingParams trial = params_;
  assign(*s, trial, value);
  // Keep the hysteresis and the duration classes ordered.
  if (trial.blink.openAbove <= trial.blink.closeBelow ||
      trial.blink.longBlinkMs <= trial.blink.minBlinkMs ||
      trial.blink.maxBlinkMs <= trial.blink.longBlinkMs)
    return protocol::AckResult::kOutOfRange;
  return protocol::AckResult::kOk;
}

protocol::AckResult CoreProcessor::setParameter(std::string_view name, double value) {
  const protocol::AckResult r = checkParameter(name, value);
  if (r != protocol::AckResult::kOk)
    return r;
  assign(*findParameter(name), params_, value);
  pipeline_->setParams(params_);
  return r;
}

void CoreProcessor::reset() {
  pipeline_->reset();
  everTracked_ = false;
}

static_assert(core::EyeAppearance::kSize == protocol::kAppearanceCells,
              "the wire carries every appearance cell the core measures");

void CoreProcessor::fillSample(const core::FrameResult& r, const cv::Mat& image,
                               protocol::EyeSample& s) {
  s.imageWidth = static_cast<std::uint16_t>(std::min(image.cols, 65535));
  s.imageHeight = static_cast<std::uint16_t>(std::min(image.rows, 65535));
  s.eyes = {};
  s.head = {};
  s.face = {};
  if (!r.face.found) {
    const bool recent =
        everTracked_ && s.captureUs - lastTrackedUs_ <=
                            static_cast<std::uint64_t>(params_.face.reacquireMemoryMs * 1000.0);
    s.state = recent ? protocol::TrackingState::kLost : protocol::TrackingState::kSearching;
    return;
  }
  everTracked_ = true;
  lastTrackedUs_ = s.captureUs;
  s.state = protocol::TrackingState::kTracking;
  const core::EyeResult* eyes[2] = {&r.left, &r.right};
  for (size_t e = 0; e < 2; ++e) {
    const core::EyeResult& in = *eyes[e];
    protocol::EyeMeasurement& out = s.eyes[e];
    out.valid = in.features.valid && std::isfinite(in.pupil.centre.x);
    out.pupilX = in.pupil.centre.x;
    out.pupilY = in.pupil.centre.y;
    out.normX = in.features.normX;
    out.normY = in.features.normY;
    out.openness = unit(in.openness.openness);
    out.confidence = unit(in.features.confidence);
    if (in.appearance.valid)
      std::copy(in.appearance.cells.begin(), in.appearance.cells.end(), out.appearance.begin());
    if (!out.valid)
      out = protocol::EyeMeasurement{};
  }
  if (r.head.valid) {
    s.head.valid = true;
    s.head.yawDeg = r.head.yawDeg;
    s.head.pitchDeg = r.head.pitchDeg;
    s.head.rollDeg = r.head.rollDeg;
    s.head.xMm = r.head.positionMm[0];
    s.head.yMm = r.head.positionMm[1];
    s.head.zMm = r.head.positionMm[2];
    s.head.confidence = unit(r.head.confidence);
  }
  s.face.x = r.face.box.x;
  s.face.y = r.face.box.y;
  s.face.width = r.face.box.width;
  s.face.height = r.face.box.height;
  s.face.confidence = unit(r.face.confidence);
}

io::ProcessStatus CoreProcessor::process(const cv::Mat& image, std::uint64_t captureUs,
                                         protocol::EyeSample& sample, io::BlinkList& blinks) {
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3) ||
      image.cols < 32 || image.rows < 32)
    return io::ProcessStatus::kBadFrame;
  try {
    const core::FrameResult& r = pipeline_->process(image, static_cast<double>(captureUs) * 1e-3);
    sample.captureUs = captureUs;
    fillSample(r, image, sample);
    for (int k = 0; k < r.blink.count; ++k) {
      const core::BlinkEvent& e = r.blink.events[static_cast<size_t>(k)];
      protocol::BlinkEvent b;
      b.startUs = static_cast<std::uint64_t>(std::llround(std::max(0.0, e.startMs) * 1000.0));
      b.endUs = std::max(captureUs, b.startUs);
      b.durationMs = static_cast<std::uint32_t>((b.endUs - b.startUs + 500) / 1000);
      b.kind = wireKind(e.kind);
      b.confidence = unit(e.confidence);
      blinks.push(b);
    }
  } catch (...) {
    // cv::Exception from a violated precondition inside OpenCV or dlib: drop
    // this frame, keep running.
    return io::ProcessStatus::kInternalError;
  }
  return io::ProcessStatus::kOk;
}

std::unique_ptr<CoreProcessor> makeCoreProcessor(const std::string& modelPath, std::string& error) {
  auto model = loadFlatLandmarkModel(modelPath, error);
  if (!model)
    return nullptr;
  return std::make_unique<CoreProcessor>(std::move(model));
}

}  // namespace drishti::app
