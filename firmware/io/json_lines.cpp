#include "firmware/io/json_lines.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>

namespace drishti::io {
namespace {

// Appends printf output to a fixed buffer; remembers overflow.
class JsonOut {
 public:
  explicit JsonOut(std::span<char> out) : out_(out) {}

  void add(const char* format, ...) __attribute__((format(printf, 2, 3))) {
    if (full_)
      return;
    va_list args;
    va_start(args, format);
    const int n = std::vsnprintf(out_.data() + size_, out_.size() - size_, format, args);
    va_end(args);
    if (n < 0 || static_cast<std::size_t>(n) >= out_.size() - size_)
      full_ = true;
    else
      size_ += static_cast<std::size_t>(n);
  }
  // A float as a JSON number (JSON has no NaN/inf; the protocol forbids them anyway).
  void number(const char* key, float v) {
    add("\"%s\":", key);
    value(v);
  }
  void value(float v) {
    if (std::isfinite(v))
      add("%.6g", static_cast<double>(v));
    else
      add("null");
  }
  void text(const char* key, std::string_view s) {
    add("\"%s\":\"", key);
    for (char c : s) {
      if (c == '"' || c == '\\')
        add("\\%c", c);
      else if (static_cast<unsigned char>(c) < 0x20)
        add("\\u%04x", c);
      else
        add("%c", c);
    }
    add("\"");
  }
  std::size_t finish() {
    add("}\n");
    return full_ ? 0 : size_;
  }

 private:
  std::span<char> out_;
  std::size_t size_ = 0;
  bool full_ = false;
};

void eye(JsonOut& j, const protocol::EyeMeasurement& e) {
  j.add("{\"valid\":%s,", e.valid ? "true" : "false");
  j.number("pupil_x", e.pupilX);
  j.add(",");
  j.number("pupil_y", e.pupilY);
  j.add(",");
  j.number("norm_x", e.normX);
  j.add(",");
  j.number("norm_y", e.normY);
  j.add(",");
  j.number("openness", e.openness);
  j.add(",");
  j.number("confidence", e.confidence);
  // The appearance cells: 15 numbers, or [] when the eye was not measured
  // (all zero, as the protocol marks it).
  j.add(",\"appearance\":[");
  const bool measured =
      std::any_of(e.appearance.begin(), e.appearance.end(), [](float v) { return v != 0.0f; });
  if (measured) {
    for (std::size_t i = 0; i < e.appearance.size(); ++i) {
      if (i > 0)
        j.add(",");
      j.value(e.appearance[i]);
    }
  }
  j.add("]}");
}

void write(JsonOut& j, const protocol::EyeSample& m) {
  j.add("\"seq\":%" PRIu32 ",\"capture_us\":%" PRIu64 ",\"send_us\":%" PRIu64
        ",\"width\":%u,\"height\":%u,",
        m.seq, m.captureUs, m.sendUs, m.imageWidth, m.imageHeight);
  j.text("state", protocol::name(m.state));
  j.add(",\"eyes\":[");
  eye(j, m.eyes[0]);
  j.add(",");
  eye(j, m.eyes[1]);
  j.add("],\"head\":{\"valid\":%s,", m.head.valid ? "true" : "false");
  j.number("yaw_deg", m.head.yawDeg);
  j.add(",");
  j.number("pitch_deg", m.head.pitchDeg);
  j.add(",");
  j.number("roll_deg", m.head.rollDeg);
  j.add(",");
  j.number("x_mm", m.head.xMm);
  j.add(",");
  j.number("y_mm", m.head.yMm);
  j.add(",");
  j.number("z_mm", m.head.zMm);
  j.add(",");
  j.number("confidence", m.head.confidence);
  j.add("},\"face\":{");
  j.number("x", m.face.x);
  j.add(",");
  j.number("y", m.face.y);
  j.add(",");
  j.number("width", m.face.width);
  j.add(",");
  j.number("height", m.face.height);
  j.add(",");
  j.number("confidence", m.face.confidence);
  j.add("}");
}

void write(JsonOut& j, const protocol::BlinkEvent& m) {
  j.add("\"seq\":%" PRIu32 ",\"send_us\":%" PRIu64 ",\"start_us\":%" PRIu64 ",\"end_us\":%" PRIu64
        ",\"duration_ms\":%" PRIu32 ",",
        m.seq, m.sendUs, m.startUs, m.endUs, m.durationMs);
  j.text("kind", protocol::name(m.kind));
  j.add(",");
  j.number("confidence", m.confidence);
}

void write(JsonOut& j, const protocol::Status& m) {
  j.add("\"seq\":%" PRIu32 ",\"send_us\":%" PRIu64 ",\"uptime_ms\":%" PRIu32 ",", m.seq, m.sendUs,
        m.uptimeMs);
  j.number("fps_in", m.fpsIn);
  j.add(",");
  j.number("fps_out", m.fpsOut);
  j.add(",\"process_p50_us\":%" PRIu32 ",\"process_p99_us\":%" PRIu32 ",\"frames_in\":%" PRIu64
        ",\"frames_dropped\":%" PRIu64 ",\"frames_corrupt\":%" PRIu64
        ",\"deadline_misses\":%" PRIu64 ",",
        m.processP50Us, m.processP99Us, m.framesIn, m.framesDropped, m.framesCorrupt,
        m.deadlineMisses);
  j.text("camera", protocol::name(m.camera));
  j.add(",");
  j.text("mode", m.mode == protocol::TrackerMode::kCalibration ? "calibration" : "normal");
  j.add(",");
  if (m.temperatureValid)
    j.number("temperature_c", m.temperatureC);
  else
    j.add("\"temperature_c\":null");
  j.add(",");
  j.text("version", protocol::textOf(m.version));
}

void write(JsonOut& j, const protocol::Command& m) {
  j.add("\"seq\":%" PRIu32 ",\"send_us\":%" PRIu64 ",\"kind\":%u,", m.seq, m.sendUs,
        static_cast<unsigned>(m.kind));
  j.text("name", protocol::textOf(m.name));
  j.add(",\"value\":%.17g", std::isfinite(m.value) ? m.value : 0.0);
}

void write(JsonOut& j, const protocol::CommandAck& m) {
  static constexpr const char* kResults[] = {"ok", "unknown_parameter", "out_of_range", "rejected"};
  const auto r = static_cast<std::size_t>(m.result);
  j.add("\"seq\":%" PRIu32 ",\"send_us\":%" PRIu64 ",\"command_seq\":%" PRIu32 ",", m.seq, m.sendUs,
        m.commandSeq);
  j.text("result", r < 4 ? kResults[r] : "unknown");
  j.add(",");
  j.text("text", protocol::textOf(m.text));
}

std::string_view nextWord(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  std::size_t n = 0;
  while (n < s.size() && s[n] != ' ' && s[n] != '\t' && s[n] != '\r' && s[n] != '\n')
    ++n;
  const std::string_view word = s.substr(0, n);
  s.remove_prefix(n);
  return word;
}

}  // namespace

std::size_t formatJsonLine(const protocol::Message& message, std::span<char> out) {
  JsonOut j(out);
  j.add("{");
  j.text("type", protocol::name(protocol::typeOf(message)));
  j.add(",");
  std::visit([&](const auto& m) { write(j, m); }, message);
  return j.finish();
}

bool parseTextCommand(std::string_view line, protocol::Command& command, const char*& error) {
  const std::string_view verb = nextWord(line);
  const std::string_view arg = nextWord(line);
  const std::string_view value = nextWord(line);
  const bool extra = !nextWord(line).empty();
  error = "commands: calibration on | calibration off | set <name> <value> | status";
  if (verb == "status" && arg.empty()) {
    command.kind = protocol::CommandKind::kRequestStatus;
    return true;
  }
  if (verb == "calibration" && (arg == "on" || arg == "off") && value.empty()) {
    command.kind = arg == "on" ? protocol::CommandKind::kEnterCalibration
                               : protocol::CommandKind::kLeaveCalibration;
    return true;
  }
  if (verb == "set" && !arg.empty() && !value.empty() && !extra) {
    if (arg.size() >= protocol::kParameterNameSize) {
      error = "parameter name too long";
      return false;
    }
    char number[64];
    if (value.size() >= sizeof number) {
      error = "value is not a number";
      return false;
    }
    value.copy(number, value.size());
    number[value.size()] = '\0';
    char* end = nullptr;
    const double v = std::strtod(number, &end);
    if (end != number + value.size() || !std::isfinite(v)) {
      error = "value is not a number";
      return false;
    }
    command.kind = protocol::CommandKind::kSetParameter;
    protocol::setText(command.name, arg);
    command.value = v;
    return true;
  }
  return false;
}

}  // namespace drishti::io
