#include "firmware/io/pattern_processor.h"

#include <algorithm>
#include <cmath>

#include "firmware/io/test_pattern.h"

namespace drishti::io {
namespace {

constexpr std::uint64_t kForgetEyeUs = 2'000'000;  // a closed eye is still "there" this long
constexpr int kMinEyePixels = 30;

}  // namespace

PatternProcessor::PatternProcessor(const PatternProcessorParams& params) : params_(params) {}

void PatternProcessor::reset() {
  memory_ = {};
  closed_ = false;
  closedSinceUs_ = 0;
}

void PatternProcessor::scan(const cv::Mat& image, int x0, int x1, int y0, EyeScan& out) {
  out = EyeScan{};
  out.minX = x1;
  out.minY = image.rows;
  const int channels = image.channels();
  const int offset = channels == 3 ? 1 : 0;
  for (int y = y0; y < image.rows; ++y) {
    const std::uint8_t* row = image.ptr<std::uint8_t>(y);
    for (int x = x0; x < x1; ++x) {
      const std::uint8_t v = row[static_cast<std::ptrdiff_t>(x) * channels + offset];
      const bool dark = v <= kDarkMax;
      if (!dark && v < kBrightMin)
        continue;
      ++out.eyePixels;
      out.minX = std::min(out.minX, x);
      out.maxX = std::max(out.maxX, x);
      out.minY = std::min(out.minY, y);
      out.maxY = std::max(out.maxY, y);
      if (dark) {
        ++out.pupilPixels;
        out.sumX += x + 0.5;
        out.sumY += y + 0.5;
      }
    }
  }
}

void PatternProcessor::measureEye(const EyeScan& s, EyeMemory& memory, std::uint64_t captureUs,
                                  protocol::EyeMeasurement& out) const {
  out = {};
  const bool visible = s.eyePixels >= kMinEyePixels;
  if (visible) {
    memory.seen = true;
    memory.lastSeenUs = captureUs;
    memory.tallest = std::max(memory.tallest, s.maxY - s.minY + 1);
    memory.mostPupil = std::max(memory.mostPupil, s.pupilPixels);
  } else if (!memory.seen || captureUs - memory.lastSeenUs > kForgetEyeUs) {
    return;  // no eye here, and none recently: invalid
  }
  out.valid = true;
  const int height = visible ? s.maxY - s.minY + 1 : 0;
  out.openness =
      memory.tallest > 0 ? std::clamp(float(height) / float(memory.tallest), 0.f, 1.f) : 0.f;
  if (!visible || s.pupilPixels == 0 || out.openness < params_.openAbove) {
    out.confidence = 0.5f;  // the eye is there (it was seen), but the pupil is covered
    return;
  }
  out.pupilX = static_cast<float>(s.sumX / s.pupilPixels);
  out.pupilY = static_cast<float>(s.sumY / s.pupilPixels);
  const float width = static_cast<float>(s.maxX - s.minX + 1);
  const float centreY = 0.5f * static_cast<float>(s.minY + s.maxY + 1);
  out.normX = std::clamp((out.pupilX - static_cast<float>(s.minX)) / width, 0.f, 1.f);
  out.normY = (out.pupilY - centreY) / width;
  out.confidence = std::clamp(
      static_cast<float>(s.pupilPixels) / static_cast<float>(memory.mostPupil), 0.f, 1.f);
}

ProcessStatus PatternProcessor::process(const cv::Mat& image, std::uint64_t captureUs,
                                        protocol::EyeSample& sample, BlinkList& blinks) {
  if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3) ||
      image.cols < 160 || image.rows < 120 || image.cols > 65535 || image.rows > 65535)
    return ProcessStatus::kBadFrame;

  sample = {};
  sample.captureUs = captureUs;
  sample.imageWidth = static_cast<std::uint16_t>(image.cols);
  sample.imageHeight = static_cast<std::uint16_t>(image.rows);
  const int top = 2 * TestPattern::kCellPx;  // below the frame-index cells
  std::array<EyeScan, 2> scans;
  // Only frames of the test pattern (they carry its index cells) are scanned:
  // a real camera image has no synthetic eyes to find, so it costs nothing.
  if (TestPattern::readIndex(image) >= 0) {
    scan(image, 0, image.cols / 2, top, scans[0]);
    scan(image, image.cols / 2, image.cols, top, scans[1]);
  }
  bool wasSeen = false;
  for (int e = 0; e < 2; ++e) {
    wasSeen = wasSeen || memory_[e].seen;
    measureEye(scans[e], memory_[e], captureUs, sample.eyes[e]);
  }

  const bool both = sample.eyes[0].valid && sample.eyes[1].valid;
  sample.state = both      ? protocol::TrackingState::kTracking
                 : wasSeen ? protocol::TrackingState::kLost
                           : protocol::TrackingState::kSearching;
  if (both) {
    const EyeScan& l = scans[0];
    const EyeScan& r = scans[1];
    if (l.eyePixels > 0 && r.eyePixels > 0) {
      const float x0 = static_cast<float>(l.minX), x1 = static_cast<float>(r.maxX + 1);
      const float y0 = static_cast<float>(std::min(l.minY, r.minY));
      const float y1 = static_cast<float>(std::max(l.maxY, r.maxY) + 1);
      // A face box around the eyes, in face proportions, clipped to the image.
      const float w = x1 - x0;
      sample.face.x = std::max(0.f, x0 - 0.25f * w);
      sample.face.y = std::max(0.f, y0 - 0.6f * w);
      sample.face.width = std::min(static_cast<float>(image.cols) - sample.face.x, 1.5f * w);
      sample.face.height =
          std::min(static_cast<float>(image.rows) - sample.face.y, (y1 - y0) + 1.4f * w);
      sample.face.confidence = 1;
    }
  }
  updateBlink(sample, captureUs, blinks);
  return ProcessStatus::kOk;
}

void PatternProcessor::updateBlink(const protocol::EyeSample& sample, std::uint64_t captureUs,
                                   BlinkList& blinks) {
  const auto& l = sample.eyes[0];
  const auto& r = sample.eyes[1];
  if (!l.valid || !r.valid) {
    closed_ = false;  // cannot tell a blink from losing the eyes
    return;
  }
  if (!closed_) {
    if (l.openness < params_.closedBelow && r.openness < params_.closedBelow) {
      closed_ = true;
      closedSinceUs_ = captureUs;
    }
    return;
  }
  if (l.openness > params_.openAbove && r.openness > params_.openAbove) {
    closed_ = false;
    const std::uint64_t durationUs = captureUs - closedSinceUs_;
    const double ms = static_cast<double>(durationUs) / 1000.0;
    if (ms < params_.minBlinkMs)
      return;
    protocol::BlinkEvent blink;
    blink.startUs = closedSinceUs_;
    blink.endUs = captureUs;
    blink.durationMs = static_cast<std::uint32_t>(std::lround(ms));
    blink.kind =
        ms >= params_.longBlinkMs ? protocol::BlinkKind::kLong : protocol::BlinkKind::kSpontaneous;
    blink.confidence = std::min(l.confidence, r.confidence);
    blinks.push(blink);
  }
}

float* PatternProcessor::field(PatternProcessorParams& params, std::string_view name) {
  if (name == "closed_below")
    return &params.closedBelow;
  if (name == "open_above")
    return &params.openAbove;
  if (name == "min_blink_ms")
    return &params.minBlinkMs;
  if (name == "long_blink_ms")
    return &params.longBlinkMs;
  return nullptr;
}

protocol::AckResult PatternProcessor::check(std::string_view name, double value) {
  using protocol::AckResult;
  PatternProcessorParams probe;
  if (field(probe, name) == nullptr)
    return AckResult::kUnknownParameter;
  const bool fraction = name == "closed_below" || name == "open_above";
  const double hi = fraction ? 1.0 : 10'000.0;  // fractions 0..1; durations up to 10 s
  return value >= 0 && value <= hi ? AckResult::kOk : AckResult::kOutOfRange;
}

protocol::AckResult PatternProcessor::checkParameter(std::string_view name, double value) const {
  return check(name, value);
}

protocol::AckResult PatternProcessor::setParameter(std::string_view name, double value) {
  const protocol::AckResult r = check(name, value);
  if (r == protocol::AckResult::kOk)
    *field(params_, name) = static_cast<float>(value);
  return r;
}

}  // namespace drishti::io
