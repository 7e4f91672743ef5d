#include "models/sha256.h"

#include <catch2/catch.hpp>
#include <string>

namespace {
std::string digest(const std::string& s, std::size_t chunk) {
  drishti::models::Sha256 h;
  for (std::size_t i = 0; i < s.size(); i += chunk) {
    const auto n = std::min(chunk, s.size() - i);
    h.update({reinterpret_cast<const std::uint8_t*>(s.data() + i), n});
  }
  return h.hexDigest();
}
}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 examples in any chunking") {
  const std::size_t chunk =
      GENERATE(std::size_t{1}, std::size_t{3}, std::size_t{64}, std::size_t{1000});
  CHECK(digest("", chunk) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(digest("abc", chunk) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", chunk) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(digest(std::string(1000000, 'a'), chunk == 1 ? 4096 : chunk) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
