#include "firmware/io/link_budget.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "firmware/io/serial_transport.h"
#include "firmware/protocol/frame_codec.h"

namespace drishti::io {
namespace {

// The longest a frame of this message's type can be on the wire: its raw
// size is fixed per type, COBS adds at most one byte in 254.
std::size_t wireBytes(const protocol::Message& message) {
  std::array<std::uint8_t, protocol::kMaxRawFrame> raw;
  const std::size_t n = protocol::encodeRawFrame(message, raw);
  return protocol::cobsMaxEncodedSize(n) + 2;
}

double bytesPerSecond(double fps, int heartbeatHz, std::size_t sample, std::size_t status) {
  return fps * static_cast<double>(sample) + heartbeatHz * static_cast<double>(status);
}

bool isGadgetPort(const std::string& device) {
  return device.starts_with("/dev/ttyGS");
}

}  // namespace

std::optional<LinkBudget> linkBudget(const BoardConfig& config) {
  const TransportConfig& t = config.transport;
  if (t.kind != TransportKind::kSerial || isGadgetPort(t.serialDevice) || t.baud <= 0)
    return std::nullopt;
  LinkBudget b;
  b.fps = config.camera.fps;
  b.heartbeatHz = config.pipeline.heartbeatHz;
  b.sampleBytes = wireBytes(protocol::EyeSample{});
  b.statusBytes = wireBytes(protocol::Status{});
  b.bytesPerSecond = bytesPerSecond(b.fps, b.heartbeatHz, b.sampleBytes, b.statusBytes);
  b.baud = t.baud;
  const double lineBytes = static_cast<double>(t.baud) / kUartBitsPerByte;
  b.share = b.bytesPerSecond / lineBytes;
  const double spare = kSafeShare * lineBytes - b.heartbeatHz * static_cast<double>(b.statusBytes);
  b.maxSafeFps = spare > 0 ? static_cast<int>(std::floor(spare / b.sampleBytes)) : 0;
  for (int rate : standardBauds()) {
    if (b.bytesPerSecond <= kSafeShare * rate / kUartBitsPerByte) {
      b.safeBaud = rate;
      break;
    }
  }
  return b;
}

std::optional<std::string> linkBudgetWarning(const BoardConfig& config) {
  const std::optional<LinkBudget> b = linkBudget(config);
  if (!b || b->share <= kSafeShare)
    return std::nullopt;
  const std::string baud = b->safeBaud > 0 ? std::to_string(b->safeBaud) + " or more"
                                           : "more than any standard rate can give";
  char text[640];
  std::snprintf(
      text, sizeof text,
      "serial link too slow for the frame rate: %.4g fps x %zu bytes + %d status/s x %zu bytes = "
      "%.0f bytes/s, %.0f %% of %d baud (%d bytes/s at %d bits a byte); above %.0f %% the line "
      "drops samples when sends bunch up%s. Lower [camera] fps to %d or less, or raise "
      "[transport] baud to %s (both ends must agree; a USB gadget serial port, "
      "/dev/ttyGS0, has no baud limit). Running anyway",
      b->fps, b->sampleBytes, b->heartbeatHz, b->statusBytes, b->bytesPerSecond, b->share * 100,
      b->baud, b->baud / kUartBitsPerByte, kUartBitsPerByte, kSafeShare * 100,
      b->share >= 1 ? ", and at 100 % or more it drops them all the time" : "", b->maxSafeFps,
      baud.c_str());
  return std::string(text);
}

}  // namespace drishti::io
