// AppOptions: the drishti command line, and the exit codes it documents.
//
// parseAppOptions() is pure (no files opened, nothing started): it checks the
// syntax and values of every option and says which is wrong. Whether files
// and folders can be used is checked when the app starts (exit code 3).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace drishti::app {

// Exit codes of drishti, as documented by helpText().
enum ExitCode : int {
  kExitOk = 0,               // quit by the user, or the --script ran to its end
  kExitFailure = 1,          // an unexpected internal failure
  kExitUsage = 2,            // bad command line
  kExitBadFile = 3,          // a file or folder named on the command line cannot be used
  kExitNoDisplay = 4,        // no display, renderer or font engine (try --headless)
  kExitWireUnavailable = 5,  // --udp cannot be listened on, or --unix is not a socket path
};

enum class MouseGaze : std::uint8_t {
  kAuto,    // the mouse gives gaze while drishti-tracker sends none
  kAlways,  // the mouse always gives gaze
  kNever,   // only the tracker gives gaze
};

struct AppOptions {
  std::filesystem::path dataDir;  // empty: the installed data, else the source tree's
  std::filesystem::path voicesDir;
  std::filesystem::path stateDir;  // empty: $XDG_STATE_HOME/drishti or ~/.local/state/drishti
  bool noState = false;            // keep nothing (demos that must not touch a person's files)
  std::string profile;
  int width = 1280;  // logical px
  int height = 800;
  bool fullscreen = false;
  bool software = false;
  bool headless = false;
  std::filesystem::path script;
  bool fast = false;
  std::filesystem::path speechWav;
  std::filesystem::path screenshotDir;
  std::string udp;                   // empty: the default, unless noWire
  std::filesystem::path unixSocket;  // empty: the default, unless noWire
  bool udpGiven = false;
  bool unixGiven = false;
  bool noWire = false;
  MouseGaze mouseGaze = MouseGaze::kAuto;
  bool noAudio = false;
  bool logText = false;
  bool stats = false;
  int calibrate = 0;  // 5, 9 or 13: calibrate at start (0: no; the profile's count if none given)
  bool followSampleClock = false;
  int calibrationPlan = 0;                  // print the fixed schedule of this pattern and exit
  std::filesystem::path calibrationReport;  // also write the report picture (SVG) here
};

enum class ParseResult : std::uint8_t { kRun, kHelp, kVersion, kError, kCalibrationPlan };

// kCalibrationPlan: print calibrationPlanText(out) and exit.
ParseResult parseAppOptions(const std::vector<std::string>& args, AppOptions& out,
                            std::string& error);
std::string helpText();
// The CSV schedule of --calibration-plan N for the screen size in `options`.
std::string calibrationPlanText(const AppOptions& options);

}  // namespace drishti::app
