// SHA-256 (FIPS 180-4), streaming. Used to check model files against the manifest.
// Not thread-safe per instance; instances are independent.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace drishti::models {

class Sha256 {
 public:
  Sha256();
  void update(std::span<const std::uint8_t> bytes);
  // Finishes and returns the digest as 64 lowercase hex digits. Call once.
  std::string hexDigest();

 private:
  void block(const std::uint8_t* p);

  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> pending_{};
  std::size_t pendingSize_ = 0;
  std::uint64_t totalBytes_ = 0;
};

}  // namespace drishti::models
