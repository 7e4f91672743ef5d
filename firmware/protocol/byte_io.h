// Little-endian field writer and reader over caller-owned buffers. Internal to
// the protocol library. Neither allocates; both remember the first overrun
// instead of throwing, so a whole payload is checked once at the end.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>

namespace drishti::protocol::detail {

class ByteWriter {
 public:
  explicit ByteWriter(std::span<std::uint8_t> out) : out_(out) {}

  void u8(std::uint8_t v) { put(&v, 1); }
  void u16(std::uint16_t v) { le(v); }
  void u32(std::uint32_t v) { le(v); }
  void u64(std::uint64_t v) { le(v); }
  void f32(float v) { le(std::bit_cast<std::uint32_t>(v)); }
  void f64(double v) { le(std::bit_cast<std::uint64_t>(v)); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  template <std::size_t N>
  void text(const std::array<char, N>& field) {
    put(reinterpret_cast<const std::uint8_t*>(field.data()), N);
  }

  bool ok() const { return ok_; }
  std::size_t size() const { return pos_; }

 private:
  template <class T>
  void le(T v) {
    std::array<std::uint8_t, sizeof(T)> b{};
    for (std::size_t i = 0; i < sizeof(T); ++i)
      b[i] = static_cast<std::uint8_t>(v >> (8 * i));
    put(b.data(), b.size());
  }
  void put(const std::uint8_t* p, std::size_t n) {
    if (!ok_ || out_.size() - pos_ < n) {
      ok_ = false;
      return;
    }
    std::memcpy(out_.data() + pos_, p, n);
    pos_ += n;
  }

  std::span<std::uint8_t> out_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> in) : in_(in) {}

  std::uint8_t u8() { return le<std::uint8_t>(); }
  std::uint16_t u16() { return le<std::uint16_t>(); }
  std::uint32_t u32() { return le<std::uint32_t>(); }
  std::uint64_t u64() { return le<std::uint64_t>(); }
  float f32() { return std::bit_cast<float>(le<std::uint32_t>()); }
  double f64() { return std::bit_cast<double>(le<std::uint64_t>()); }
  template <std::size_t N>
  void text(std::array<char, N>& field) {
    if (!ok_ || in_.size() - pos_ < N) {
      ok_ = false;
      return;
    }
    std::memcpy(field.data(), in_.data() + pos_, N);
    pos_ += N;
  }

  bool ok() const { return ok_; }
  bool atEnd() const { return pos_ == in_.size(); }

 private:
  template <class T>
  T le() {
    if (!ok_ || in_.size() - pos_ < sizeof(T)) {
      ok_ = false;
      return T{};
    }
    T v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      v |= static_cast<T>(T{in_[pos_ + i]} << (8 * i));
    pos_ += sizeof(T);
    return v;
  }

  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace drishti::protocol::detail
