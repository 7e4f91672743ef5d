// PatternProcessor: a FrameProcessor that measures the generated TestPattern.
//
// This is NOT the eye tracker. It understands only the synthetic clip of
// test_pattern.h (bright eye shapes with dark pupils on a mid-grey background)
// and exists so that drishti-tracker's threads, transports and fault handling
// can be run, tested and benchmarked without the tracking core or a face. It
// still does real work on every frame: per image half it finds the eye pixels,
// takes the pupil centroid, the eye's extent (for the corner-normalised pupil
// position) and its visible height against the tallest seen (openness), and it
// reports blinks (both eyes closed, then open again) with their capture times.
// A frame without the pattern's index cells (a real camera image) is not
// scanned at all: it is reported as kSearching at almost no cost, so on real
// video drishti-tracker's timings measure the pipeline itself.
//
// Requires/ensures: as FrameProcessor. Allocates nothing after construction.
// Thread safety: none (the tracking thread).
#pragma once

#include <array>

#include "firmware/io/frame_processor.h"

namespace drishti::io {

// Tunables in physical units; setParameter() names in brackets.
struct PatternProcessorParams {
  float closedBelow = 0.3f;  // [closed_below] openness under which an eye is closed, 0..1
  float openAbove = 0.6f;    // [open_above] openness over which a closed eye has reopened, 0..1
  float minBlinkMs = 60;     // [min_blink_ms] shorter closures are flicker, not blinks
  float longBlinkMs = 500;   // [long_blink_ms] closures at least this long are kLong
};

class PatternProcessor : public FrameProcessor {
 public:
  static constexpr std::uint8_t kBrightMin = 200;  // sclera
  static constexpr std::uint8_t kDarkMax = 60;     // pupil

  explicit PatternProcessor(const PatternProcessorParams& params = {});

  ProcessStatus process(const cv::Mat& image, std::uint64_t captureUs, protocol::EyeSample& sample,
                        BlinkList& blinks) override;
  protocol::AckResult setParameter(std::string_view name, double value) override;
  protocol::AckResult checkParameter(std::string_view name, double value) const override;
  void setCalibrationMode(bool on) override { calibration_ = on; }
  void reset() override;
  std::string_view name() const override { return "pattern"; }

  const PatternProcessorParams& params() const { return params_; }
  bool calibrationMode() const { return calibration_; }

 private:
  struct EyeScan {
    int minX = 0, maxX = -1, minY = 0, maxY = -1;  // extent of eye pixels
    double sumX = 0, sumY = 0;                     // of pupil pixels, pixel centres
    int pupilPixels = 0;
    int eyePixels = 0;
  };
  struct EyeMemory {
    int tallest = 0;    // px, the open baseline
    int mostPupil = 0;  // pupil pixels when fully visible
    std::uint64_t lastSeenUs = 0;
    bool seen = false;
  };

  // The field `name` sets in `params` and whether `value` suits it; null if unknown.
  static float* field(PatternProcessorParams& params, std::string_view name);
  static protocol::AckResult check(std::string_view name, double value);

  static void scan(const cv::Mat& image, int x0, int x1, int y0, EyeScan& out);
  void measureEye(const EyeScan& s, EyeMemory& memory, std::uint64_t captureUs,
                  protocol::EyeMeasurement& out) const;
  void updateBlink(const protocol::EyeSample& sample, std::uint64_t captureUs, BlinkList& blinks);

  PatternProcessorParams params_;
  std::array<EyeMemory, 2> memory_{};
  bool calibration_ = false;
  bool closed_ = false;
  std::uint64_t closedSinceUs_ = 0;
};

}  // namespace drishti::io
