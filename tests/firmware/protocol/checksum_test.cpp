#include "firmware/protocol/checksum.h"

#include <catch2/catch.hpp>
#include <string_view>

TEST_CASE("crc32 matches the IEEE check value") {
  const std::string_view s = "123456789";
  CHECK(drishti::protocol::crc32({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}) ==
        0xCBF43926U);
  CHECK(drishti::protocol::crc32({}) == 0x00000000U);
}
