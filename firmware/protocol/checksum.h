// The checksum used by the wire framing. Pure functions, no state, thread-safe.
#pragma once

#include <cstdint>
#include <span>

namespace drishti::protocol {

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF),
// the same value as zlib's crc32(): guards every frame.
std::uint32_t crc32(std::span<const std::uint8_t> bytes);

}  // namespace drishti::protocol
