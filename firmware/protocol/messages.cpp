#include "messages.h"

namespace drishti::protocol {

MessageType typeOf(const Message& message) {
  struct Visitor {
    MessageType operator()(const EyeSample&) const { return MessageType::kEyeSample; }
    MessageType operator()(const BlinkEvent&) const { return MessageType::kBlinkEvent; }
    MessageType operator()(const Status&) const { return MessageType::kStatus; }
    MessageType operator()(const Command&) const { return MessageType::kCommand; }
    MessageType operator()(const CommandAck&) const { return MessageType::kCommandAck; }
  };
  return std::visit(Visitor{}, message);
}

std::string_view name(MessageType type) {
  switch (type) {
    case MessageType::kEyeSample:
      return "eye_sample";
    case MessageType::kBlinkEvent:
      return "blink";
    case MessageType::kStatus:
      return "status";
    case MessageType::kCommand:
      return "command";
    case MessageType::kCommandAck:
      return "command_ack";
  }
  return "unknown";
}

std::string_view name(BlinkKind kind) {
  switch (kind) {
    case BlinkKind::kSpontaneous:
      return "spontaneous";
    case BlinkKind::kLong:
      return "long";
    case BlinkKind::kWinkLeft:
      return "wink_left";
    case BlinkKind::kWinkRight:
      return "wink_right";
    case BlinkKind::kDouble:
      return "double";
  }
  return "unknown";
}

std::string_view name(TrackingState state) {
  switch (state) {
    case TrackingState::kSearching:
      return "searching";
    case TrackingState::kTracking:
      return "tracking";
    case TrackingState::kLost:
      return "lost";
  }
  return "unknown";
}

std::string_view name(CameraState state) {
  switch (state) {
    case CameraState::kStarting:
      return "starting";
    case CameraState::kOk:
      return "ok";
    case CameraState::kLost:
      return "camera lost";
    case CameraState::kAbsent:
      return "no camera";
  }
  return "unknown";
}

}  // namespace drishti::protocol
