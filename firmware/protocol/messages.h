// The messages that cross the wire between drishti-tracker and the drishti host.
//
// Plain value types, C++ standard library only. Every message carries a
// sequence number (per sender, +1 per message of any type, so a gap means loss)
// and the sender's monotonic send time; samples and events also carry the
// capture time of the frame they were measured on. All times are microseconds
// on the tracker's monotonic clock (CLOCK_MONOTONIC), which the host only
// compares with other tracker times, never with its own clock.
//
// Image conventions: "left" and "right" are the eyes on the left and right of
// the image (the person's right and left eye when the camera faces them);
// pixel coordinates are in the full-resolution camera image, origin top-left.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

namespace drishti::protocol {

enum class TrackingState : std::uint8_t {
  kSearching = 0,  // no face yet, or looking for it again after loss
  kTracking = 1,   // face and eyes tracked in this frame
  kLost = 2,       // face was tracked recently and is not seen now
};

inline constexpr std::size_t kAppearanceCells = 15;  // 3 rows x 5 columns

struct EyeMeasurement {
  bool valid = false;
  float pupilX = 0;      // pupil / iris centre, image px
  float pupilY = 0;      // image px
  float normX = 0;       // along the corner axis: 0 at image-left corner, 1 at image-right corner
  float normY = 0;       // across it, in units of corner distance, positive downward
  float openness = 0;    // 0 closed .. 1 open (relative to this person's open baseline)
  float confidence = 0;  // 0..1
  // The eye's image between its corners as kAppearanceCells grey-level sums
  // normalised to sum 1 (3 rows x 5 columns, row-major, top row first,
  // image-left column first; core::EyeAppearance, Lu et al. 2014): a second,
  // image-based gaze cue. All zero: not measured.
  std::array<float, kAppearanceCells> appearance{};

  bool operator==(const EyeMeasurement&) const = default;
};

struct HeadPose {
  bool valid = false;
  float yawDeg =
      0;  // rotation about the camera's vertical axis, degrees, + = turned to image right
  float pitchDeg = 0;  // degrees, + = looking up
  float rollDeg = 0;   // degrees, + = clockwise in the image
  float xMm = 0;       // head position in camera coordinates, mm (x right, y down, z forward)
  float yMm = 0;
  float zMm = 0;
  float confidence = 0;  // 0..1

  bool operator==(const HeadPose&) const = default;
};

struct FaceBox {
  float x = 0;  // image px, top-left corner
  float y = 0;
  float width = 0;  // px
  float height = 0;
  float confidence = 0;  // 0..1

  bool operator==(const FaceBox&) const = default;
};

// One tracked camera frame.
struct EyeSample {
  std::uint32_t seq = 0;
  std::uint64_t captureUs = 0;    // frame capture time, tracker monotonic µs
  std::uint64_t sendUs = 0;       // time the message was sent, tracker monotonic µs
  std::uint16_t imageWidth = 0;   // px
  std::uint16_t imageHeight = 0;  // px
  TrackingState state = TrackingState::kSearching;
  std::array<EyeMeasurement, 2> eyes{};  // [0] image-left eye, [1] image-right eye
  HeadPose head;
  FaceBox face;

  bool operator==(const EyeSample&) const = default;
};

enum class BlinkKind : std::uint8_t {
  kSpontaneous = 0,  // both eyes, short (involuntary)
  kLong = 1,         // both eyes, held for the deliberate-blink duration
  kWinkLeft = 2,     // only the image-left eye closed
  kWinkRight = 3,    // only the image-right eye closed
  kDouble = 4,       // second of two deliberate blinks in quick succession
};

struct BlinkEvent {
  std::uint32_t seq = 0;
  std::uint64_t sendUs = 0;      // tracker monotonic µs
  std::uint64_t startUs = 0;     // capture time of the first closed frame, µs
  std::uint64_t endUs = 0;       // capture time of the first reopened frame, µs
  std::uint32_t durationMs = 0;  // endUs - startUs, rounded, ms
  BlinkKind kind = BlinkKind::kSpontaneous;
  float confidence = 0;  // 0..1

  bool operator==(const BlinkEvent&) const = default;
};

enum class CameraState : std::uint8_t {
  kStarting = 0,  // opening the device
  kOk = 1,        // frames arriving
  kLost = 2,      // no frames within the timeout; retrying
  kAbsent = 3,    // no device configured or found
};

enum class TrackerMode : std::uint8_t {
  kNormal = 0,
  kCalibration = 1,  // host is calibrating: full-rate samples, no blink suppression
};

inline constexpr std::size_t kVersionTextSize = 16;

// Tracker health, sent about 10 times per second.
struct Status {
  std::uint32_t seq = 0;
  std::uint64_t sendUs = 0;          // tracker monotonic µs
  std::uint32_t uptimeMs = 0;        // since the tracker started, ms
  float fpsIn = 0;                   // frames per second from the camera, last second
  float fpsOut = 0;                  // samples per second sent, last second
  std::uint32_t processP50Us = 0;    // per-frame processing time, median over the last second, µs
  std::uint32_t processP99Us = 0;    // 99th percentile, µs
  std::uint64_t framesIn = 0;        // total since start
  std::uint64_t framesDropped = 0;   // total dropped because tracking fell behind
  std::uint64_t framesCorrupt = 0;   // total rejected as short or corrupt
  std::uint64_t deadlineMisses = 0;  // frames whose processing exceeded the frame period
  CameraState camera = CameraState::kStarting;
  TrackerMode mode = TrackerMode::kNormal;
  bool temperatureValid = false;
  float temperatureC = 0;                        // board temperature, °C, when temperatureValid
  std::array<char, kVersionTextSize> version{};  // NUL-padded ASCII, e.g. "0.1.0"

  bool operator==(const Status&) const = default;
};

enum class CommandKind : std::uint8_t {
  kEnterCalibration = 0,
  kLeaveCalibration = 1,
  kSetParameter = 2,  // name = value
  kRequestStatus = 3,
};

inline constexpr std::size_t kParameterNameSize = 32;

// Host to tracker.
struct Command {
  std::uint32_t seq = 0;
  std::uint64_t sendUs = 0;  // host monotonic µs (not comparable with tracker time)
  CommandKind kind = CommandKind::kRequestStatus;
  std::array<char, kParameterNameSize> name{};  // kSetParameter: NUL-padded ASCII key
  double value = 0;                             // kSetParameter: value in the key's unit

  bool operator==(const Command&) const = default;
};

enum class AckResult : std::uint8_t {
  kOk = 0,
  kUnknownParameter = 1,
  kOutOfRange = 2,
  kRejected = 3,
};

inline constexpr std::size_t kAckTextSize = 64;

// Tracker to host: the answer to one Command.
struct CommandAck {
  std::uint32_t seq = 0;
  std::uint64_t sendUs = 0;      // tracker monotonic µs
  std::uint32_t commandSeq = 0;  // seq of the Command answered
  AckResult result = AckResult::kOk;
  std::array<char, kAckTextSize> text{};  // NUL-padded ASCII explanation

  bool operator==(const CommandAck&) const = default;
};

using Message = std::variant<EyeSample, BlinkEvent, Status, Command, CommandAck>;

// The wire type code of each message; stable across protocol versions.
enum class MessageType : std::uint8_t {
  kEyeSample = 1,
  kBlinkEvent = 2,
  kStatus = 3,
  kCommand = 4,
  kCommandAck = 5,
};

MessageType typeOf(const Message& message);
std::string_view name(MessageType type);
std::string_view name(BlinkKind kind);
std::string_view name(TrackingState state);
std::string_view name(CameraState state);

// Copies text into a fixed NUL-padded field, truncating; returns false if truncated.
template <std::size_t N>
bool setText(std::array<char, N>& field, std::string_view text) {
  field.fill('\0');
  const std::size_t n = text.size() < N ? text.size() : N - 1;
  for (std::size_t i = 0; i < n; ++i)
    field[i] = text[i];
  return n == text.size();
}

// The text of a fixed NUL-padded field, up to the first NUL.
template <std::size_t N>
std::string_view textOf(const std::array<char, N>& field) {
  std::size_t n = 0;
  while (n < N && field[n] != '\0')
    ++n;
  return {field.data(), n};
}

}  // namespace drishti::protocol
