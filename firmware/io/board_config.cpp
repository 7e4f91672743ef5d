#include "firmware/io/board_config.h"

namespace drishti::io {

std::string_view name(SourceKind kind) {
  switch (kind) {
    case SourceKind::kCamera:
      return "camera";
    case SourceKind::kVideo:
      return "video";
    case SourceKind::kImages:
      return "images";
    case SourceKind::kPattern:
      return "pattern";
  }
  return "unknown";
}

std::string_view name(TransportKind kind) {
  switch (kind) {
    case TransportKind::kUdp:
      return "udp";
    case TransportKind::kUnix:
      return "unix";
    case TransportKind::kSerial:
      return "serial";
    case TransportKind::kStdoutJson:
      return "stdout-json";
    case TransportKind::kStdoutWire:
      return "stdout-wire";
  }
  return "unknown";
}

}  // namespace drishti::io
