#include "firmware/io/board_config_parser.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "firmware/io/serial_transport.h"
#include "firmware/io/udp_transport.h"

namespace drishti::io {
namespace {

namespace fs = std::filesystem;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos)
    return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// A value ends at " #" or " ;" (a comment after it); a '#' inside a word stays.
std::string_view stripComment(std::string_view value) {
  for (std::size_t i = 1; i < value.size(); ++i) {
    if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t'))
      return trim(value.substr(0, i));
  }
  return value;
}

bool parseInt(std::string_view s, long long& out) {
  if (!s.empty() && s.front() == '+')
    s.remove_prefix(1);
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

bool parseDouble(std::string_view s, double& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty() && std::isfinite(out);
}

// Parses and checks one file; the key handlers below report into it.
class Parser {
 public:
  Parser(const std::string& file, const std::string& baseDir) : file_(file) {
    if (!baseDir.empty())
      dir_ = fs::absolute(fs::path(baseDir));
    else if (!file.empty())
      dir_ = fs::absolute(fs::path(file)).parent_path();
    else
      dir_ = fs::current_path();
  }

  ConfigResult run(std::string_view text);

 private:
  using Handler = std::function<void(std::string_view value)>;

  void error(int line, std::string problem) {
    errors_.push_back({file_, line, std::move(problem)});
  }
  // "[section] key: " prefix for value errors.
  std::string where() const { return "[" + section_ + "] " + key_ + ": "; }
  void bad(std::string problem) { error(line_, where() + problem); }

  void integer(std::string_view v, long long lo, long long hi, auto& field) {
    long long n = 0;
    if (!parseInt(v, n))
      return bad("'" + std::string(v) + "' is not a whole number");
    if (n < lo || n > hi)
      return bad(std::string(v) + " is out of range (" + std::to_string(lo) + " to " +
                 std::to_string(hi) + ")");
    field = static_cast<std::remove_reference_t<decltype(field)>>(n);
  }
  void real(std::string_view v, double lo, double hi, double& field) {
    double d = 0;
    if (!parseDouble(v, d))
      return bad("'" + std::string(v) + "' is not a number");
    if (d < lo || d > hi) {
      std::ostringstream os;
      os << v << " is out of range (" << lo << " to " << hi << ")";
      return bad(os.str());
    }
    field = d;
  }
  void boolean(std::string_view v, bool& field) {
    if (v == "true" || v == "yes" || v == "on")
      field = true;
    else if (v == "false" || v == "no" || v == "off")
      field = false;
    else
      bad("'" + std::string(v) + "' is not true or false");
  }
  template <class E>
  void choice(std::string_view v, const std::vector<std::pair<const char*, E>>& options, E& field) {
    std::string list;
    for (const auto& [word, value] : options) {
      if (v == word) {
        field = value;
        return;
      }
      list += list.empty() ? word : std::string(", ") + word;
    }
    bad("'" + std::string(v) + "' is not one of: " + list);
  }
  std::string path(std::string_view v) const {
    fs::path p{std::string(v)};
    return (p.is_absolute() ? p : dir_ / p).lexically_normal().string();
  }

  void defineKeys();

  std::string file_;
  fs::path dir_;
  std::vector<ConfigError> errors_;
  BoardConfig config_;
  std::map<std::string, std::map<std::string, Handler>> keys_;
  std::map<std::string, int> sectionLine_;                  // section -> header line
  std::map<std::string, std::map<std::string, int>> seen_;  // section -> key -> line
  std::string section_;
  std::string key_;
  int line_ = 0;
};

void Parser::defineKeys() {
  BoardConfig& c = config_;
  keys_["board"] = {
      {"name", [&](auto v) { c.name = v; }},
      {"description", [](auto) {}},
  };
  auto& cam = c.camera;
  keys_["camera"] = {
      {"source",
       [&](auto v) {
         choice<SourceKind>(v,
                            {{"camera", SourceKind::kCamera},
                             {"video", SourceKind::kVideo},
                             {"images", SourceKind::kImages},
                             {"pattern", SourceKind::kPattern}},
                            cam.source);
       }},
      {"device", [&](auto v) { cam.device = v; }},
      {"path", [&](auto v) { cam.path = path(v); }},
      {"width", [&](auto v) { integer(v, 160, 4096, cam.width); }},
      {"height", [&](auto v) { integer(v, 120, 4096, cam.height); }},
      {"fps", [&](auto v) { real(v, 1, 240, cam.fps); }},
      {"pixel_format",
       [&](auto v) {
         if (v == "any")
           cam.pixelFormat.clear();
         else if (v.size() == 4)
           cam.pixelFormat = v;
         else
           bad("'" + std::string(v) +
               "' is not a four-letter V4L2 format (MJPG, YUYV, GREY) or any");
       }},
      {"exposure",
       [&](auto v) {
         if (v == "auto") {
           cam.autoExposure = true;
         } else {
           cam.autoExposure = false;
           real(v, 0.01, 1000, cam.exposureMs);
         }
       }},
      {"colour",
       [&](auto v) {
         bool grey = true;
         choice<bool>(v, {{"grey", true}, {"bgr", false}}, grey);
         cam.grey = grey;
       }},
      {"paced", [&](auto v) { boolean(v, cam.paced); }},
      {"loop", [&](auto v) { boolean(v, cam.loop); }},
      {"lost_after_ms", [&](auto v) { integer(v, 50, 10'000, cam.lostAfterMs); }},
      {"driver_buffers", [&](auto v) { integer(v, 1, 8, cam.driverBuffers); }},
  };
  keys_["ir_led"] = {
      {"chip", [&](auto v) { c.irLed.chip = v; }},
      {"line", [&](auto v) { integer(v, 0, 1023, c.irLed.line); }},
      {"active_low", [&](auto v) { boolean(v, c.irLed.activeLow); }},
  };
  auto thread = [&](ThreadSpec& spec) {
    return [&](std::string_view v) {
      std::string why;
      if (!parseThreadSpec(v, spec, why))
        bad(why);
    };
  };
  keys_["threads"] = {
      {"capture", thread(c.threads.capture)},
      {"tracking", thread(c.threads.tracking)},
      {"sender", thread(c.threads.sender)},
      {"lock_memory", [&](auto v) { boolean(v, c.threads.lockMemory); }},
  };
  auto& t = c.transport;
  keys_["transport"] = {
      {"kind",
       [&](auto v) {
         choice<TransportKind>(v,
                               {{"udp", TransportKind::kUdp},
                                {"unix", TransportKind::kUnix},
                                {"serial", TransportKind::kSerial},
                                {"stdout-json", TransportKind::kStdoutJson},
                                {"stdout-wire", TransportKind::kStdoutWire}},
                               t.kind);
       }},
      {"host", [&](auto v) { t.host = v; }},
      {"port", [&](auto v) { integer(v, 1, 65535, t.port); }},
      {"local_port", [&](auto v) { integer(v, 0, 65535, t.localPort); }},
      {"allow_remote", [&](auto v) { boolean(v, t.allowRemote); }},
      {"path", [&](auto v) { t.socketPath = path(v); }},
      {"device", [&](auto v) { t.serialDevice = v; }},
      {"baud",
       [&](auto v) {
         integer(v, 1, 4'000'000, t.baud);
         if (!isSupportedBaud(t.baud))
           bad(std::string(v) +
               " is not a standard rate (9600, 19200, ..., 115200, 230400, "
               "460800, 921600, 1000000, ..., 4000000)");
       }},
  };
  keys_["pipeline"] = {
      {"ring_frames", [&](auto v) { integer(v, 1, 16, c.pipeline.ringFrames); }},
      {"heartbeat_hz", [&](auto v) { integer(v, 1, 100, c.pipeline.heartbeatHz); }},
  };
  keys_["health"] = {
      {"thermal_zone", [&](auto v) { c.thermalZone = v; }},
  };
  keys_["parameters"] = {};  // any name: the processor checks them
}

ConfigResult Parser::run(std::string_view text) {
  config_.file = file_;
  defineKeys();
  std::set<std::string> sectionsDone;
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find('\n', pos);
    const std::string_view raw =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    line_ = ++number;
    if (raw.size() > 4096) {
      error(number, "line is longer than 4096 characters (is this a board file?)");
      continue;
    }
    if (raw.find('\0') != std::string_view::npos) {
      error(number, "line holds a NUL byte (is this a board file?)");
      continue;
    }
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';')
      continue;
    if (line.front() == '[') {
      if (line.back() != ']') {
        error(number, "section header '" + std::string(line) + "' has no closing ']'");
        section_.clear();
        continue;
      }
      section_ = std::string(trim(line.substr(1, line.size() - 2)));
      if (!keys_.count(section_)) {
        std::string known;
        for (const auto& [s, k] : keys_)
          known += (known.empty() ? "" : ", ") + s;
        error(number, "unknown section [" + section_ + "] (sections: " + known + ")");
        section_ = "?";
      } else if (!sectionsDone.insert(section_).second) {
        error(number, "section [" + section_ + "] appears twice (first at line " +
                          std::to_string(sectionLine_[section_]) + ")");
        section_ = "?";
      } else {
        sectionLine_[section_] = number;
      }
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      error(number, "expected 'key = value' or '[section]', found '" + std::string(line) + "'");
      continue;
    }
    key_ = std::string(trim(line.substr(0, eq)));
    const std::string_view value = stripComment(trim(line.substr(eq + 1)));
    if (section_.empty()) {
      error(number, "'" + key_ + "' is outside any [section]");
      continue;
    }
    if (section_ == "?")
      continue;  // already reported the section
    if (key_.empty()) {
      error(number, "a key is missing before '='");
      continue;
    }
    auto& seenKeys = seen_[section_];
    if (const auto it = seenKeys.find(key_); it != seenKeys.end()) {
      error(number, "[" + section_ + "] " + key_ + " is set twice (first at line " +
                        std::to_string(it->second) + ")");
      continue;
    }
    seenKeys[key_] = number;
    if (value.empty()) {
      bad("no value after '='");
      continue;
    }
    if (section_ == "parameters") {
      double v = 0;
      if (!parseDouble(value, v))
        bad("'" + std::string(value) + "' is not a number");
      else
        config_.parameters.push_back({key_, v, number});
      continue;
    }
    const auto& handlers = keys_[section_];
    const auto handler = handlers.find(key_);
    if (handler == handlers.end()) {
      std::string known;
      for (const auto& [k, h] : handlers)
        known += (known.empty() ? "" : ", ") + k;
      error(number, "[" + section_ + "] has no key '" + key_ + "' (keys: " + known + ")");
      continue;
    }
    handler->second(value);
  }
  if (errors_.empty()) {
    auto lineOf = [&](const char* section, const char* key) {
      if (key != nullptr) {
        const auto sec = seen_.find(section);
        if (sec != seen_.end()) {
          const auto k = sec->second.find(key);
          if (k != sec->second.end())
            return k->second;
        }
      }
      const auto it = sectionLine_.find(section);
      return it == sectionLine_.end() ? 0 : it->second;
    };
    errors_ = checkBoardConfig(config_, lineOf, sectionLine_.count("ir_led") > 0);
  }
  ConfigResult result;
  result.errors = std::move(errors_);
  if (result.errors.empty())
    result.config = std::move(config_);
  return result;
}

}  // namespace

std::vector<ConfigError> checkBoardConfig(BoardConfig& config, const LineOf& lineOf,
                                          bool irLedSection) {
  std::vector<ConfigError> errors;
  auto error = [&](int line, std::string problem) {
    errors.push_back({config.file, line, std::move(problem)});
  };
  auto at = [&](const char* section) { return lineOf ? lineOf(section, nullptr) : 0; };
  auto line = [&](const char* section, const char* key) {
    return lineOf ? lineOf(section, key) : 0;
  };
  const CameraConfig& cam = config.camera;
  if ((cam.source == SourceKind::kVideo || cam.source == SourceKind::kImages) && cam.path.empty()) {
    error(line("camera", "source"),
          std::string("[camera] source = ") + std::string(name(cam.source)) + " needs path = <" +
              (cam.source == SourceKind::kVideo ? "video file" : "folder") + ">");
  } else if (cam.source == SourceKind::kVideo || cam.source == SourceKind::kImages) {
    std::error_code ec;
    const bool isDir = fs::is_directory(cam.path, ec);
    if (!fs::exists(cam.path, ec))
      error(line("camera", "path"), "[camera] path: " + cam.path + " does not exist");
    else if (cam.source == SourceKind::kImages && !isDir)
      error(line("camera", "path"), "[camera] path: " + cam.path + " is not a folder");
    else if (cam.source == SourceKind::kVideo && isDir)
      error(line("camera", "path"), "[camera] path: " + cam.path + " is a folder, not a video");
  }
  if (cam.source == SourceKind::kCamera && cam.device.empty())
    error(line("camera", "device"), "[camera] device: empty (use /dev/video0 or an index)");

  const IrLedConfig& led = config.irLed;
  if (irLedSection) {
    if (led.chip.empty() || led.line < 0)
      error(at("ir_led"), "[ir_led] needs both chip = /dev/gpiochipN and line = <offset>");
    else
      config.irLed.present = true;
  }

  const TransportConfig& t = config.transport;
  if (t.kind == TransportKind::kUdp) {
    in6_addr a6{};
    in_addr a4{};
    const bool numeric = t.host == "localhost" || ::inet_pton(AF_INET, t.host.c_str(), &a4) == 1 ||
                         ::inet_pton(AF_INET6, t.host.c_str(), &a6) == 1;
    if (!numeric)
      error(line("transport", "host"),
            "[transport] host: '" + t.host + "' is not a numeric IP address (or localhost)");
    else if (!isLoopbackHost(t.host) && !t.allowRemote)
      error(line("transport", "host"),
            "[transport] host: " + t.host +
                " is not this machine; eye data would leave it unencrypted. Add "
                "allow_remote = true to [transport] to permit it");
  }
  if (t.kind == TransportKind::kSerial && t.serialDevice.empty())
    error(line("transport", "device"), "[transport] kind = serial needs device = /dev/tty...");

  const std::string& zone = config.thermalZone;
  if (zone != "auto" && zone != "none" && zone.rfind("/sys/", 0) != 0)
    error(line("health", "thermal_zone"),
          "[health] thermal_zone: '" + zone + "' is not auto, none or a /sys/class/thermal path");
  return errors;
}

std::string ConfigError::text() const {
  return (file.empty() ? std::string("<board config>") : file) +
         (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + problem;
}

std::string ConfigResult::message() const {
  std::string out;
  for (const ConfigError& e : errors)
    out += (out.empty() ? "" : "\n") + e.text();
  return out;
}

ConfigResult parseBoardConfig(std::string_view text, const std::string& file,
                              const std::string& baseDir) {
  return Parser(file, baseDir).run(text);
}

ConfigResult loadBoardConfig(const std::string& path, std::string* textOut) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigResult r;
    r.errors.push_back(
        {path, 0, std::string("cannot read the board file: ") + std::strerror(errno)});
    return r;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > 1'000'000) {
    ConfigResult r;
    r.errors.push_back({path, 0, "over 1 MB: not a board file"});
    return r;
  }
  if (textOut != nullptr)
    *textOut = text.str();
  return parseBoardConfig(text.str(), path);
}

}  // namespace drishti::io
