#include "stream_decoder.h"

#include <algorithm>
#include <cstring>

#include "checksum.h"

namespace drishti::protocol {

std::string describe(const DecodeError& e) {
  std::string s = "byte " + std::to_string(e.streamOffset) + ": ";
  switch (e.error) {
    case FrameError::kVersionMismatch:
      s += "protocol version " + std::to_string(e.version) + " frame; this build speaks version " +
           std::to_string(kProtocolVersion) + " (update drishti-tracker and drishti together)";
      break;
    case FrameError::kTooLong:
      s += "no frame delimiter within " + std::to_string(kMaxFrameSize) +
           " bytes (not Drishti data, or a corrupted stream); skipping to the next delimiter";
      break;
    case FrameError::kBadFraming:
      s += "malformed " + std::to_string(e.frameLength) +
           "-byte frame (broken byte stuffing or "
           "too short); skipped";
      break;
    case FrameError::kBadChecksum:
      s += "checksum mismatch in a " + std::to_string(e.frameLength) +
           "-byte frame (corrupted bytes); skipped";
      break;
    case FrameError::kUnknownType:
      s += "unknown message type " + std::to_string(e.type);
      break;
    case FrameError::kBadPayload:
      s += "malformed " + std::string(name(static_cast<MessageType>(e.type))) +
           " message: field '" + e.field + "' is missing or out of range";
      break;
    case FrameError::kNone:
      s += "no error";
      break;
  }
  return s;
}

std::size_t StreamDecoder::push(std::span<const std::uint8_t> bytes) {
  if (begin_ == end_)
    begin_ = end_ = 0;
  if (begin_ > 0 && input_.size() - end_ < bytes.size()) {
    std::memmove(input_.data(), input_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t n = std::min(bytes.size(), input_.size() - end_);
  if (n > 0)
    std::memcpy(input_.data() + end_, bytes.data(), n);
  end_ += n;
  stats_.bytesIn += n;
  return n;
}

DecodeStatus StreamDecoder::next(Message& out) {
  while (begin_ < end_) {
    const std::uint8_t b = input_[begin_++];
    ++offset_;
    if (b == kDelimiter) {
      if (overflow_) {
        overflow_ = false;  // already reported when it overflowed
        frameSize_ = 0;
        continue;
      }
      if (frameSize_ == 0)
        continue;  // idle delimiters between frames
      return finishFrame(out);
    }
    if (overflow_) {
      ++stats_.bytesDiscarded;
      continue;
    }
    if (frameSize_ == 0)
      frameStart_ = offset_ - 1;
    if (frameSize_ == frame_.size()) {
      overflow_ = true;
      const DecodeStatus s = reject(FrameError::kTooLong, nullptr);
      ++stats_.bytesDiscarded;
      return s;
    }
    frame_[frameSize_++] = b;
  }
  return DecodeStatus::kNeedMoreData;
}

DecodeStatus StreamDecoder::finishFrame(Message& out) {
  const std::ptrdiff_t rawSize = cobsDecode({frame_.data(), frameSize_}, frame_);
  if (rawSize < 0)
    return reject(FrameError::kBadFraming, "stuffing");
  const char* field = nullptr;
  const std::span<const std::uint8_t> raw{frame_.data(), static_cast<std::size_t>(rawSize)};
  const FrameError result = decodeRawFrame(raw, out, &field);
  if (result != FrameError::kNone) {
    // The version and type bytes are meaningful only in a frame that passed its CRC.
    const bool intact = result != FrameError::kBadChecksum && result != FrameError::kBadFraming;
    error_.version = intact ? raw[0] : 0;
    error_.type = intact ? raw[1] : 0;
    return reject(result, field);
  }
  frameSize_ = 0;
  ++stats_.messages;
  return DecodeStatus::kMessage;
}

DecodeStatus StreamDecoder::reject(FrameError error, const char* field) {
  error_.error = error;
  error_.streamOffset = frameStart_;
  error_.frameLength = static_cast<std::uint32_t>(frameSize_);
  error_.field = field != nullptr ? field : "";
  if (error == FrameError::kTooLong || error == FrameError::kBadFraming) {
    error_.version = error_.type = 0;
  }
  switch (error) {
    case FrameError::kVersionMismatch:
      ++stats_.versionMismatches;
      break;
    case FrameError::kTooLong:
      ++stats_.tooLong;
      break;
    case FrameError::kBadFraming:
      ++stats_.badFraming;
      break;
    case FrameError::kBadChecksum:
      ++stats_.badChecksums;
      break;
    case FrameError::kUnknownType:
      ++stats_.unknownTypes;
      break;
    case FrameError::kBadPayload:
      ++stats_.badPayloads;
      break;
    case FrameError::kNone:
      break;
  }
  stats_.bytesDiscarded += frameSize_;
  frameSize_ = 0;
  return DecodeStatus::kError;
}

void StreamDecoder::reset() {
  offset_ += end_ - begin_;
  begin_ = end_ = 0;
  frameSize_ = 0;
  overflow_ = false;
}

}  // namespace drishti::protocol
