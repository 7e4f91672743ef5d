// Framing of messages on the wire (protocol version 2).
//
// A frame before stuffing, all integers little-endian:
//
//   offset  size  field
//   0       1     protocol version (kProtocolVersion)
//   1       1     message type (MessageType)
//   2       N     payload: the message's fields in declaration order, N <= kMaxPayload
//   2+N     4     CRC-32 of bytes 0..1+N
//
// On the wire each frame is COBS-encoded (cobs.h), so it contains no 0x00, and
// sent as 0x00, encoded frame, 0x00. The zero delimiters make resynchronisation
// exact: garbage can never swallow the frame that follows it, because that
// frame's leading 0x00 ends the garbage. Over UDP one datagram carries one
// delimited frame; over serial and stream sockets the same bytes are a stream.
//
// The version and type bytes and the CRC keep their place in every future
// version, so a receiver can tell another version's frame from noise and say so.
// Floats are IEEE 754 binary32/64; bools one byte 0/1; text fields fixed-size,
// NUL-padded printable ASCII. An eye's appearance cells are kAppearanceCells
// uint16 in fixed point (cell = value / kCellScale), either all zero (not
// measured; always so for an eye that is not valid) or summing to exactly
// kCellScale, which the encoder makes so by largest-remainder rounding.
//
// Versions: 1 had no appearance cells (an eye sample's payload was 124 bytes);
// 2 adds them after each eye's confidence (184 bytes). A receiver rejects every
// frame of another version and names both versions (stream_decoder.h).
//
// Thread safety: all functions are pure and reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "cobs.h"
#include "messages.h"

namespace drishti::protocol {

inline constexpr std::uint8_t kProtocolVersion = 2;
inline constexpr std::uint32_t kCellScale = 65535;  // appearance cell fixed point: 1.0
inline constexpr std::uint8_t kDelimiter = 0x00;
inline constexpr std::size_t kMaxPayload = 512;                   // bytes
inline constexpr std::size_t kMaxRawFrame = 2 + kMaxPayload + 4;  // bytes before stuffing
inline constexpr std::size_t kMaxStuffedFrame = cobsMaxEncodedSize(kMaxRawFrame);
inline constexpr std::size_t kMaxFrameSize = kMaxStuffedFrame + 2;  // with both delimiters

// Why a frame (or a payload) was rejected.
enum class FrameError : std::uint8_t {
  kNone = 0,
  kVersionMismatch,  // intact frame of another protocol version
  kTooLong,          // more than kMaxFrameSize bytes without a delimiter
  kBadFraming,       // not valid COBS, or too short to hold version, type and CRC
  kBadChecksum,      // CRC-32 mismatch: corrupted bytes, or garbage between delimiters
  kUnknownType,      // type code this version does not know
  kBadPayload,       // wrong payload size for the type, or a field out of range
};

std::string_view describe(FrameError error);

// Writes one complete delimited frame for `message` into `out` (kMaxFrameSize
// is always enough). Returns its size in bytes, or 0 if `out` is too small.
std::size_t encodeFrame(const Message& message, std::span<std::uint8_t> out);

// Writes the unstuffed frame (version, type, payload, CRC) into `out`; returns
// its size or 0. For tools and tests that need to alter frames before stuffing.
std::size_t encodeRawFrame(const Message& message, std::span<std::uint8_t> out);

// Stuffs and delimits a raw frame as it goes on the wire; returns the size or 0.
std::size_t delimitRawFrame(std::span<const std::uint8_t> raw, std::span<std::uint8_t> out);

// Decodes the payload of a frame of `type` into `out`. Checks the size and every
// field's range (enums known, bools 0/1, floats finite, fractions in 0..1, text
// printable). On failure returns kBadPayload or kUnknownType, leaves `out` in an
// unspecified valid state, and writes the name of the offending field to
// `field` (a static string) when given.
// Checks one unstuffed frame (version, type, payload, CRC) and decodes it into
// `out`. Fills `field` as decodePayload does.
FrameError decodeRawFrame(std::span<const std::uint8_t> raw, Message& out,
                          const char** field = nullptr);

FrameError decodePayload(std::uint8_t type, std::span<const std::uint8_t> payload, Message& out,
                         const char** field = nullptr);

}  // namespace drishti::protocol
