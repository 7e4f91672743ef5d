#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "firmware/protocol/frame_codec.h"
#include "firmware/protocol/stream_decoder.h"
#include "tests/firmware/protocol/message_generator.h"
#include "tests/firmware/protocol/wire_helpers.h"

using namespace drishti::protocol;
using drishti::test::MessageGenerator;

using drishti::test::frameOf;

namespace {

// Decodes `bytes` pushed in chunks of `chunk` bytes; returns every message.
std::vector<Message> decodeAll(const std::vector<std::uint8_t>& bytes, std::size_t chunk) {
  StreamDecoder decoder;
  std::vector<Message> got;
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    const std::size_t n = std::min(chunk, bytes.size() - i);
    decoder.feed({bytes.data() + i, n},
                 [&](DecodeStatus s, const Message& m, const DecodeError& e) {
                   INFO(describe(e));
                   REQUIRE(s == DecodeStatus::kMessage);
                   got.push_back(m);
                 });
  }
  CHECK(decoder.stats().bytesDiscarded == 0);
  CHECK(decoder.stats().rejectedFrames() == 0);
  return got;
}

}  // namespace

TEST_CASE("every message type round-trips unchanged in any chunking") {
  MessageGenerator gen(1234);
  const auto type = GENERATE(0, 1, 2, 3, 4);
  std::vector<Message> sent;
  for (int i = 0; i < 200; ++i) {
    switch (type) {
      case 0:
        sent.emplace_back(gen.eyeSample());
        break;
      case 1:
        sent.emplace_back(gen.blink());
        break;
      case 2:
        sent.emplace_back(gen.status());
        break;
      case 3:
        sent.emplace_back(gen.command());
        break;
      default:
        sent.emplace_back(gen.ack());
        break;
    }
  }
  std::vector<std::uint8_t> stream;
  for (const auto& m : sent) {
    const auto f = frameOf(m);
    stream.insert(stream.end(), f.begin(), f.end());
  }
  const std::size_t chunk = GENERATE(std::size_t{1}, std::size_t{7}, std::size_t{100000});
  const auto got = decodeAll(stream, chunk);
  REQUIRE(got.size() == sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    CHECK(typeOf(got[i]) == typeOf(sent[i]));
    CHECK(got[i] == sent[i]);
  }
}

TEST_CASE("every message fits the frame limit") {
  MessageGenerator gen(7);
  for (int i = 0; i < 100; ++i) {
    std::vector<std::uint8_t> out(kMaxFrameSize);
    CHECK(encodeFrame(gen.any(), out) > 8);
  }
}

TEST_CASE("encoding into a buffer that is too small writes nothing and returns 0") {
  MessageGenerator gen(9);
  const Message m = gen.eyeSample();
  const std::size_t full = frameOf(m).size();
  std::vector<std::uint8_t> small(full - 1);
  CHECK(encodeFrame(m, small) == 0);
}

TEST_CASE("text fields keep what fits and say when they truncate") {
  Status s;
  CHECK(setText(s.version, "0.1.0"));
  CHECK(textOf(s.version) == "0.1.0");
  CHECK_FALSE(setText(s.version, "a-version-string-far-too-long"));
  CHECK(textOf(s.version).size() == kVersionTextSize - 1);
}

TEST_CASE("appearance cells cross the wire to 1/65535 and sum to 1 on arrival") {
  MessageGenerator gen(31);
  std::uniform_real_distribution<float> grey(0.0F, 1.0F);
  for (int i = 0; i < 200; ++i) {
    EyeSample s = gen.eyeSample();
    s.eyes[0].valid = true;
    s.eyes[1].valid = true;
    // As the tracker measures them: float sums normalised in float, not wire values.
    for (auto& eye : s.eyes) {
      float sum = 0;
      for (std::size_t c = 0; c < kAppearanceCells; ++c) {
        eye.appearance[c] = i % 10 == 0 && c == 3 ? 0.0F : grey(gen.rng());
        sum += eye.appearance[c];
      }
      for (auto& c : eye.appearance)
        c /= sum;
    }
    const auto got = decodeAll(frameOf(s), 1000);
    REQUIRE(got.size() == 1);
    const auto& back = std::get<EyeSample>(got[0]);
    for (std::size_t e = 0; e < 2; ++e) {
      double sum = 0;
      for (std::size_t c = 0; c < kAppearanceCells; ++c) {
        CHECK(std::abs(back.eyes[e].appearance[c] - s.eyes[e].appearance[c]) <= 1.0F / 65535);
        sum += back.eyes[e].appearance[c];
      }
      CHECK(std::abs(sum - 1.0) < 1e-5);
      if (i % 10 == 0)
        CHECK(back.eyes[e].appearance[3] == 0.0F);  // an empty cell stays exactly empty
    }
  }
}

TEST_CASE("appearance cells the tracker could not normalise go out as not measured") {
  MessageGenerator gen(32);
  EyeSample s = gen.eyeSample();
  s.eyes[0].valid = true;
  s.eyes[1].valid = true;
  s.eyes[0].appearance = gen.appearance();
  s.eyes[1].appearance = gen.appearance();
  SECTION("not normalised: scaled to sum 1") {
    const auto expected = s.eyes[1].appearance;
    for (auto& c : s.eyes[1].appearance)
      c *= 37.5F;
    const auto back = std::get<EyeSample>(decodeAll(frameOf(s), 1000).at(0));
    for (std::size_t c = 0; c < kAppearanceCells; ++c)
      CHECK(std::abs(back.eyes[1].appearance[c] - expected[c]) <= 1.0F / 65535);
    CHECK(back.eyes[0] == s.eyes[0]);
  }
  SECTION("NaN or negative: all zero") {
    s.eyes[1].appearance[4] = GENERATE(std::numeric_limits<float>::quiet_NaN(), -0.01F);
    const auto back = std::get<EyeSample>(decodeAll(frameOf(s), 1000).at(0));
    CHECK(back.eyes[1].appearance == std::array<float, kAppearanceCells>{});
    CHECK(back.eyes[0] == s.eyes[0]);
  }
}
