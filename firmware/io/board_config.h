// BoardConfig: everything drishti-tracker needs to know about one board,
// from its board file (boards/<board>/board.ini): camera, IR LED, thread
// table, transport, pipeline sizes, health and processor parameters.
//
// Represents: plain values with working defaults (a laptop webcam at
// /dev/video0 sending UDP to 127.0.0.1). Units are in the field names or
// comments. Parsed and checked by parseBoardConfig() (board_config_parser.h);
// a BoardConfig that came out of the parser is consistent (e.g. a video source
// has a path, a non-loopback UDP host has allowRemote).
// Thread safety: a value type; copy it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "firmware/io/thread_table.h"

namespace drishti::io {

enum class SourceKind : std::uint8_t { kCamera, kVideo, kImages, kPattern };
enum class TransportKind : std::uint8_t { kUdp, kUnix, kSerial, kStdoutJson, kStdoutWire };

struct CameraConfig {
  SourceKind source = SourceKind::kCamera;
  std::string device = "/dev/video0";  // kCamera: a device path, or an index such as "0"
  std::string path;                    // kVideo: file; kImages: folder (absolute after parsing)
  int width = 640;                     // px requested (kPattern: generated)
  int height = 480;                    // px
  double fps = 30;                     // frames per second requested / replayed
  std::string pixelFormat = "MJPG";    // V4L2 FourCC to ask for; "" = the driver's choice
  bool autoExposure = true;
  double exposureMs = 0;  // when !autoExposure: exposure time, ms
  bool grey = true;       // hand the processor grey frames (CV_8UC1) instead of BGR
  bool paced = true;      // kVideo/kImages/kPattern: at `fps` (else as fast as possible)
  bool loop = false;      // kVideo/kImages: start again at the end (else the tracker stops)
  // kVideo/kImages, command line only (--frame-clock): a deterministic replay:
  // every frame processed (the source waits for tracking, nothing is dropped),
  // stamped kFrameClockOriginUs + index / fps instead of by the wall clock.
  bool frameClock = false;
  int lostAfterMs = 300;  // no frame for this long: camera state "camera lost"
  int driverBuffers = 2;  // V4L2 buffers; few, so a frame is not served stale
};

struct IrLedConfig {
  bool present = false;
  std::string chip;  // GPIO character device, e.g. /dev/gpiochip4 (Pi 5) or /dev/gpiochip0
  int line = -1;     // line offset on that chip
  bool activeLow = false;
};

struct TransportConfig {
  TransportKind kind = TransportKind::kUdp;
  std::string host = "127.0.0.1";  // kUdp
  std::uint16_t port = 47800;      // kUdp: the host's port
  std::uint16_t localPort = 0;     // kUdp: ours, 0 = any
  bool allowRemote = false;        // kUdp: permit a host that is not this machine
  std::string socketPath = "/run/drishti/tracker.sock";  // kUnix
  std::string serialDevice = "/dev/ttyGS0";              // kSerial
  int baud = 115200;                                     // kSerial
};

struct PipelineConfig {
  int ringFrames = 2;    // frames that may wait for tracking before the oldest is dropped
  int heartbeatHz = 10;  // Status messages per second
};

// A [parameters] entry, passed to FrameProcessor::setParameter at start-up.
struct ProcessorParameter {
  std::string name;
  double value = 0;
  int line = 0;  // in the board file, for messages
};

struct BoardConfig {
  std::string name = "default";
  std::string file;  // where it was read from ("" for the built-in defaults)
  CameraConfig camera;
  IrLedConfig irLed;
  ThreadTable threads;
  TransportConfig transport;
  PipelineConfig pipeline;
  std::string thermalZone = "auto";  // "auto", "none", or a /sys/class/thermal/... directory
  std::vector<ProcessorParameter> parameters;
};

std::string_view name(SourceKind kind);
std::string_view name(TransportKind kind);

}  // namespace drishti::io
