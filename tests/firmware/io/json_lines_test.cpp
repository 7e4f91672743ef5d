#include "firmware/io/json_lines.h"

#include <catch2/catch.hpp>
#include <string>

namespace drishti::io {
namespace {

std::string format(const protocol::Message& m) {
  char buffer[2048];
  const std::size_t n = formatJsonLine(m, buffer);
  REQUIRE(n > 0);
  return std::string(buffer, n);
}

TEST_CASE("each message becomes one JSON object on one line") {
  protocol::EyeSample sample;
  sample.seq = 7;
  sample.captureUs = 1000;
  sample.eyes[0].valid = true;
  sample.eyes[0].pupilX = 12.5f;
  protocol::BlinkEvent blink;
  blink.kind = protocol::BlinkKind::kLong;
  blink.durationMs = 812;
  protocol::Status status;
  status.camera = protocol::CameraState::kLost;
  protocol::setText(status.version, "0.1.0");
  protocol::CommandAck ack;
  protocol::setText(ack.text, "say \"hi\"\\");
  for (const protocol::Message& m : std::vector<protocol::Message>{sample, blink, status, ack}) {
    const std::string line = format(m);
    CHECK(line.front() == '{');
    CHECK(line.substr(line.size() - 2) == "}\n");
    CHECK(std::count(line.begin(), line.end(), '\n') == 1);
    CHECK(std::count(line.begin(), line.end(), '{') == std::count(line.begin(), line.end(), '}'));
  }
  CHECK_THAT(format(sample),
             Catch::Contains("\"type\":\"eye_sample\",\"seq\":7,\"capture_us\":1000"));
  CHECK_THAT(format(sample), Catch::Contains("\"pupil_x\":12.5"));
  CHECK_THAT(format(blink),
             Catch::Contains("\"duration_ms\":812") && Catch::Contains("\"kind\":\"long\""));
  CHECK_THAT(format(status), Catch::Contains("\"camera\":\"camera lost\"") &&
                                 Catch::Contains("\"temperature_c\":null") &&
                                 Catch::Contains("\"version\":\"0.1.0\""));
  CHECK_THAT(format(ack), Catch::Contains(R"("text":"say \"hi\"\\")"));
}

TEST_CASE("an eye sample carries each eye's appearance cells, or [] when not measured") {
  protocol::EyeSample sample;
  sample.eyes[0].valid = true;
  for (std::size_t i = 0; i < protocol::kAppearanceCells; ++i)
    sample.eyes[0].appearance[i] = 0.01f * static_cast<float>(i + 1);
  sample.eyes[0].appearance[14] = 0.25f;
  const std::string line = format(sample);
  CHECK_THAT(line, Catch::Contains("\"appearance\":[0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08,0.09,"
                                   "0.1,0.11,0.12,0.13,0.14,0.25]}"));
  // The image-right eye was not measured: all zero on the wire.
  const auto second = line.find("\"appearance\"", line.find("\"appearance\"") + 1);
  REQUIRE(second != std::string::npos);
  CHECK(line.compare(second, 16, "\"appearance\":[]}") == 0);
}

TEST_CASE("the longest eye sample still fits the 2 KB line") {
  protocol::EyeSample sample;
  sample.seq = UINT32_MAX;
  sample.captureUs = sample.sendUs = UINT64_MAX;
  sample.imageWidth = sample.imageHeight = UINT16_MAX;
  sample.state = protocol::TrackingState::kSearching;
  const float longest = -1.23456e-38f;  // "-1.23456e-38": the longest %.6g
  for (protocol::EyeMeasurement& e : sample.eyes) {
    e.valid = true;
    e.pupilX = e.pupilY = e.normX = e.normY = e.openness = e.confidence = longest;
    e.appearance.fill(longest);
  }
  sample.head = {true, longest, longest, longest, longest, longest, longest, longest};
  sample.face = {longest, longest, longest, longest, longest};
  char buffer[2048];
  const std::size_t n = formatJsonLine(sample, buffer);
  INFO("longest eye sample line: " << n << " bytes");
  CHECK(n > 0);
}

TEST_CASE("a too small buffer gives nothing rather than half a line") {
  char small[16];
  CHECK(formatJsonLine(protocol::Status{}, small) == 0);
}

TEST_CASE("typed commands are read, and wrong ones explained") {
  protocol::Command c;
  const char* error = nullptr;
  REQUIRE(parseTextCommand("status", c, error));
  CHECK(c.kind == protocol::CommandKind::kRequestStatus);
  REQUIRE(parseTextCommand("calibration on", c, error));
  CHECK(c.kind == protocol::CommandKind::kEnterCalibration);
  REQUIRE(parseTextCommand("  calibration off ", c, error));
  CHECK(c.kind == protocol::CommandKind::kLeaveCalibration);
  REQUIRE(parseTextCommand("set long_blink_ms 650.5", c, error));
  CHECK(c.kind == protocol::CommandKind::kSetParameter);
  CHECK(protocol::textOf(c.name) == "long_blink_ms");
  CHECK(c.value == 650.5);
  CHECK_FALSE(parseTextCommand("set long_blink_ms soon", c, error));
  CHECK_THAT(error, Catch::Contains("not a number"));
  CHECK_FALSE(parseTextCommand("calibrate", c, error));
  CHECK_FALSE(parseTextCommand("set a 1 2", c, error));
  CHECK_FALSE(parseTextCommand("set " + std::string(40, 'x') + " 1", c, error));
  CHECK_FALSE(parseTextCommand("set x nan", c, error));
}

}  // namespace
}  // namespace drishti::io
