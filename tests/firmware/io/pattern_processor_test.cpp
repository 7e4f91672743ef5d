#include "firmware/io/pattern_processor.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "firmware/io/test_pattern.h"

namespace drishti::io {
namespace {

std::uint64_t timeOf(std::uint64_t index, double fps) {
  return static_cast<std::uint64_t>(static_cast<double>(index) * 1e6 / fps);
}

TEST_CASE("the test pattern writes a frame index it can read back") {
  for (bool colour : {false, true}) {
    const TestPattern pattern({320, 240, colour, 30});
    cv::Mat image;
    for (std::uint64_t i : {0ull, 1ull, 77ull, 123456789ull, 0xFFFFFFFFull}) {
      pattern.draw(i, image);
      CHECK(TestPattern::readIndex(image) == static_cast<std::int64_t>(i));
    }
    image.setTo(cv::Scalar::all(128));
    CHECK(TestPattern::readIndex(image) == -1);
  }
}

TEST_CASE("drawing a frame reuses the image buffer") {
  const TestPattern pattern({320, 240, false, 30});
  cv::Mat image;
  pattern.draw(0, image);
  const std::uint8_t* data = image.data;
  for (int i = 1; i < 10; ++i)
    pattern.draw(static_cast<std::uint64_t>(i), image);
  CHECK(image.data == data);
}

TEST_CASE("the pattern processor finds each pupil within half a pixel of the truth") {
  for (bool colour : {false, true}) {
    const PatternSpec spec{640, 480, colour, 30};
    const TestPattern pattern(spec);
    PatternProcessor processor;
    cv::Mat image;
    protocol::EyeSample sample;
    BlinkList blinks;
    double worst = 0;
    int measured = 0;
    for (std::uint64_t i = 0; i < 200; ++i) {
      pattern.draw(i, image);
      REQUIRE(processor.process(image, timeOf(i, spec.fps), sample, blinks) == ProcessStatus::kOk);
      const PatternTruth truth = pattern.truthAt(i);
      if (truth.openness < 1)
        continue;
      REQUIRE(sample.state == protocol::TrackingState::kTracking);
      for (int e = 0; e < 2; ++e) {
        REQUIRE(sample.eyes[e].valid);
        worst = std::max({worst, std::abs(double(sample.eyes[e].pupilX) - truth.pupil[e].x),
                          std::abs(double(sample.eyes[e].pupilY) - truth.pupil[e].y)});
        // Pupil position relative to the eye corners: 0.5 when centred.
        const double expectedNorm =
            0.5 + (truth.pupil[e].x - truth.eyeCentre[e].x) / (2 * truth.eyeHalfWidth);
        CHECK(sample.eyes[e].normX == Approx(expectedNorm).margin(0.02));
        CHECK(sample.eyes[e].openness == Approx(1.0f).margin(0.02));
      }
      ++measured;
    }
    INFO("colour " << colour << ": worst pupil error " << worst << " px");
    CHECK(measured > 150);
    CHECK(worst < 0.5);
  }
}

TEST_CASE("the pattern processor reports its short and long blinks with their durations") {
  const PatternSpec spec{320, 240, false, 60};
  const TestPattern pattern(spec);
  PatternProcessor processor;
  cv::Mat image;
  protocol::EyeSample sample;
  BlinkList blinks;
  std::vector<protocol::BlinkEvent> events;
  // Two 6 s cycles: each has a 200 ms and an 800 ms closure.
  for (std::uint64_t i = 0; i < static_cast<std::uint64_t>(12.5 * spec.fps); ++i) {
    pattern.draw(i, image);
    blinks.clear();
    processor.process(image, timeOf(i, spec.fps), sample, blinks);
    for (const auto& b : blinks.items())
      events.push_back(b);
  }
  REQUIRE(events.size() == 4);
  const double frameMs = 1000.0 / spec.fps;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const bool isLong = k % 2 == 1;
    const double expected = isLong ? 800 : 200;
    CHECK(events[k].kind ==
          (isLong ? protocol::BlinkKind::kLong : protocol::BlinkKind::kSpontaneous));
    CHECK(std::abs(static_cast<double>(events[k].durationMs) - expected) <= frameMs + 1);
    CHECK(events[k].endUs > events[k].startUs);
  }
  CHECK(std::abs(static_cast<double>(events[0].startUs) / 1000.0 - 1000.0) <= frameMs + 1);
}

TEST_CASE("on an image without the pattern the processor keeps searching") {
  PatternProcessor processor;
  cv::Mat grey(480, 640, CV_8UC1, cv::Scalar(120));
  protocol::EyeSample sample;
  BlinkList blinks;
  REQUIRE(processor.process(grey, 0, sample, blinks) == ProcessStatus::kOk);
  CHECK(sample.state == protocol::TrackingState::kSearching);
  CHECK_FALSE(sample.eyes[0].valid);
  CHECK_FALSE(sample.eyes[1].valid);
}

TEST_CASE("the pattern processor refuses images it cannot use") {
  PatternProcessor processor;
  protocol::EyeSample sample;
  BlinkList blinks;
  CHECK(processor.process(cv::Mat(), 0, sample, blinks) == ProcessStatus::kBadFrame);
  CHECK(processor.process(cv::Mat(480, 640, CV_32FC1, cv::Scalar(0)), 0, sample, blinks) ==
        ProcessStatus::kBadFrame);
  CHECK(processor.process(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)), 0, sample, blinks) ==
        ProcessStatus::kBadFrame);
}

TEST_CASE("parameters are checked, and a rejected value changes nothing") {
  PatternProcessor processor;
  using protocol::AckResult;
  CHECK(processor.checkParameter("long_blink_ms", 700) == AckResult::kOk);
  CHECK(processor.params().longBlinkMs == 500);  // check alone changes nothing
  CHECK(processor.setParameter("long_blink_ms", 700) == AckResult::kOk);
  CHECK(processor.params().longBlinkMs == 700);
  CHECK(processor.setParameter("long_blink_ms", -1) == AckResult::kOutOfRange);
  CHECK(processor.setParameter("closed_below", 1.5) == AckResult::kOutOfRange);
  CHECK(processor.setParameter("no_such_thing", 1) == AckResult::kUnknownParameter);
  CHECK(processor.params().longBlinkMs == 700);
  processor.setCalibrationMode(true);
  CHECK(processor.calibrationMode());
}

TEST_CASE("a longer long-blink threshold turns the 800 ms closure into a spontaneous blink") {
  const PatternSpec spec{320, 240, false, 30};
  const TestPattern pattern(spec);
  PatternProcessor processor;
  REQUIRE(processor.setParameter("long_blink_ms", 1000) == protocol::AckResult::kOk);
  cv::Mat image;
  protocol::EyeSample sample;
  BlinkList blinks;
  int longBlinks = 0, blinksSeen = 0;
  for (std::uint64_t i = 0; i < 6 * 30; ++i) {
    pattern.draw(i, image);
    blinks.clear();
    processor.process(image, timeOf(i, spec.fps), sample, blinks);
    for (const auto& b : blinks.items()) {
      ++blinksSeen;
      longBlinks += b.kind == protocol::BlinkKind::kLong;
    }
  }
  CHECK(blinksSeen == 2);
  CHECK(longBlinks == 0);
}

}  // namespace
}  // namespace drishti::io
