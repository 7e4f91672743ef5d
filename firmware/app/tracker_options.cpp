#include "firmware/app/tracker_options.h"

#include <charconv>
#include <cstring>
#include <filesystem>

namespace drishti::app {

const char* trackerUsage() {
  return R"(Usage: drishti-tracker [--config BOARD.ini] [OPTIONS]

The Drishti real-time loop: reads the camera, measures the eyes and sends eye
samples, blinks and a 10 Hz status to the drishti host app over the wire.
Stop it with Ctrl-C or SIGTERM; SIGHUP reloads the board file.

  --config FILE      board file (boards/<board>/board.ini); without it: a webcam
                     at /dev/video0, 640x480, UDP to 127.0.0.1:47800
  --processor NAME   core (the tracking core, default) or pattern (measures only the
                     generated test pattern: for tests and benchmarks)
  --state-dir DIR    where the last good board file is kept
                     (default: $STATE_DIRECTORY, else ~/.local/state/drishti)
  --no-state         do not keep a last good board file

Instead of the board file's [camera]:
  --camera DEV       a V4L2 camera (/dev/videoN or an index)
  --video FILE       replay a video file in real time
  --images DIR       replay the images of a folder
  --pattern          the generated test pattern (no hardware)
  --unpaced          replay as fast as possible instead of in real time
  --loop             start the video or folder again at its end
  --frame-clock      with --video or --images: a deterministic replay for
                     measurements: as fast as possible, but every frame is
                     tracked (none dropped: the source waits for tracking),
                     frame n is stamped 1 s + n / fps (the file's rate, or the
                     board file's for images) instead of by the clock, and the
                     status goes out every fps / 10 samples; the samples on the
                     wire are then the same run to run

Instead of the board file's [transport]:
  --transport KIND   udp, unix, serial, stdout-json or stdout-wire
  --host ADDR        UDP host (numeric; default 127.0.0.1)
  --port N           UDP port (default 47800)
  --allow-remote     permit a UDP host that is not this machine
  --socket PATH      Unix socket path (with --transport unix)
  --serial DEV       serial tty (with --transport serial)

  --duration SEC     stop after SEC seconds
  --stop-with-parent PID
                     stop when process PID, which started it, ends
                     (a script passes its own pid: $$)
  --quiet            only warnings and errors on stderr
  --version          print the version
  --help             show this text

The board file's [parameters] (core processor; the host may set them too):
  close_below, open_above, min_blink_ms, long_blink_ms, max_blink_ms,
  double_gap_ms, min_wink_ms, camera_fov_deg, and
  landmark_light_slope 0 or 1 [0]: the landmarks read the face with the
  light's left-right slope divided out (a lamp to one side then moves the
  eye corners less; docs/BENCHMARKS.md "Eye corners under a light gradient")

Exit status: 0 stopped or input ended, 1 failed while running, 2 bad
arguments or no usable board file.
)";
}

bool parseTrackerOptions(int argc, const char* const* argv, TrackerOptions& o, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        error = arg + " needs a value";
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (arg == "--version") {
      o.version = true;
    } else if (arg == "--config") {
      if (!value(o.configPath))
        return false;
    } else if (arg == "--processor") {
      if (!value(o.processor))
        return false;
      if (o.processor != "core" && o.processor != "pattern") {
        error = "--processor: '" + o.processor + "' is not core or pattern";
        return false;
      }
    } else if (arg == "--state-dir") {
      if (!value(o.stateDir))
        return false;
    } else if (arg == "--no-state") {
      o.noState = true;
    } else if (arg == "--camera" || arg == "--video" || arg == "--images") {
      if (!value(v))
        return false;
      (arg == "--camera" ? o.camera : arg == "--video" ? o.video : o.images) = v;
    } else if (arg == "--pattern") {
      o.pattern = true;
    } else if (arg == "--unpaced") {
      o.paced = false;
    } else if (arg == "--loop") {
      o.loop = true;
    } else if (arg == "--frame-clock") {
      o.frameClock = true;
    } else if (arg == "--transport") {
      if (!value(v))
        return false;
      if (v == "udp")
        o.transport = io::TransportKind::kUdp;
      else if (v == "unix")
        o.transport = io::TransportKind::kUnix;
      else if (v == "serial")
        o.transport = io::TransportKind::kSerial;
      else if (v == "stdout-json")
        o.transport = io::TransportKind::kStdoutJson;
      else if (v == "stdout-wire")
        o.transport = io::TransportKind::kStdoutWire;
      else {
        error = "--transport: '" + v + "' is not udp, unix, serial, stdout-json or stdout-wire";
        return false;
      }
    } else if (arg == "--host") {
      if (!value(v))
        return false;
      o.host = v;
    } else if (arg == "--port") {
      if (!value(v))
        return false;
      int port = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), port);
      if (ec != std::errc() || p != v.data() + v.size() || port < 1 || port > 65535) {
        error = "--port: '" + v + "' is not a port number (1-65535)";
        return false;
      }
      o.port = port;
    } else if (arg == "--allow-remote") {
      o.allowRemote = true;
    } else if (arg == "--socket") {
      if (!value(v))
        return false;
      o.socketPath = v;
    } else if (arg == "--serial") {
      if (!value(v))
        return false;
      o.serialDevice = v;
    } else if (arg == "--duration") {
      if (!value(v))
        return false;
      double d = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      if (ec != std::errc() || p != v.data() + v.size() || !(d > 0)) {
        error = "--duration: '" + v + "' is not a positive number of seconds";
        return false;
      }
      o.durationS = d;
    } else if (arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--stop-with-parent") {
      if (!value(v))
        return false;
      int pid = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), pid);
      if (ec != std::errc() || p != v.data() + v.size() || pid < 1) {
        error = "--stop-with-parent: '" + v + "' is not a process id";
        return false;
      }
      o.stopWithParent = pid;
    } else {
      error = "unknown argument '" + arg + "' (see --help)";
      return false;
    }
  }
  const int sources = o.video.has_value() + o.images.has_value() + o.camera.has_value() + o.pattern;
  if (sources > 1) {
    error = "choose one of --camera, --video, --images and --pattern";
    return false;
  }
  if (o.frameClock && !o.video && !o.images) {
    error = "--frame-clock replays a file: it needs --video or --images";
    return false;
  }
  return true;
}

std::vector<io::ConfigError> applyOverrides(const TrackerOptions& o, io::BoardConfig& c) {
  namespace fs = std::filesystem;
  auto absolute = [](const std::string& p) { return fs::absolute(p).lexically_normal().string(); };
  if (o.camera) {
    c.camera.source = io::SourceKind::kCamera;
    c.camera.device = *o.camera;
  } else if (o.video) {
    c.camera.source = io::SourceKind::kVideo;
    c.camera.path = absolute(*o.video);
  } else if (o.images) {
    c.camera.source = io::SourceKind::kImages;
    c.camera.path = absolute(*o.images);
  } else if (o.pattern) {
    c.camera.source = io::SourceKind::kPattern;
  }
  if (o.paced)
    c.camera.paced = *o.paced;
  if (o.loop)
    c.camera.loop = *o.loop;
  if (o.frameClock) {
    c.camera.frameClock = true;
    c.camera.paced = false;
  }
  if (o.transport)
    c.transport.kind = *o.transport;
  if (o.host)
    c.transport.host = *o.host;
  if (o.port)
    c.transport.port = static_cast<std::uint16_t>(*o.port);
  if (o.allowRemote)
    c.transport.allowRemote = true;
  if (o.socketPath)
    c.transport.socketPath = absolute(*o.socketPath);
  if (o.serialDevice)
    c.transport.serialDevice = *o.serialDevice;
  const std::string file = c.file;
  c.file = "command line";
  auto errors = io::checkBoardConfig(c);
  c.file = file;
  return errors;
}

}  // namespace drishti::app
