// CoreProcessor: the tracking core behind drishti-tracker's FrameProcessor,
// on a real video ($DRISHTI_DATA), and its parameter and bad-frame handling.
#include "firmware/app/core_processor.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "firmware/app/landmark_model_file.h"
#include "firmware/protocol/stream_decoder.h"
#include "tests/support/test_data.h"

namespace drishti::app {
namespace {

std::unique_ptr<CoreProcessor> makeOrFail() {
  std::string error;
  auto p = makeCoreProcessor("", error);
  INFO(error);
  REQUIRE(p);
  return p;
}

}  // namespace

TEST_CASE("core processor fills eye samples and blinks from a real video", "[data]") {
  const auto video =
      test::dataDir("videos/phone-portrait-480x854.mp4") / "videos/phone-portrait-480x854.mp4";
  cv::VideoCapture cap(video.string());
  REQUIRE(cap.isOpened());
  auto processor = makeOrFail();
  CHECK(processor->name() == "core");
  cv::Mat frame;
  std::uint64_t t = 1'000'000;
  int tracking = 0, frames = 0, validEyes = 0, measuredEyes = 0, downFrames = 0;
  protocol::StreamDecoder wire;
  std::vector<std::uint8_t> bytes(protocol::kMaxFrameSize);
  std::vector<protocol::BlinkEvent> blinks;
  while (frames < 130 && cap.read(frame)) {  // the first four blinks end by frame 115
    protocol::EyeSample s;
    io::BlinkList list;
    REQUIRE(processor->process(frame, t, s, list) == io::ProcessStatus::kOk);
    ++frames;
    CHECK(s.captureUs == t);
    CHECK(s.imageWidth == 480);
    CHECK(s.imageHeight == 854);
    for (const auto& b : list.items())
      blinks.push_back(b);
    // Through the wire: every valid eye's appearance cells arrive summing to 1,
    // with the light and dark parts of the eye telling the cells apart.
    bytes.resize(protocol::kMaxFrameSize);
    bytes.resize(protocol::encodeFrame(s, bytes));
    wire.feed(bytes, [&](protocol::DecodeStatus st, const protocol::Message& m,
                         const protocol::DecodeError& err) {
      INFO(protocol::describe(err));
      REQUIRE(st == protocol::DecodeStatus::kMessage);
      ++downFrames;
      const auto& got = std::get<protocol::EyeSample>(m);
      for (const auto& e : got.eyes) {
        double sum = 0;
        for (float c : e.appearance)
          sum += c;
        if (sum == 0) {
          continue;
        }
        ++measuredEyes;
        CHECK(e.valid);
        CHECK(std::abs(sum - 1.0) < 1e-5);
        const auto [lo, hi] = std::minmax_element(e.appearance.begin(), e.appearance.end());
        CHECK(*hi - *lo > 0.005F);  // not a flat patch
      }
    });
    if (s.state == protocol::TrackingState::kTracking) {
      ++tracking;
      CHECK(s.face.width > 100.f);
      CHECK(s.head.valid);
      CHECK(std::abs(s.head.yawDeg) < 30.f);
      CHECK(s.head.zMm > 150.f);
      for (const auto& e : s.eyes) {
        if (!e.valid)
          continue;
        ++validEyes;
        // The pupil lies inside the face box and between the eye corners.
        CHECK(e.pupilX > s.face.x);
        CHECK(e.pupilX < s.face.x + s.face.width);
        CHECK(e.normX > 0.f);
        CHECK(e.normX < 1.f);
        CHECK(std::abs(e.normY) < 0.5f);
      }
      if (s.eyes[0].valid && s.eyes[1].valid)
        CHECK(s.eyes[0].pupilX < s.eyes[1].pupilX);
    }
    t += 41'841;  // 23.9 fps
  }
  CHECK(tracking >= frames - 2);
  CHECK(validEyes > frames);             // most frames have both eyes
  CHECK(measuredEyes >= validEyes - 2);  // the appearance is measured wherever the eye is
  CHECK(downFrames == frames);           // blinks and all, every sample crossed the wire
  REQUIRE(blinks.size() >= 4u);
  for (const auto& b : blinks) {
    CHECK(b.kind == protocol::BlinkKind::kSpontaneous);
    CHECK(b.endUs > b.startUs);
    CHECK(b.durationMs == (b.endUs - b.startUs + 500) / 1000);
    CHECK(b.durationMs < 400u);
  }
}

TEST_CASE("core processor checks parameters by name and range", "[data]") {
  test::dataDir();  // needs the landmark model; kept with the data tests for the qemu build
  auto processor = makeOrFail();
  CHECK(processor->checkParameter("long_blink_ms", 800) == protocol::AckResult::kOk);
  CHECK(processor->checkParameter("long_blink_ms", -5) == protocol::AckResult::kOutOfRange);
  CHECK(processor->checkParameter("close_below", 0.9) == protocol::AckResult::kOutOfRange);
  CHECK(processor->checkParameter("blink_colour", 1) == protocol::AckResult::kUnknownParameter);
  CHECK(processor->setParameter("long_blink_ms", 800) == protocol::AckResult::kOk);
  CHECK(processor->params().blink.longBlinkMs == 800.f);
  CHECK(processor->setParameter("min_blink_ms", 5000) == protocol::AckResult::kOutOfRange);
  CHECK(processor->params().blink.minBlinkMs == 50.f);
  protocol::EyeSample s;
  io::BlinkList list;
  CHECK(processor->process(cv::Mat(480, 640, CV_16UC1), 1, s, list) ==
        io::ProcessStatus::kBadFrame);
  CHECK(processor->process(cv::Mat(480, 640, CV_8UC1, cv::Scalar(90)), 1, s, list) ==
        io::ProcessStatus::kOk);
  CHECK(s.state == protocol::TrackingState::kSearching);
}

TEST_CASE("landmark_light_slope switches the landmarks' light slope between frames", "[data]") {
  // The switch is 0 or 1; anything else is refused.
  auto switched = makeOrFail();
  CHECK(switched->checkParameter("landmark_light_slope", 0.5) == protocol::AckResult::kOutOfRange);
  CHECK(switched->checkParameter("landmark_light_slope", 2) == protocol::AckResult::kOutOfRange);
  CHECK(switched->checkParameter("landmark_light_slope", -1) == protocol::AckResult::kOutOfRange);
  CHECK(switched->checkParameter("landmark_light_slope", NAN) == protocol::AckResult::kOutOfRange);
  CHECK_FALSE(switched->params().face.landmarkLightSlope);  // off by default
  // A face lit from one side: the same frames through a processor switched on
  // by the parameter, one built with the option on and one left off. The
  // switched one must track exactly as the one built on, and not as the one
  // left off (the slope moves the landmarks and so the eye corners).
  std::string error;
  auto model = loadFlatLandmarkModel("", error);
  INFO(error);
  REQUIRE(model);
  core::TrackingParams on;
  on.face.landmarkLightSlope = true;
  CoreProcessor built(model, on), off(model);
  REQUIRE(switched->setParameter("landmark_light_slope", 1) == protocol::AckResult::kOk);
  CHECK(switched->params().face.landmarkLightSlope);
  const auto video =
      test::dataDir("videos/phone-portrait-480x854.mp4") / "videos/phone-portrait-480x854.mp4";
  cv::VideoCapture cap(video.string());
  REQUIRE(cap.isOpened());
  cv::Mat frame, grey, lit;
  cv::Mat gain(854, 480, CV_32FC1);
  for (int x = 0; x < gain.cols; ++x)
    gain.col(x).setTo(0.6 + 0.6 * x / gain.cols);  // 0.6 at the left, 1.2 at the right
  std::uint64_t t = 1'000'000;
  int compared = 0, differ = 0;
  for (int f = 0; f < 20 && cap.read(frame); ++f, t += 41'841) {
    cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
    grey.convertTo(lit, CV_32F);
    lit = lit.mul(gain);
    lit.convertTo(lit, CV_8U);
    protocol::EyeSample a, b, c;
    io::BlinkList list;
    REQUIRE(switched->process(lit, t, a, list) == io::ProcessStatus::kOk);
    REQUIRE(built.process(lit, t, b, list) == io::ProcessStatus::kOk);
    REQUIRE(off.process(lit, t, c, list) == io::ProcessStatus::kOk);
    for (int e = 0; e < 2; ++e) {
      if (!a.eyes[e].valid || !c.eyes[e].valid)
        continue;
      ++compared;
      CHECK(a.eyes[e].pupilX == b.eyes[e].pupilX);
      CHECK(a.eyes[e].normX == b.eyes[e].normX);
      CHECK(a.eyes[e].normY == b.eyes[e].normY);
      if (a.eyes[e].normX != c.eyes[e].normX || a.eyes[e].normY != c.eyes[e].normY)
        ++differ;
    }
  }
  CHECK(compared >= 30);
  CHECK(differ >= compared / 2);
  // And back off.
  REQUIRE(switched->setParameter("landmark_light_slope", 0) == protocol::AckResult::kOk);
  CHECK_FALSE(switched->params().face.landmarkLightSlope);
}

TEST_CASE("a landmark model file that is not one is refused with its name", "[model]") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("drishti-model-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "not-a-model.dat").string();
  std::ofstream(path) << "this is a text file, not dlib's shape predictor\n";
  std::string error;
  CHECK(loadFlatLandmarkModel(path, error) == nullptr);
  CHECK(error.find(path) != std::string::npos);
  CHECK(error.find("not a usable 68-point landmark model") != std::string::npos);
  error.clear();
  CHECK(makeCoreProcessor((dir / "missing.dat").string(), error) == nullptr);
  CHECK(error.find("missing.dat: cannot open") != std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace drishti::app
