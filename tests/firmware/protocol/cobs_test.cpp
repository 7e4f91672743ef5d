#include "firmware/protocol/cobs.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using drishti::protocol::cobsDecode;
using drishti::protocol::cobsEncode;
using drishti::protocol::cobsMaxEncodedSize;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes encode(const Bytes& in) {
  Bytes out(cobsMaxEncodedSize(in.size()));
  out.resize(cobsEncode(in, out));
  return out;
}

Bytes decode(const Bytes& in) {
  Bytes out(in.size());
  const auto n = cobsDecode(in, out);
  REQUIRE(n >= 0);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

Bytes iota(std::uint8_t first, std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i)
    b[i] = static_cast<std::uint8_t>(first + i);
  return b;
}

}  // namespace

TEST_CASE("cobs encodes the published examples") {
  CHECK(encode({}) == Bytes{0x01});
  CHECK(encode({0x00}) == Bytes{0x01, 0x01});
  CHECK(encode({0x00, 0x00}) == Bytes{0x01, 0x01, 0x01});
  CHECK(encode({0x11, 0x22, 0x00, 0x33}) == Bytes{0x03, 0x11, 0x22, 0x02, 0x33});
  CHECK(encode({0x11, 0x22, 0x33, 0x44}) == Bytes{0x05, 0x11, 0x22, 0x33, 0x44});
  CHECK(encode({0x11, 0x00, 0x00, 0x00}) == Bytes{0x02, 0x11, 0x01, 0x01, 0x01});

  Bytes full = {0xFF};  // 01..FE: one full block, no trailing empty block
  const Bytes run = iota(1, 254);
  full.insert(full.end(), run.begin(), run.end());
  CHECK(encode(run) == full);

  Bytes longer = full;  // 01..FF: a full block, then a block of one
  longer.insert(longer.end(), {0x02, 0xFF});
  CHECK(encode(iota(1, 255)) == longer);
}

TEST_CASE("cobs output never contains zero and decodes to the input") {
  std::mt19937 rng(42);
  for (int i = 0; i < 2000; ++i) {
    Bytes in(rng() % 700);
    for (auto& b : in)
      b = (rng() % 3 == 0) ? 0 : static_cast<std::uint8_t>(rng());
    const Bytes enc = encode(in);
    CHECK(enc.size() <= cobsMaxEncodedSize(in.size()));
    CHECK(std::find(enc.begin(), enc.end(), 0) == enc.end());
    CHECK(decode(enc) == in);
  }
}

TEST_CASE("cobs decoding rejects zeros and codes that run past the end") {
  Bytes out(16);
  CHECK(cobsDecode(Bytes{0x03, 0x11, 0x00}, out) == -1);
  CHECK(cobsDecode(Bytes{0x05, 0x11, 0x22}, out) == -1);
  CHECK(cobsDecode(Bytes{0x00}, out) == -1);
  Bytes small(1);
  CHECK(cobsDecode(Bytes{0x03, 0x11, 0x22}, small) == -1);
}

TEST_CASE("cobs decodes in place") {
  const Bytes in = {0x11, 0x00, 0x22, 0x33, 0x00};
  Bytes buf = encode(in);
  const auto n = cobsDecode(buf, buf);
  REQUIRE(n == static_cast<std::ptrdiff_t>(in.size()));
  buf.resize(static_cast<std::size_t>(n));
  CHECK(buf == in);
}
