#include "host/core/wire_input.h"

#include <catch2/catch.hpp>
#include <vector>

#include "firmware/protocol/frame_codec.h"
#include "firmware/protocol/stream_decoder.h"

using namespace drishti::host;
namespace proto = drishti::protocol;

namespace {

// A mapper standing in for calibration: pupil position scaled to the screen.
class LinearMapper final : public GazeMapper {
 public:
  bool map(const proto::EyeSample& s, GazePoint& out) override {
    if (!s.eyes[0].valid || s.eyes[0].openness < 0.2F)
      return false;
    out = {s.eyes[0].normX * 1280, s.eyes[0].normY * 800, s.eyes[0].confidence};
    return true;
  }
  bool calibrated() const override { return true; }
};

proto::EyeSample sample(std::uint32_t seq, std::uint64_t captureUs, proto::TrackingState state,
                        float openness = 1) {
  proto::EyeSample s;
  s.seq = seq;
  s.captureUs = captureUs;
  s.sendUs = captureUs + 4000;  // 4 ms of processing
  s.state = state;
  s.eyes[0].valid = true;
  s.eyes[0].normX = 0.5F;
  s.eyes[0].normY = 0.25F;
  s.eyes[0].openness = openness;
  s.eyes[0].confidence = 0.9F;
  return s;
}

std::vector<InputEvent> all(WireInput& in, const proto::Message& m, std::int64_t arrivalUs) {
  const InputBatch b = in.convert(m, arrivalUs);
  return {b.begin(), b.end()};
}

}  // namespace

TEST_CASE("messages decoded from the wire become gaze, blink and tracking events") {
  LinearMapper mapper;
  WireInput in(mapper);
  // Through the real framing and decoder, as the app does.
  std::vector<std::uint8_t> wire(proto::kMaxFrameSize * 4);
  std::size_t n = 0;
  n += proto::encodeFrame(sample(1, 1000, proto::TrackingState::kTracking),
                          std::span(wire).subspan(n));
  proto::BlinkEvent blink;
  blink.seq = 2;
  blink.startUs = 10'000;
  blink.endUs = 410'000;
  blink.sendUs = 415'000;
  blink.durationMs = 400;
  blink.kind = proto::BlinkKind::kWinkRight;
  blink.confidence = 0.8F;
  n += proto::encodeFrame(blink, std::span(wire).subspan(n));
  wire.resize(n);
  proto::StreamDecoder decoder;
  std::vector<InputEvent> events;
  std::int64_t arrival = 5'000'000;
  decoder.feed(wire,
               [&](proto::DecodeStatus s, const proto::Message& m, const proto::DecodeError&) {
                 REQUIRE(s == proto::DecodeStatus::kMessage);
                 for (const InputEvent& e : all(in, m, arrival))
                   events.push_back(e);
                 arrival += 1000;
               });
  REQUIRE(events.size() == 3);
  CHECK(events[0].kind == InputKind::kGaze);
  CHECK(events[0].x == Approx(640));
  CHECK(events[0].y == Approx(200));
  CHECK(events[0].tUs == 5'000'000 - 4000);   // arrival minus the capture-to-send delay
  CHECK(events[1].kind == InputKind::kEyes);  // the sample's lids, for the safety gestures
  CHECK(events[1].eyesOpen);
  CHECK(events[2].kind == InputKind::kBlink);
  CHECK(events[2].durationMs == 400);
  CHECK(events[2].eyes == BlinkEyes::kRight);
  CHECK(events[2].tUs >= events[0].tUs);
}

TEST_CASE("tracking loss and recovery are reported once each") {
  LinearMapper mapper;
  WireInput in(mapper);
  CHECK(all(in, sample(1, 0, proto::TrackingState::kTracking), 1000).size() == 2);
  auto lost = all(in, sample(2, 33'000, proto::TrackingState::kLost), 34'000);
  REQUIRE(lost.size() == 1);
  CHECK(lost[0].kind == InputKind::kTrackingLost);
  CHECK(lost[0].loss == TrackingLoss::kEyes);
  CHECK(all(in, sample(3, 66'000, proto::TrackingState::kSearching), 67'000).empty());
  auto back = all(in, sample(4, 99'000, proto::TrackingState::kTracking), 100'000);
  REQUIRE(back.size() == 3);
  CHECK(back[0].kind == InputKind::kTrackingBack);
  CHECK(back[1].kind == InputKind::kGaze);
  CHECK(back[2].kind == InputKind::kEyes);
}

TEST_CASE("closed eyes on a calibrated tracker give gaze-lost, not a stale point") {
  LinearMapper mapper;
  WireInput in(mapper);
  auto e = all(in, sample(1, 0, proto::TrackingState::kTracking, 0.05F), 1000);
  REQUIRE(e.size() == 2);
  CHECK(e[0].kind == InputKind::kGazeLost);
  CHECK(e[1].kind == InputKind::kEyes);
  CHECK_FALSE(e[1].eyesOpen);
}

TEST_CASE("before calibration there is no gaze, but blinks and tracking state work") {
  UncalibratedGazeMapper mapper;
  WireInput in(mapper);
  CHECK_FALSE(in.calibrated());
  // No gaze, but the lids: open, then closed (openness below WireInputParams::openMin).
  const auto open = all(in, sample(1, 0, proto::TrackingState::kTracking), 1000);
  REQUIRE(open.size() == 1);
  CHECK(open[0].kind == InputKind::kEyes);
  CHECK(open[0].eyesOpen);
  const auto shut = all(in, sample(2, 33'000, proto::TrackingState::kTracking, 0.3F), 34'000);
  REQUIRE(shut.size() == 1);
  CHECK_FALSE(shut[0].eyesOpen);
  proto::BlinkEvent b;
  b.seq = 3;
  b.endUs = b.sendUs = 500'000;
  b.durationMs = 600;
  b.kind = proto::BlinkKind::kLong;
  auto blink = all(in, b, 501'000);
  REQUIRE(blink.size() == 1);
  CHECK(blink[0].kind == InputKind::kBlink);
  CHECK(blink[0].eyes == BlinkEyes::kBoth);
  auto lost = all(in, sample(4, 600'000, proto::TrackingState::kLost), 601'000);
  REQUIRE(lost.size() == 1);
  CHECK(lost[0].kind == InputKind::kTrackingLost);
}

TEST_CASE("a lost camera, a silent tracker and sequence gaps are noticed") {
  LinearMapper mapper;
  WireInput in(mapper);
  CHECK(in.checkSilence(10'000'000).count == 0);  // nothing heard yet: no tracker claimed
  all(in, sample(1, 0, proto::TrackingState::kTracking), 1000);
  all(in, sample(5, 100, proto::TrackingState::kTracking), 2000);
  CHECK(in.stats().missing == 3);
  proto::Status st;
  st.seq = 6;
  st.camera = proto::CameraState::kLost;
  auto cam = all(in, st, 3000);
  REQUIRE(cam.size() == 1);
  CHECK(cam[0].loss == TrackingLoss::kCamera);
  all(in, sample(7, 200, proto::TrackingState::kTracking), 4000);
  CHECK(in.checkSilence(4000 + 500'000).count == 0);
  const InputBatch silent = in.checkSilence(4000 + 1'500'000);
  REQUIRE(silent.count == 1);
  CHECK(silent.events[0].kind == InputKind::kTrackingLost);
  CHECK(silent.events[0].loss == TrackingLoss::kTracker);
  CHECK(in.checkSilence(4000 + 2'500'000).count == 0);  // said once
}

TEST_CASE("event times never go backwards even when delays vary") {
  LinearMapper mapper;
  WireInput in(mapper);
  std::int64_t last = 0;
  for (std::uint32_t i = 0; i < 50; ++i) {
    proto::EyeSample s = sample(i, i * 33'000, proto::TrackingState::kTracking);
    s.sendUs = s.captureUs + (i % 3) * 90'000;  // jittery processing delay
    for (const InputEvent& e : all(in, s, 1'000'000 + i * 33'000)) {
      CHECK(e.tUs >= last);
      last = e.tUs;
    }
  }
}
