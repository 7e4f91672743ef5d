#include "host/app/app_options.h"

#include <charconv>

#include "host/app/calibration_controller.h"
#include "host/app/udp_receiver.h"
#include "host/core/calibration_plan.h"

namespace drishti::app {
namespace {

bool parseSize(const std::string& s, int& w, int& h) {
  const std::size_t x = s.find('x');
  if (x == std::string::npos)
    return false;
  const auto a = std::from_chars(s.data(), s.data() + x, w);
  const auto b = std::from_chars(s.data() + x + 1, s.data() + s.size(), h);
  return a.ec == std::errc() && a.ptr == s.data() + x && b.ec == std::errc() &&
         b.ptr == s.data() + s.size() && w >= 320 && h >= 240 && w <= 7680 && h <= 4320;
}

}  // namespace

std::string helpText() {
  return R"(Usage: drishti [OPTIONS]

Drishti, the eye-gaze communication device: letter and phrase boards chosen
with the eyes (from drishti-tracker), the mouse standing in for gaze, or keys
as switches; what is written is spoken with eSpeak NG.

Input
  --udp [ADDR:]PORT     listen for drishti-tracker on UDP (default 127.0.0.1:47800)
  --unix PATH           connect to drishti-tracker's Unix socket (default
                        /run/drishti/tracker.sock; retried every second)
  --no-wire             do not listen for drishti-tracker
  --mouse-gaze MODE     auto (default): the mouse is the gaze while the tracker
                        sends none; always; never
  Keys: Space or Enter = switch 0, Tab = switch 1, Escape = help answered,
        F5 = reload boards and voices, F9 = calibrate, F11 = full screen,
        Ctrl+Q = quit. On the calibration result: Enter = use it, R = again,
        1-9 = redo that point, Escape = cancel.

Files
  --data DIR            boards, phrases and the default profile (default: the
                        installed data, else host/data of the source tree)
  --voices DIR          voice profiles (default: installed, else voices/)
  --state DIR           the person's text, profiles and history (default
                        $XDG_STATE_HOME/drishti, else ~/.local/state/drishti)
  --no-state            keep nothing on disk (demonstrations)
  --profile NAME        use profile NAME (default: the one used last)

Display and sound
  --size WxH            logical screen size (default 1280x800)
  --fullscreen          fill the display
  --software            draw with SDL's software renderer
  --headless            no display or sound card needed: SDL_VIDEODRIVER=offscreen
                        and SDL_AUDIODRIVER=dummy (unless already set)
  --no-audio            do not open a sound device

Scripted and headless runs
  --script FILE         feed the timestamped input events in FILE (format:
                        host/data/README.md) instead of the mouse, keys and
                        tracker (caregiver keys still work); exit when it has
                        run and speech has finished
  --fast                with --script: run on a simulated clock, as fast as
                        possible, instead of in real time
  --speech-wav FILE     also write everything spoken to FILE (16-bit mono WAV)
                        and a transcript to FILE.tsv
  --screenshot-dir DIR  save a PNG of every new screen (NNNN-SCREEN.png) and
                        of the last one (last.png), each with a .txt listing
                        its text
  --log-text            log the text as it changes (off by default: it is private)
  --stats               print frame, latency and speech statistics at exit

Calibration (F9 starts one; screen size in mm and viewing distance come from
the profile: screen.width_mm, screen.height_mm, screen.distance_mm)
  --calibrate [5|9|13]  calibrate at start (default: the profile's
                        calibration.points); the result is saved with the
                        profile and used from then on
  --follow-sample-clock run the calibration on a fixed schedule timed by the
                        tracker's capture stamps, from the first sample after
                        it begins (for recorded video; see --calibration-plan)
  --calibration-plan N  print the fixed schedule of an N-point calibration as
                        CSV (t_ms,x_px,y_px,phase) for the screen size, and exit
  --screen WxH          the same as --size
  --calibration-report FILE  also write each calibration's report picture (SVG)
                        to FILE

  --help                show this text
  --version             show the version

Exit codes
  0  quit by the user, or the script ran to its end
  1  an unexpected internal failure
  2  bad command line
  3  a file or folder named on the command line cannot be used
  4  no display, renderer or font engine (use --headless without a display)
  5  the --udp address given cannot be listened on, or the --unix path is unusable
)";
}

ParseResult parseAppOptions(const std::vector<std::string>& args, AppOptions& out,
                            std::string& error) {
  out = AppOptions{};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    // Options that take a value: --opt VALUE or --opt=VALUE.
    std::string name = a, value;
    bool hasValue = false;
    if (const std::size_t eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      hasValue = true;
    }
    const auto takeValue = [&]() -> bool {
      if (hasValue)
        return true;
      if (i + 1 >= args.size()) {
        error = name + " needs a value (see drishti --help)";
        return false;
      }
      value = args[++i];
      return true;
    };
    const auto flag = [&](bool& field) {
      if (hasValue) {
        error = name + " takes no value";
        return false;
      }
      field = true;
      return true;
    };
    bool ok = true;
    if (name == "--help" || name == "-h") {
      return ParseResult::kHelp;
    } else if (name == "--version") {
      return ParseResult::kVersion;
    } else if (name == "--data") {
      ok = takeValue() && !(out.dataDir = value).empty();
    } else if (name == "--voices") {
      ok = takeValue() && !(out.voicesDir = value).empty();
    } else if (name == "--state") {
      ok = takeValue() && !(out.stateDir = value).empty();
    } else if (name == "--no-state") {
      ok = flag(out.noState);
    } else if (name == "--profile") {
      ok = takeValue() && !(out.profile = value).empty();
    } else if (name == "--size") {
      ok = takeValue();
      if (ok && !parseSize(value, out.width, out.height)) {
        error = "--size '" + value + "' is not WIDTHxHEIGHT between 320x240 and 7680x4320";
        return ParseResult::kError;
      }
    } else if (name == "--fullscreen") {
      ok = flag(out.fullscreen);
    } else if (name == "--software") {
      ok = flag(out.software);
    } else if (name == "--headless") {
      ok = flag(out.headless);
    } else if (name == "--script") {
      ok = takeValue() && !(out.script = value).empty();
    } else if (name == "--fast") {
      ok = flag(out.fast);
    } else if (name == "--speech-wav") {
      ok = takeValue() && !(out.speechWav = value).empty();
    } else if (name == "--screenshot-dir") {
      ok = takeValue() && !(out.screenshotDir = value).empty();
    } else if (name == "--udp") {
      ok = takeValue();
      std::string address, why;
      std::uint16_t port = 0;
      if (ok && !parseUdpEndpoint(value, address, port, why)) {
        error = "--udp: " + why;
        return ParseResult::kError;
      }
      out.udp = value;
      out.udpGiven = true;
    } else if (name == "--unix") {
      ok = takeValue() && !(out.unixSocket = value).empty();
      out.unixGiven = true;
    } else if (name == "--no-wire") {
      ok = flag(out.noWire);
    } else if (name == "--mouse-gaze") {
      ok = takeValue();
      if (ok && value == "auto")
        out.mouseGaze = MouseGaze::kAuto;
      else if (ok && value == "always")
        out.mouseGaze = MouseGaze::kAlways;
      else if (ok && value == "never")
        out.mouseGaze = MouseGaze::kNever;
      else if (ok) {
        error = "--mouse-gaze '" + value + "' is not auto, always or never";
        return ParseResult::kError;
      }
    } else if (name == "--no-audio") {
      ok = flag(out.noAudio);
    } else if (name == "--log-text") {
      ok = flag(out.logText);
    } else if (name == "--stats") {
      ok = flag(out.stats);
    } else if (name == "--calibrate") {
      out.calibrate = -1;  // the profile's count
      const std::string next = hasValue ? value : (i + 1 < args.size() ? args[i + 1] : "");
      if (next == "5" || next == "9" || next == "13") {
        out.calibrate = std::stoi(next);
        if (!hasValue)
          ++i;
      } else if (hasValue) {
        error = "--calibrate '" + value + "' is not 5, 9 or 13";
        return ParseResult::kError;
      }
    } else if (name == "--follow-sample-clock") {
      ok = flag(out.followSampleClock);
    } else if (name == "--calibration-plan") {
      ok = takeValue();
      if (ok && value != "5" && value != "9" && value != "13") {
        error = "--calibration-plan '" + value + "' is not 5, 9 or 13";
        return ParseResult::kError;
      }
      if (ok)
        out.calibrationPlan = std::stoi(value);
    } else if (name == "--screen") {
      ok = takeValue();
      if (ok && !parseSize(value, out.width, out.height)) {
        error = "--screen '" + value + "' is not WIDTHxHEIGHT between 320x240 and 7680x4320";
        return ParseResult::kError;
      }
    } else if (name == "--calibration-report") {
      ok = takeValue() && !value.empty();
      out.calibrationReport = value;
    } else {
      error = "unknown option '" + a + "' (see drishti --help)";
      return ParseResult::kError;
    }
    if (!ok) {
      if (error.empty())
        error = name + " needs a non-empty value";
      return ParseResult::kError;
    }
  }
  if (out.fast && out.script.empty()) {
    error = "--fast only applies to a --script run";
    return ParseResult::kError;
  }
  if (out.noWire && (out.udpGiven || out.unixGiven)) {
    error = "--no-wire contradicts --udp/--unix";
    return ParseResult::kError;
  }
  if (out.noState && !out.stateDir.empty()) {
    error = "--no-state contradicts --state";
    return ParseResult::kError;
  }
  if (out.followSampleClock && out.calibrate == 0) {
    error = "--follow-sample-clock only applies with --calibrate";
    return ParseResult::kError;
  }
  if (out.calibrationPlan != 0)
    return ParseResult::kCalibrationPlan;
  return ParseResult::kRun;
}

std::string calibrationPlanText(const AppOptions& options) {
  CalibrationRunOptions run;
  run.points = options.calibrationPlan;
  run.followSampleClock = true;
  host::CalibrationGeometry geometry;  // only the pixel size matters for the plan
  geometry.widthPx = options.width;
  geometry.heightPx = options.height;
  std::vector<host::CalibrationPlanRow> rows =
      host::calibrationPlan(geometry, calibrationParamsFor(run));
  // The result stays on screen resultMs; then the board is back (when the
  // calibration gave a model).
  rows.push_back(
      {rows.back().tMs + run.resultMs, 0.5 * options.width, 0.5 * options.height, "board"});
  return host::formatCalibrationPlan(rows);
}

}  // namespace drishti::app
