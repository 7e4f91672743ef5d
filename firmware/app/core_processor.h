// CoreProcessor: the tracking core (firmware/core) behind drishti-tracker's
// FrameProcessor interface, turning FrameResults into wire messages.
//
// Represents: one camera stream of one person: a TrackingPipeline, its
//   parameters, and the state needed to say "lost" rather than "searching".
// Requires: as FrameProcessor; a flat landmark model (the processor shares
//   its ownership; dlib's own copy of the model is not needed and not kept).
// Ensures: process() fills every EyeSample field the host reads, in the
//   units of protocol/messages.h: pupil centres in full-image px, the pupil
//   normalised to the eye corners (normX 0..1 corner to corner, normY in
//   corner distances, + down), openness 0..1 relative to the person's open
//   baseline, per-eye confidence (pupil quality x face confidence x not
//   closed), head pose in degrees and mm, face box in px. Blink events carry
//   capture times in µs; endUs is the capture time of the frame on which the
//   eyes were seen open again. No exceptions leave process(); once warm, a
//   tracked frame allocates nothing (dlib's detector allocates on the frames
//   it runs: acquisition and about one re-check per second).
// Thread safety: as FrameProcessor (checkParameter reads only constant tables).
#pragma once

#include <memory>
#include <string>

#include "firmware/core/landmark_regressor.h"
#include "firmware/core/tracking_pipeline.h"
#include "firmware/io/frame_processor.h"

namespace drishti::app {

class CoreProcessor : public io::FrameProcessor {
 public:
  // Throws std::invalid_argument for a null model or the kDlib engine.
  explicit CoreProcessor(std::shared_ptr<const core::LandmarkModel> model,
                         const core::TrackingParams& params = {});

  io::ProcessStatus process(const cv::Mat& image, std::uint64_t captureUs,
                            protocol::EyeSample& sample, io::BlinkList& blinks) override;
  // Names (units): close_below, open_above (fractions of the open baseline),
  // min_blink_ms, long_blink_ms, max_blink_ms, double_gap_ms, min_wink_ms (ms),
  // camera_fov_deg (degrees), landmark_light_slope (0 or 1: switches
  // TrackingParams::Face::landmarkLightSlope; off by default).
  protocol::AckResult setParameter(std::string_view name, double value) override;
  protocol::AckResult checkParameter(std::string_view name, double value) const override;
  void setCalibrationMode(bool on) override { calibration_ = on; }
  void reset() override;
  std::string_view name() const override { return "core"; }

  const core::TrackingParams& params() const { return params_; }

 private:
  void fillSample(const core::FrameResult& r, const cv::Mat& image, protocol::EyeSample& sample);

  core::TrackingParams params_;
  std::unique_ptr<core::TrackingPipeline> pipeline_;
  bool calibration_ = false;
  bool everTracked_ = false;
  std::uint64_t lastTrackedUs_ = 0;
};

// Loads the landmark model (models/manifest.ini, or `modelPath` if not empty)
// and builds a CoreProcessor; nullptr with `error` naming the file or package.
std::unique_ptr<CoreProcessor> makeCoreProcessor(const std::string& modelPath, std::string& error);

}  // namespace drishti::app
