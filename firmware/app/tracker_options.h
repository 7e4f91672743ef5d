// TrackerOptions: drishti-tracker's command line.
//
// Represents: which board file to run, which processor, where to keep the
// last good config, and overrides of the board file for one run (a video
// instead of the camera, another transport, ...). Overrides are applied on top
// of every (re)load of the board file and checked like it.
// Thread safety: a value type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "firmware/io/board_config.h"
#include "firmware/io/board_config_parser.h"

namespace drishti::app {

struct TrackerOptions {
  std::string configPath;  // "" = built-in defaults (a webcam, UDP to 127.0.0.1)
  std::string processor;   // "core" or "pattern"; "" = core if built, else pattern
  std::string stateDir;    // for the last good config; "" = the default
  bool noState = false;    // do not keep a last good config
  double durationS = 0;    // stop after this long (0: run until stopped)
  bool quiet = false;
  int stopWithParent = 0;  // pid of the parent: stop when it ends (0: keep running)
  bool help = false;
  bool version = false;

  // Overrides of the board file.
  std::optional<std::string> video, images, camera;
  bool pattern = false;
  std::optional<bool> paced, loop;
  bool frameClock = false;  // --frame-clock
  std::optional<io::TransportKind> transport;
  std::optional<std::string> host, socketPath, serialDevice;
  std::optional<int> port;
  bool allowRemote = false;
};

// Parses argv; false with `error` set (naming the bad argument).
bool parseTrackerOptions(int argc, const char* const* argv, TrackerOptions& options,
                         std::string& error);

// Applies the overrides to `config` and checks the result; the problems found
// (against the command line) are returned.
std::vector<io::ConfigError> applyOverrides(const TrackerOptions& options, io::BoardConfig& config);

const char* trackerUsage();

}  // namespace drishti::app
