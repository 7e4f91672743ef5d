// Frame building helpers for protocol tests: encode, alter before stuffing, re-seal.
#pragma once

#include <catch2/catch.hpp>
#include <vector>

#include "firmware/protocol/checksum.h"
#include "firmware/protocol/frame_codec.h"

namespace drishti::test {

using Bytes = std::vector<std::uint8_t>;

inline Bytes rawFrameOf(const protocol::Message& m) {
  Bytes raw(protocol::kMaxRawFrame);
  raw.resize(protocol::encodeRawFrame(m, raw));
  REQUIRE(!raw.empty());
  return raw;
}

// Recomputes the CRC of a raw frame a test has altered on purpose.
inline void resealRawFrame(Bytes& raw) {
  if (raw.size() < 6)
    return;
  const std::size_t body = raw.size() - 4;
  const std::uint32_t c = protocol::crc32({raw.data(), body});
  for (int i = 0; i < 4; ++i)
    raw[body + i] = static_cast<std::uint8_t>(c >> (8 * i));
}

inline Bytes wireOf(const Bytes& raw) {
  Bytes out(protocol::cobsMaxEncodedSize(raw.size()) + 2);
  out.resize(protocol::delimitRawFrame(raw, out));
  REQUIRE(!out.empty());
  return out;
}

inline Bytes frameOf(const protocol::Message& m) {
  Bytes out(protocol::kMaxFrameSize);
  out.resize(protocol::encodeFrame(m, out));
  REQUIRE(!out.empty());
  return out;
}

inline void append(Bytes& a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
}

}  // namespace drishti::test
