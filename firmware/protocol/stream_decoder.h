// StreamDecoder: turns a byte stream from any transport into messages.
//
// Represents: the receiving end of one wire connection (one per transport).
// Accepts bytes in any chunking (a frame may arrive one byte at a time or many
// frames at once), rejects damaged, foreign and oversized frames with a reason,
// and resynchronises after garbage: the zero delimiter that starts every frame
// ends whatever came before it, so the first frame after any garbage is decoded
// as soon as its closing delimiter has been pushed.
//
// Ensures: never throws, never allocates, never reads outside its buffer,
// whatever bytes arrive. Not thread-safe: one thread feeds and drains it.
//
// Use:
//   decoder.feed(bytes, [&](DecodeStatus s, const Message& m, const DecodeError& e) {...});
// or push() then next() until kNeedMoreData.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "frame_codec.h"
#include "messages.h"

namespace drishti::protocol {

enum class DecodeStatus : std::uint8_t {
  kMessage,       // a message was decoded
  kError,         // a frame was rejected; see lastError()
  kNeedMoreData,  // nothing more can be decoded from the bytes pushed so far
};

// Why and where a frame was rejected.
struct DecodeError {
  FrameError error = FrameError::kNone;
  std::uint64_t streamOffset = 0;  // byte offset of the frame start in the stream
  std::uint8_t version = 0;        // version byte of the rejected frame, when it had one
  std::uint8_t type = 0;           // type byte of the rejected frame, when it had one
  std::uint32_t frameLength = 0;   // bytes between the delimiters
  const char* field = "";          // kBadPayload/kUnknownType: the offending field
};

// A full sentence for logs and screens, e.g. "byte 1204: protocol version 2 frame; this
// build speaks version 1 (update drishti-tracker and drishti together)".
std::string describe(const DecodeError& error);

struct DecoderStats {
  std::uint64_t bytesIn = 0;
  std::uint64_t bytesDiscarded = 0;  // bytes of rejected frames and of garbage between delimiters
  std::uint64_t messages = 0;
  std::uint64_t versionMismatches = 0;
  std::uint64_t tooLong = 0;
  std::uint64_t badFraming = 0;
  std::uint64_t badChecksums = 0;
  std::uint64_t unknownTypes = 0;
  std::uint64_t badPayloads = 0;

  std::uint64_t rejectedFrames() const {
    return versionMismatches + tooLong + badFraming + badChecksums + unknownTypes + badPayloads;
  }
};

class StreamDecoder {
 public:
  // Appends bytes to the internal buffer; returns how many were taken. Takes all of
  // them unless the buffer is full, which only happens if next() is not drained.
  std::size_t push(std::span<const std::uint8_t> bytes);

  // Decodes the next message or rejected frame from the buffered bytes.
  DecodeStatus next(Message& out);

  // Pushes all of `bytes`, calling onEvent(status, message, error) for every
  // kMessage and kError. The message is valid only for kMessage.
  template <class F>
  void feed(std::span<const std::uint8_t> bytes, F&& onEvent) {
    while (true) {
      bytes = bytes.subspan(push(bytes));
      for (DecodeStatus s = next(scratch_); s != DecodeStatus::kNeedMoreData; s = next(scratch_)) {
        onEvent(s, scratch_, lastError());
      }
      if (bytes.empty())
        return;
    }
  }

  const DecodeError& lastError() const { return error_; }
  const DecoderStats& stats() const { return stats_; }

  // Forgets buffered bytes (e.g. when a transport reconnects); keeps the statistics.
  void reset();

 private:
  DecodeStatus finishFrame(Message& out);
  DecodeStatus reject(FrameError error, const char* field);

  std::array<std::uint8_t, 4 * kMaxFrameSize> input_{};  // pushed, not yet scanned
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::array<std::uint8_t, kMaxStuffedFrame> frame_{};  // the frame being collected
  std::size_t frameSize_ = 0;
  bool overflow_ = false;         // this frame passed the limit; skipping to the next delimiter
  std::uint64_t offset_ = 0;      // stream offset of input_[begin_]
  std::uint64_t frameStart_ = 0;  // stream offset of frame_[0]
  DecodeError error_;
  DecoderStats stats_;
  Message scratch_;
};

}  // namespace drishti::protocol
