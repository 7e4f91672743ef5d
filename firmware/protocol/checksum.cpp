#include "checksum.h"

#include <array>

namespace drishti::protocol {
namespace {

constexpr std::array<std::uint32_t, 256> makeCrc32Table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit)
      c = (c & 1U) ? (c >> 1) ^ 0xEDB88320U : (c >> 1);
    table[i] = c;
  }
  return table;
}

constexpr auto kCrc32Table = makeCrc32Table();

}  // namespace

std::uint32_t crc32(std::span<const std::uint8_t> bytes) {
  std::uint32_t c = 0xFFFFFFFFU;
  for (std::uint8_t b : bytes)
    c = kCrc32Table[(c ^ b) & 0xFFU] ^ (c >> 8);
  return c ^ 0xFFFFFFFFU;
}

}  // namespace drishti::protocol
