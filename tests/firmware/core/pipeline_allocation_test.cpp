// Once warm, the tracking pipeline's per-frame path calls operator new zero
// times on tracked frames (our code: buffers live in the objects). Frames on
// which dlib's HOG detector runs (acquisition, periodic re-check) do allocate
// inside dlib; they are counted and reported, not asserted.
#include <catch2/catch.hpp>
#include <cstdio>
#include <opencv2/videoio.hpp>
#include <vector>

#include "firmware/app/lab/allocation_counter.h"
#include "firmware/core/tracking_pipeline.h"
#include "tests/firmware/core/core_test_support.h"
#include "tests/support/test_data.h"

namespace drishti::core {

TEST_CASE("tracked frames allocate nothing once warm", "[data][allocation]") {
  const auto video =
      test::dataDir("videos/phone-portrait-480x854.mp4") / "videos/phone-portrait-480x854.mp4";
  cv::VideoCapture cap(video.string());
  REQUIRE(cap.isOpened());
  std::vector<cv::Mat> frames;
  cv::Mat f;
  while (frames.size() < 150 && cap.read(f))
    frames.push_back(f.clone());
  REQUIRE(frames.size() == 150u);
  TrackingPipeline pipeline(test::landmarkDetector().predictor());
  int tracked = 0, detectorFrames = 0;
  std::uint64_t trackedNew = 0, detectorNew = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    const std::uint64_t before = lab::operatorNewCount();
    const FrameResult& r = pipeline.process(frames[i], 41.7 * static_cast<double>(i));
    const std::uint64_t calls = lab::operatorNewCount() - before;
    if (i < 10)
      continue;  // warm-up: buffers sized by the first frames
    if (r.face.detectorRuns > 0) {
      ++detectorFrames;
      detectorNew += calls;
    } else if (r.face.found) {
      ++tracked;
      trackedNew += calls;
    }
  }
  std::printf(
      "operator new: %llu over %d tracked frames; %llu over %d frames with dlib's detector\n",
      static_cast<unsigned long long>(trackedNew), tracked,
      static_cast<unsigned long long>(detectorNew), detectorFrames);
  REQUIRE(tracked > 100);
  CHECK(trackedNew == 0u);
}

}  // namespace drishti::core
