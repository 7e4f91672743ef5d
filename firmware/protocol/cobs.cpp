#include "cobs.h"

namespace drishti::protocol {

std::size_t cobsEncode(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  if (out.size() < cobsMaxEncodedSize(in.size()))
    return 0;
  // Each block is a code byte c followed by c-1 non-zero bytes; c < 255 means a
  // zero followed the block in the input, c == 255 a full block with no zero.
  // A full block is closed only when more input follows, so data ending on a
  // block boundary gets no empty block (the canonical form).
  std::size_t codeAt = 0;
  std::size_t o = 1;
  std::uint8_t code = 1;
  for (std::uint8_t b : in) {
    if (code == 0xFF) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
    }
    if (b == 0) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
      continue;
    }
    out[o++] = b;
    ++code;
  }
  out[codeAt] = code;
  return o;
}

std::ptrdiff_t cobsDecode(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
  std::size_t i = 0;
  std::size_t o = 0;
  while (i < in.size()) {
    const std::uint8_t code = in[i++];
    if (code == 0 || i + code - 1 > in.size())
      return -1;
    for (std::uint8_t k = 1; k < code; ++k) {
      if (in[i] == 0 || o >= out.size())
        return -1;
      out[o++] = in[i++];
    }
    // A zero follows every block except a full one and the last.
    if (code != 0xFF && i < in.size()) {
      if (o >= out.size())
        return -1;
      out[o++] = 0;
    }
  }
  return static_cast<std::ptrdiff_t>(o);
}

}  // namespace drishti::protocol
