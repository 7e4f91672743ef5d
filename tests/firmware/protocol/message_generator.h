// Random valid messages for protocol tests and the fuzzers' seed frames.
#pragma once

#include <algorithm>
#include <random>

#include "firmware/protocol/messages.h"

namespace drishti::test {

class MessageGenerator {
 public:
  explicit MessageGenerator(std::uint32_t seed) : rng_(seed) {}

  protocol::Message any() {
    switch (pick(5)) {
      case 0:
        return eyeSample();
      case 1:
        return blink();
      case 2:
        return status();
      case 3:
        return command();
      default:
        return ack();
    }
  }

  protocol::EyeSample eyeSample() {
    protocol::EyeSample s;
    s.seq = u32();
    s.captureUs = u64();
    s.sendUs = s.captureUs + pick(20000);
    s.imageWidth = static_cast<std::uint16_t>(pick(4096));
    s.imageHeight = static_cast<std::uint16_t>(pick(4096));
    s.state = static_cast<protocol::TrackingState>(pick(3));
    for (auto& e : s.eyes) {
      e.valid = pick(2) == 1;
      e.pupilX = real(-100, 2000);
      e.pupilY = real(-100, 2000);
      e.normX = real(-1, 2);
      e.normY = real(-1, 1);
      e.openness = real(0, 1);
      e.confidence = real(0, 1);
      if (e.valid && pick(4) != 0)
        e.appearance = appearance();
    }
    s.head = {pick(2) == 1,    real(-90, 90),   real(-90, 90), real(-180, 180),
              real(-500, 500), real(-500, 500), real(0, 2000), real(0, 1)};
    s.face = {real(0, 2000), real(0, 2000), real(0, 2000), real(0, 2000), real(0, 1)};
    return s;
  }

  protocol::BlinkEvent blink() {
    protocol::BlinkEvent b;
    b.seq = u32();
    b.startUs = u64() / 2;
    b.endUs = b.startUs + pick(3'000'000);
    b.durationMs = static_cast<std::uint32_t>((b.endUs - b.startUs + 500) / 1000);
    b.sendUs = b.endUs + pick(1000);
    b.kind = static_cast<protocol::BlinkKind>(pick(5));
    b.confidence = real(0, 1);
    return b;
  }

  protocol::Status status() {
    protocol::Status s;
    s.seq = u32();
    s.sendUs = u64();
    s.uptimeMs = u32();
    s.fpsIn = real(0, 120);
    s.fpsOut = real(0, 120);
    s.processP50Us = u32();
    s.processP99Us = u32();
    s.framesIn = u64();
    s.framesDropped = u64();
    s.framesCorrupt = u64();
    s.deadlineMisses = u64();
    s.camera = static_cast<protocol::CameraState>(pick(4));
    s.mode = static_cast<protocol::TrackerMode>(pick(2));
    s.temperatureValid = pick(2) == 1;
    s.temperatureC = real(-20, 90);
    protocol::setText(s.version, "0.1." + std::to_string(pick(100)));
    return s;
  }

  protocol::Command command() {
    protocol::Command c;
    c.seq = u32();
    c.sendUs = u64();
    c.kind = static_cast<protocol::CommandKind>(pick(4));
    protocol::setText(c.name, "blink.min_ms" + std::to_string(pick(10)));
    c.value = real(-1e6, 1e6);
    return c;
  }

  protocol::CommandAck ack() {
    protocol::CommandAck a;
    a.seq = u32();
    a.sendUs = u64();
    a.commandSeq = u32();
    a.result = static_cast<protocol::AckResult>(pick(4));
    protocol::setText(a.text, pick(2) ? "ok" : "value out of range 0..5000 ms");
    return a;
  }

  // Cells as they come off the wire: multiples of 1/65535 summing to 1 (14
  // random cut points of 0..65535), some of them zero now and then.
  std::array<float, protocol::kAppearanceCells> appearance() {
    std::array<std::uint32_t, protocol::kAppearanceCells + 1> cut{};
    cut.back() = 65535;
    for (std::size_t i = 1; i + 1 < cut.size(); ++i)
      cut[i] = pick(8) == 0 ? 0 : pick(65536);
    std::sort(cut.begin(), cut.end());
    std::array<float, protocol::kAppearanceCells> cells{};
    for (std::size_t i = 0; i < cells.size(); ++i)
      cells[i] = static_cast<float>(cut[i + 1] - cut[i]) / 65535.0F;
    return cells;
  }

  std::uint32_t pick(std::uint32_t n) {
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_);
  }
  std::mt19937& rng() { return rng_; }

 private:
  std::uint32_t u32() { return static_cast<std::uint32_t>(rng_()); }
  std::uint64_t u64() { return (std::uint64_t{u32()} << 32) | u32(); }
  float real(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng_); }

  std::mt19937 rng_;
};

}  // namespace drishti::test
