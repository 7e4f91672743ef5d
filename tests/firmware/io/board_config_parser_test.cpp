#include "firmware/io/board_config_parser.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/test_data.h"

namespace drishti::io {
namespace {

namespace fs = std::filesystem;

// Parses `text` as "board.ini" and returns the single error it must produce.
ConfigError onlyError(const std::string& text) {
  const ConfigResult r = parseBoardConfig(text, "board.ini");
  INFO(r.message());
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors.size() == 1);
  return r.errors.front();
}

TEST_CASE("an empty board file gives the built-in defaults") {
  const ConfigResult r = parseBoardConfig("# nothing here\n\n", "board.ini");
  REQUIRE(r.ok());
  CHECK(r.config->camera.source == SourceKind::kCamera);
  CHECK(r.config->camera.device == "/dev/video0");
  CHECK(r.config->transport.kind == TransportKind::kUdp);
  CHECK(r.config->transport.host == "127.0.0.1");
  CHECK(r.config->transport.port == 47800);
}

TEST_CASE("a full board file is read into every field") {
  const std::string text = R"(# a board
[board]
name = test-board
[camera]
source = pattern     # generated
width = 1280
height = 720
fps = 60
pixel_format = YUYV
exposure = 8.5
colour = bgr
lost_after_ms = 250
driver_buffers = 3
[ir_led]
chip = /dev/gpiochip4
line = 17
active_low = true
[threads]
capture = fifo 50, cpus 2
tracking = rr 40, cpus 2-3
sender = other -5
lock_memory = yes
[transport]
kind = udp
host = 127.0.0.1
port = 50000
local_port = 50001
[pipeline]
ring_frames = 4
heartbeat_hz = 20
[health]
thermal_zone = none
[parameters]
long_blink_ms = 600
)";
  const ConfigResult r = parseBoardConfig(text, "board.ini");
  INFO(r.message());
  REQUIRE(r.ok());
  const BoardConfig& c = *r.config;
  CHECK(c.name == "test-board");
  CHECK(c.camera.source == SourceKind::kPattern);
  CHECK(c.camera.width == 1280);
  CHECK(c.camera.height == 720);
  CHECK(c.camera.fps == 60);
  CHECK(c.camera.pixelFormat == "YUYV");
  CHECK_FALSE(c.camera.autoExposure);
  CHECK(c.camera.exposureMs == 8.5);
  CHECK_FALSE(c.camera.grey);
  CHECK(c.camera.lostAfterMs == 250);
  CHECK(c.camera.driverBuffers == 3);
  CHECK(c.irLed.present);
  CHECK(c.irLed.chip == "/dev/gpiochip4");
  CHECK(c.irLed.line == 17);
  CHECK(c.irLed.activeLow);
  CHECK(c.threads.capture.policy == SchedPolicy::kFifo);
  CHECK(c.threads.capture.priority == 50);
  CHECK(c.threads.capture.cpus == std::vector<int>{2});
  CHECK(c.threads.tracking.policy == SchedPolicy::kRoundRobin);
  CHECK(c.threads.tracking.cpus == std::vector<int>{2, 3});
  CHECK(c.threads.sender.policy == SchedPolicy::kOther);
  CHECK(c.threads.sender.priority == -5);
  CHECK(c.threads.lockMemory);
  CHECK(c.transport.port == 50000);
  CHECK(c.transport.localPort == 50001);
  CHECK(c.pipeline.ringFrames == 4);
  CHECK(c.pipeline.heartbeatHz == 20);
  CHECK(c.thermalZone == "none");
  REQUIRE(c.parameters.size() == 1);
  CHECK(c.parameters[0].name == "long_blink_ms");
  CHECK(c.parameters[0].value == 600);
  CHECK(c.parameters[0].line == 34);
}

TEST_CASE("each kind of board file error names the file, the line and the problem") {
  struct Case {
    const char* what;
    std::string text;
    int line;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"not key = value", "[camera]\nwidth 640\n", 2, "expected 'key = value'"},
      {"unclosed section", "[camera\n", 1, "no closing ']'"},
      {"unknown section", "[camra]\nwidth = 640\n", 1, "unknown section [camra]"},
      {"unknown key", "[camera]\nwidht = 640\n", 2, "has no key 'widht'"},
      {"key outside a section", "width = 640\n", 1, "outside any [section]"},
      {"duplicate key", "[camera]\nfps = 30\nfps = 60\n", 3, "set twice (first at line 2)"},
      {"duplicate section", "[camera]\n[transport]\n[camera]\n", 3, "appears twice"},
      {"empty value", "[camera]\nfps =\n", 2, "no value"},
      {"missing key", "[camera]\n= 5\n", 2, "key is missing"},
      {"not a whole number", "[camera]\nwidth = 640.5\n", 2, "not a whole number"},
      {"not a number", "[camera]\nfps = fast\n", 2, "'fast' is not a number"},
      {"out of range", "[camera]\nfps = 1000\n", 2, "out of range (1 to 240)"},
      {"not one of the choices", "[camera]\nsource = webcam\n", 2,
       "not one of: camera, video, images, pattern"},
      {"not a boolean", "[camera]\nloop = maybe\n", 2, "not true or false"},
      {"bad pixel format", "[camera]\npixel_format = MJPEG\n", 2, "four-letter"},
      {"bad thread policy", "[threads]\ncapture = fast 50\n", 2, "unknown policy 'fast'"},
      {"real-time priority out of range", "[threads]\ncapture = fifo 120\n", 2, "1..99"},
      {"bad cpu list", "[threads]\ncapture = fifo 50, cpus two\n", 2, "not a CPU number"},
      {"video without a path", "[camera]\nsource = video\n", 2, "needs path"},
      {"video that does not exist", "[camera]\nsource = video\npath = /no/such/clip.mp4\n", 3,
       "does not exist"},
      {"remote host without allow_remote", "[transport]\nhost = 192.168.1.20\n", 2,
       "not this machine"},
      {"host name instead of an address", "[transport]\nhost = tablet.local\n", 2,
       "not a numeric IP address"},
      {"odd baud rate", "[transport]\nkind = serial\nbaud = 12345\n", 3, "not a standard rate"},
      {"half an IR LED", "[ir_led]\nchip = /dev/gpiochip0\n", 1, "needs both chip"},
      {"parameter that is not a number", "[parameters]\nlong_blink_ms = long\n", 2, "not a number"},
      {"binary garbage", std::string("[camera]\nfps = 3\0\x01\x02", 19) + "\n", 2, "NUL byte"},
      {"bad thermal zone", "[health]\nthermal_zone = cpu\n", 2, "not auto, none"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const ConfigError e = onlyError(c.text);
    CHECK(e.file == "board.ini");
    CHECK(e.line == c.line);
    CHECK_THAT(e.text(), Catch::Contains(c.says));
    CHECK_THAT(e.text(), Catch::StartsWith("board.ini:" + std::to_string(c.line) + ": "));
  }
}

TEST_CASE("every problem in a board file is reported, not just the first") {
  const ConfigResult r = parseBoardConfig(
      "[camera]\nfps = fast\nwidth = 10\n[nope]\n[transport]\nport = 0\n", "b.ini");
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors.size() == 4);
  CHECK_THAT(r.message(), Catch::Contains("b.ini:2:") && Catch::Contains("b.ini:3:") &&
                              Catch::Contains("b.ini:4:") && Catch::Contains("b.ini:6:"));
}

TEST_CASE("a remote UDP host is accepted when allowed explicitly") {
  const ConfigResult r =
      parseBoardConfig("[transport]\nhost = 192.168.1.20\nallow_remote = true\n", "b.ini");
  REQUIRE(r.ok());
  CHECK(r.config->transport.host == "192.168.1.20");
}

TEST_CASE("relative paths in a board file are taken from the file's folder") {
  const fs::path dir = test::scratchDir("config-paths");
  std::ofstream(dir / "clip.mp4") << "x";
  const ConfigResult r =
      parseBoardConfig("[camera]\nsource = video\npath = clip.mp4\n", (dir / "board.ini").string());
  INFO(r.message());
  REQUIRE(r.ok());
  CHECK(r.config->camera.path == (dir / "clip.mp4").string());
}

TEST_CASE("a board file that cannot be read says why") {
  const ConfigResult r = loadBoardConfig("/no/such/board.ini");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.message(), Catch::StartsWith("/no/such/board.ini: cannot read"));
}

TEST_CASE("thread specs are read with their CPU lists") {
  ThreadSpec spec;
  std::string error;
  REQUIRE(parseThreadSpec("fifo 50, cpus 0,2-3", spec, error));
  CHECK(spec.cpus == std::vector<int>{0, 2, 3});
  REQUIRE(parseThreadSpec("other", spec, error));
  CHECK(spec.policy == SchedPolicy::kOther);
  CHECK(spec.priority == 0);
  CHECK(spec.cpus.empty());
  REQUIRE(parseThreadSpec("rr 1, cpus any", spec, error));
  CHECK(spec.cpus.empty());
  CHECK_FALSE(parseThreadSpec("fifo", spec, error));
  CHECK_FALSE(parseThreadSpec("other 30", spec, error));
  CHECK_FALSE(parseThreadSpec("fifo 50, cpu 2", spec, error));
  CHECK_FALSE(parseThreadSpec("fifo 50, cpus 3-1", spec, error));
}

TEST_CASE("the board files in boards/ are all valid") {
  const char* source = std::getenv("DRISHTI_SOURCE_DIR");
  REQUIRE(source != nullptr);
  int boards = 0, files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(source) / "boards")) {
    if (entry.path().extension() != ".ini")
      continue;
    ++files;
    boards += entry.path().filename() == "board.ini";
    const ConfigResult r = loadBoardConfig(entry.path().string());
    INFO(r.message());
    CHECK(r.ok());
  }
  CHECK(boards >= 3);
  CHECK(files > boards);
}

}  // namespace
}  // namespace drishti::io
