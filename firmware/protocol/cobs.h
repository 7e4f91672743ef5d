// Consistent Overhead Byte Stuffing (Cheshire & Baker, IEEE/ACM Trans. Networking
// 7(2), 1999): re-encodes bytes so that the result contains no 0x00, which then
// marks frame boundaries on the wire. Overhead is one byte per 254, plus one.
// Pure functions, thread-safe, no allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace drishti::protocol {

// Worst-case encoded size for `n` input bytes.
constexpr std::size_t cobsMaxEncodedSize(std::size_t n) {
  return n + n / 254 + 1;
}

// Encodes `in` into `out`. Returns the encoded size (no zero bytes in it), or 0 if
// `out` is smaller than cobsMaxEncodedSize(in.size()).
std::size_t cobsEncode(std::span<const std::uint8_t> in, std::span<std::uint8_t> out);

// Decodes `in` (one frame, without delimiters) into `out`. Returns the decoded
// size, or -1 if `in` is not valid COBS (a zero byte, or a code that runs past
// the end) or `out` is too small. `out` may alias `in` (decoding never writes
// ahead of the byte it reads).
std::ptrdiff_t cobsDecode(std::span<const std::uint8_t> in, std::span<std::uint8_t> out);

}  // namespace drishti::protocol
