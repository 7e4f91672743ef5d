#include "frame_codec.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "byte_io.h"
#include "checksum.h"

namespace drishti::protocol {
namespace {

// The appearance cells as 16-bit fixed point whose sum is exactly kCellScale:
// each cell's share of the cells' total, floored, and the remainder handed out
// one unit at a time to the cells with the largest fractions (Hamilton's
// largest-remainder rounding), so the decoder can insist on the exact sum.
// Cells that are all zero, or any negative or non-finite, go out as all zero
// (not measured).
std::array<std::uint16_t, kAppearanceCells> quantiseCells(
    const std::array<float, kAppearanceCells>& v) {
  std::array<std::uint16_t, kAppearanceCells> q{};
  double sum = 0;
  for (float x : v) {
    if (!std::isfinite(x) || x < 0.0F)
      return q;
    sum += x;
  }
  if (!(sum > 0) || !std::isfinite(sum))
    return q;
  std::array<double, kAppearanceCells> rest{};
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double exact = std::min(static_cast<double>(v[i]) / sum, 1.0) * kCellScale;
    q[i] = static_cast<std::uint16_t>(std::floor(exact));
    rest[i] = exact - q[i];
    total += q[i];
  }
  while (total < kCellScale) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < rest.size(); ++i) {
      if (rest[i] > rest[best])
        best = i;
    }
    ++q[best];
    rest[best] = -1.0;
    ++total;
  }
  return q;
}

// Each message's fields are listed once, in wire order, in a `fields` function
// that both the writer and the reader walk; the reader also checks each range.

class FieldWriter {
 public:
  explicit FieldWriter(std::span<std::uint8_t> out) : w_(out) {}
  void u16(std::uint16_t v, const char*) { w_.u16(v); }
  void u32(std::uint32_t v, const char*) { w_.u32(v); }
  void u64(std::uint64_t v, const char*) { w_.u64(v); }
  void boolean(bool v, const char*) { w_.boolean(v); }
  void real(float v, const char*) { w_.f32(v); }
  void real(double v, const char*) { w_.f64(v); }
  void fraction(float v, const char*) { w_.f32(v); }
  void cells(const std::array<float, kAppearanceCells>& v, const char*) {
    for (std::uint16_t q : quantiseCells(v))
      w_.u16(q);
  }
  template <class E>
  void enumeration(E v, E, const char*) {
    w_.u8(static_cast<std::uint8_t>(v));
  }
  template <std::size_t N>
  void text(const std::array<char, N>& v, const char*) {
    w_.text(v);
  }
  const detail::ByteWriter& writer() const { return w_; }

 private:
  detail::ByteWriter w_;
};

class FieldReader {
 public:
  explicit FieldReader(std::span<const std::uint8_t> in) : r_(in) {}
  void u16(std::uint16_t& v, const char* f) { v = check(r_.u16(), true, f); }
  void u32(std::uint32_t& v, const char* f) { v = check(r_.u32(), true, f); }
  void u64(std::uint64_t& v, const char* f) { v = check(r_.u64(), true, f); }
  void boolean(bool& v, const char* f) {
    const std::uint8_t b = r_.u8();
    v = check(b, b <= 1, f) == 1;
  }
  void real(float& v, const char* f) {
    v = r_.f32();
    check(0, std::isfinite(v), f);
  }
  void real(double& v, const char* f) {
    v = r_.f64();
    check(0, std::isfinite(v), f);
  }
  void fraction(float& v, const char* f) {
    v = r_.f32();
    check(0, std::isfinite(v) && v >= 0.0F && v <= 1.0F, f);
  }
  // Fixed-point cells: all zero (not measured) or summing to exactly kCellScale.
  void cells(std::array<float, kAppearanceCells>& v, const char* f) {
    std::uint32_t sum = 0;
    for (float& x : v) {
      const std::uint16_t q = r_.u16();
      sum += q;
      x = static_cast<float>(q) / static_cast<float>(kCellScale);
    }
    check(0, sum == 0 || sum == kCellScale, f);
  }
  template <class E>
  void enumeration(E& v, E last, const char* f) {
    const std::uint8_t b = r_.u8();
    v = static_cast<E>(check(b, b <= static_cast<std::uint8_t>(last), f));
  }
  template <std::size_t N>
  void text(std::array<char, N>& v, const char* f) {
    r_.text(v);
    bool ended = false;
    bool good = true;
    for (char c : v) {
      if (c == '\0') {
        ended = true;
      } else if (ended || c < 0x20 || c > 0x7E) {
        good = false;
      }
    }
    check(0, good && ended, f);
  }

  // The first field that failed, or nullptr; a short payload fails at the field it cut.
  const char* failedField() const { return failed_; }
  bool complete() const { return failed_ == nullptr && r_.ok() && r_.atEnd(); }

 private:
  template <class T>
  T check(T v, bool good, const char* field) {
    if (failed_ == nullptr && (!good || !r_.ok()))
      failed_ = field;
    return v;
  }

  detail::ByteReader r_;
  const char* failed_ = nullptr;
};

template <class A, class T>
void fields(A& a, T& m) requires std::is_same_v<std::remove_const_t<T>, EyeMeasurement> {
  a.boolean(m.valid, "eye.valid");
  a.real(m.pupilX, "eye.pupilX");
  a.real(m.pupilY, "eye.pupilY");
  a.real(m.normX, "eye.normX");
  a.real(m.normY, "eye.normY");
  a.fraction(m.openness, "eye.openness");
  a.fraction(m.confidence, "eye.confidence");
  a.cells(m.appearance, "eye.appearance");
}

template <class A, class T>
void fields(A& a, T& m) requires std::is_same_v<std::remove_const_t<T>, EyeSample> {
  a.u32(m.seq, "seq");
  a.u64(m.captureUs, "captureUs");
  a.u64(m.sendUs, "sendUs");
  a.u16(m.imageWidth, "imageWidth");
  a.u16(m.imageHeight, "imageHeight");
  a.enumeration(m.state, TrackingState::kLost, "state");
  for (auto& eye : m.eyes)
    fields(a, eye);
  a.boolean(m.head.valid, "head.valid");
  a.real(m.head.yawDeg, "head.yawDeg");
  a.real(m.head.pitchDeg, "head.pitchDeg");
  a.real(m.head.rollDeg, "head.rollDeg");
  a.real(m.head.xMm, "head.xMm");
  a.real(m.head.yMm, "head.yMm");
  a.real(m.head.zMm, "head.zMm");
  a.fraction(m.head.confidence, "head.confidence");
  a.real(m.face.x, "face.x");
  a.real(m.face.y, "face.y");
  a.real(m.face.width, "face.width");
  a.real(m.face.height, "face.height");
  a.fraction(m.face.confidence, "face.confidence");
}

template <class A, class T>
void fields(A& a, T& m) requires std::is_same_v<std::remove_const_t<T>, BlinkEvent> {
  a.u32(m.seq, "seq");
  a.u64(m.sendUs, "sendUs");
  a.u64(m.startUs, "startUs");
  a.u64(m.endUs, "endUs");
  a.u32(m.durationMs, "durationMs");
  a.enumeration(m.kind, BlinkKind::kDouble, "kind");
  a.fraction(m.confidence, "confidence");
}

template <class A, class T>
void fields(A& a, T& m) requires std::is_same_v<std::remove_const_t<T>, Status> {
  a.u32(m.seq, "seq");
  a.u64(m.sendUs, "sendUs");
  a.u32(m.uptimeMs, "uptimeMs");
  a.real(m.fpsIn, "fpsIn");
  a.real(m.fpsOut, "fpsOut");
  a.u32(m.processP50Us, "processP50Us");
  a.u32(m.processP99Us, "processP99Us");
  a.u64(m.framesIn, "framesIn");
  a.u64(m.framesDropped, "framesDropped");
  a.u64(m.framesCorrupt, "framesCorrupt");
  a.u64(m.deadlineMisses, "deadlineMisses");
  a.enumeration(m.camera, CameraState::kAbsent, "camera");
  a.enumeration(m.mode, TrackerMode::kCalibration, "mode");
  a.boolean(m.temperatureValid, "temperatureValid");
  a.real(m.temperatureC, "temperatureC");
  a.text(m.version, "version");
}

template <class A, class T>
void fields(A& a, T& m) requires std::is_same_v<std::remove_const_t<T>, Command> {
  a.u32(m.seq, "seq");
  a.u64(m.sendUs, "sendUs");
  a.enumeration(m.kind, CommandKind::kRequestStatus, "kind");
  a.text(m.name, "name");
  a.real(m.value, "value");
}

template <class A, class T>
void fields(A& a, T& m) requires std::is_same_v<std::remove_const_t<T>, CommandAck> {
  a.u32(m.seq, "seq");
  a.u64(m.sendUs, "sendUs");
  a.u32(m.commandSeq, "commandSeq");
  a.enumeration(m.result, AckResult::kRejected, "result");
  a.text(m.text, "text");
}

// Cross-field rules the per-field checks cannot express.
const char* checkInvariants(const Message& m) {
  if (const auto* b = std::get_if<BlinkEvent>(&m); b != nullptr && b->endUs < b->startUs) {
    return "endUs";
  }
  if (const auto* s = std::get_if<EyeSample>(&m); s != nullptr) {
    for (const auto& eye : s->eyes) {
      const bool measured =
          std::any_of(eye.appearance.begin(), eye.appearance.end(), [](float c) { return c != 0; });
      if (measured && !eye.valid)
        return "eye.appearance";  // an eye that was not measured has no cells
    }
  }
  return nullptr;
}

template <class T>
FrameError readAs(std::span<const std::uint8_t> payload, Message& out, const char** field) {
  T message{};
  FieldReader reader(payload);
  fields(reader, message);
  if (!reader.complete()) {
    if (field != nullptr) {
      *field = reader.failedField() != nullptr ? reader.failedField() : "payload length";
    }
    return FrameError::kBadPayload;
  }
  out = message;
  if (const char* bad = checkInvariants(out); bad != nullptr) {
    if (field != nullptr)
      *field = bad;
    return FrameError::kBadPayload;
  }
  return FrameError::kNone;
}

}  // namespace

std::string_view describe(FrameError error) {
  switch (error) {
    case FrameError::kNone:
      return "no error";
    case FrameError::kVersionMismatch:
      return "protocol version mismatch";
    case FrameError::kTooLong:
      return "frame longer than the protocol allows";
    case FrameError::kBadChecksum:
      return "checksum mismatch";
    case FrameError::kBadFraming:
      return "malformed framing";
    case FrameError::kUnknownType:
      return "unknown message type";
    case FrameError::kBadPayload:
      return "malformed payload";
  }
  return "unknown error";
}

std::size_t encodeRawFrame(const Message& message, std::span<std::uint8_t> out) {
  if (out.size() < 6)
    return 0;
  FieldWriter writer(out.subspan(2, out.size() - 6));
  std::visit([&](const auto& m) { fields(writer, m); }, message);
  if (!writer.writer().ok() || writer.writer().size() > kMaxPayload)
    return 0;
  const std::size_t body = 2 + writer.writer().size();
  out[0] = kProtocolVersion;
  out[1] = static_cast<std::uint8_t>(typeOf(message));
  const std::uint32_t crc = crc32(out.first(body));
  for (std::size_t i = 0; i < 4; ++i)
    out[body + i] = static_cast<std::uint8_t>(crc >> (8 * i));
  return body + 4;
}

std::size_t delimitRawFrame(std::span<const std::uint8_t> raw, std::span<std::uint8_t> out) {
  if (out.size() < cobsMaxEncodedSize(raw.size()) + 2)
    return 0;
  out[0] = kDelimiter;
  const std::size_t n = cobsEncode(raw, out.subspan(1, out.size() - 2));
  out[n + 1] = kDelimiter;
  return n + 2;
}

std::size_t encodeFrame(const Message& message, std::span<std::uint8_t> out) {
  std::array<std::uint8_t, kMaxRawFrame> raw{};
  const std::size_t n = encodeRawFrame(message, raw);
  return n == 0 ? 0 : delimitRawFrame({raw.data(), n}, out);
}

FrameError decodeRawFrame(std::span<const std::uint8_t> raw, Message& out, const char** field) {
  if (raw.size() < 6) {
    if (field != nullptr)
      *field = "frame";
    return FrameError::kBadFraming;
  }
  const std::size_t body = raw.size() - 4;
  const std::uint32_t stored =
      static_cast<std::uint32_t>(raw[body]) | (std::uint32_t{raw[body + 1]} << 8) |
      (std::uint32_t{raw[body + 2]} << 16) | (std::uint32_t{raw[body + 3]} << 24);
  if (crc32(raw.first(body)) != stored)
    return FrameError::kBadChecksum;
  if (raw[0] != kProtocolVersion)
    return FrameError::kVersionMismatch;
  return decodePayload(raw[1], raw.subspan(2, body - 2), out, field);
}

FrameError decodePayload(std::uint8_t type, std::span<const std::uint8_t> payload, Message& out,
                         const char** field) {
  switch (static_cast<MessageType>(type)) {
    case MessageType::kEyeSample:
      return readAs<EyeSample>(payload, out, field);
    case MessageType::kBlinkEvent:
      return readAs<BlinkEvent>(payload, out, field);
    case MessageType::kStatus:
      return readAs<Status>(payload, out, field);
    case MessageType::kCommand:
      return readAs<Command>(payload, out, field);
    case MessageType::kCommandAck:
      return readAs<CommandAck>(payload, out, field);
  }
  if (field != nullptr)
    *field = "type";
  return FrameError::kUnknownType;
}

}  // namespace drishti::protocol
