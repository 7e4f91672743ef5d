// The whole chain, camera frames in and spoken words out (issue 6):
//
//   drishti --calibration-plan  -> where the host will show its targets
//   drishti-gazegen             -> a real face photo rendered looking at them,
//                                  then at the keys of a word, as a video
//   drishti-tracker --video     -> the real tracking core on those frames,
//                                  the real wire (UDP)
//   drishti --headless          -> calibrates on the tracker's clock, then
//                                  spells by dwell and speaks into a WAV
//
// Nothing in between is simulated: the gaze the host sees is what the
// tracking core measured in the rendered pixels.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "host/core/atomic_file.h"
#include "host/core/host_session.h"
#include "tests/chain/run_program.h"
#include "tests/firmware/app/tracker_process.h"
#include "tests/host/app/run_drishti.h"
#include "tests/support/test_data.h"

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using namespace drishti;
using drishti::app::test::DrishtiProcess;
using drishti::app::test::readText;

namespace {

// The value after `key` in the first line of `log` that contains `key` ("... at N us").
bool findMicros(const std::string& log, const std::string& key, long long& us) {
  const std::size_t at = log.find(key);
  if (at == std::string::npos)
    return false;
  std::smatch m;
  const std::string line = log.substr(at + key.size(), log.find('\n', at) - at - key.size());
  static const std::regex number("(-?[0-9]+) us");
  if (!std::regex_search(line, m, number))
    return false;
  us = std::stoll(m[1]);
  return true;
}

// A look after the calibration: at screen px (x, y) for ms.
struct Look {
  double x = 0, y = 0;
  int ms = 0;
};

// Where the host's own layout puts the key labelled `label` on `board`.
Look keyCentre(const char* board, const char* label, int ms) {
  host::SessionConfig config;
  config.dataDir = fs::path(DRISHTI_TEST_SOURCE_DIR) / "host" / "data";
  config.startBoard = board;
  host::HostSession layout(config, nullptr);
  const int i = layout.findTarget(label);
  INFO("board " << board << " has no key " << label);
  REQUIRE(i >= 0);
  const host::Rect r = layout.targets()[static_cast<std::size_t>(i)].rect;
  return {r.x + r.w / 2.0, r.y + r.h / 2.0, ms};
}

// What one run of the chain left behind.
struct ChainRun {
  fs::path dir;
  std::string log;  // drishti's stderr
  std::string tsv;  // the WAV's transcript
};

// The whole chain for one person: `board` is the profile's board (shown
// after the calibration), `looks` what the eyes do after it. Runs the video
// to its end, waits for `lastEvent` in drishti's log, then stops drishti.
ChainRun runChain(const char* name, const char* board, const std::vector<Look>& looks,
                  const std::string& lastEvent) {
  const fs::path data = drishti::test::dataDir();
  ChainRun run;
  run.dir = drishti::test::scratchDir(name);
  const fs::path& dir = run.dir;
  const fs::path state = dir / "state";
  // The screen the therapist entered: 1280 x 800 px, 344 x 215 mm, seen from 600 mm.
  fs::create_directories(state / "profiles");
  REQUIRE(host::writeFileAtomically(state / "profiles" / "default.profile",
                                    std::string("drishti-profile 1\nboard ") + board +
                                        "\nscreen.width_mm 344\nscreen.height_mm "
                                        "215\nscreen.distance_mm 600\n")
              .empty());

  // 1. Where the host will show its calibration targets, from the binary itself.
  {
    std::string out;
    REQUIRE(drishti::app::test::runDrishti({"--calibration-plan", "9", "--screen", "1280x800"}, dir,
                                           nullptr, &out) == 0);
    std::ofstream(dir / "plan.csv") << out;
  }
  // 2. Then the looks (key centres from the host's own layout).
  {
    std::ofstream then(dir / "then.csv");
    for (const Look& l : looks)
      then << l.x << ',' << l.y << ',' << l.ms << '\n';
  }
  // 3. The video: a real photo whose irises look there, with sensor noise,
  //    head sway and lossy compression (MJPG), 30 fps.
  const fs::path video = dir / "gaze.avi";
  REQUIRE(drishti::test::runProgram(
              {DRISHTI_GAZEGEN_BIN, "--photo", (data / "faces/stills/obama-720p.jpg").string(),
               "--out", video.string(), "--plan", (dir / "plan.csv").string(), "--then",
               (dir / "then.csv").string(), "--screen", "1280", "800", "344", "215", "600",
               "--no-blinks", "--seed", "5"},
              dir / "gazegen.txt") == 0);
  INFO(readText(dir / "gazegen.txt"));

  // 4. The host first (the plan starts with the first sample it hears), then
  //    the tracker replaying the video in real time to it over UDP.
  const int port = 47900 + static_cast<int>(::getpid() % 1000);
  const std::string endpoint = "127.0.0.1:" + std::to_string(port);
  DrishtiProcess app(
      {"--headless", "--state", state.string(), "--udp", endpoint, "--unix",
       (dir / "no-tracker.sock").string(), "--calibrate", "9", "--follow-sample-clock",
       "--calibration-report", (dir / "report.svg").string(), "--speech-wav",
       (dir / "speech.wav").string(), "--no-audio", "--log-text"},
      dir);
  const auto waitFor = [&](const std::string& text, std::chrono::milliseconds timeout) {
    return app.waitForStderr(text, timeout);
  };
  REQUIRE(waitFor("drishti-tracker input: udp " + endpoint, 10s));
  drishti::test::TrackerProcess tracker({"--video", video.string(), "--transport", "udp", "--port",
                                         std::to_string(port), "--no-state", "--quiet"});

  INFO("drishti:\n" << app.err());
  // The plan's calibration and validation last ~36 s of video.
  REQUIRE(waitFor("calibration saved:", 90s));
  INFO("tracker:\n" << tracker.stderrText());
  REQUIRE(tracker.waitExit(60000));  // the video ended
  CHECK(waitFor(lastEvent, 10s));
  ::kill(app.pid(), SIGTERM);
  REQUIRE(app.wait(10s) == 0);
  run.log = app.err();
  run.tsv = readText(dir / "speech.wav.tsv");

  // The calibration through the real tracker, as the therapist would see it.
  const std::size_t v = run.log.find("Validation error:");
  REQUIRE(v != std::string::npos);
  std::printf("chain (%s): %s\n", name, run.log.substr(v, run.log.find('\n', v) - v).c_str());
  return run;
}

}  // namespace

TEST_CASE(
    "a rendered face calibrates drishti through drishti-tracker and the wire, then answers Yes "
    "by dwell and it is spoken",
    "[data][e2e]") {
  // After the calibration: the Yes target of the yes/no board, held for a
  // dwell, then a look back at the middle.
  const ChainRun run =
      runChain("chain", "en-yesno", {keyCentre("en-yesno", "Yes", 3000), {640, 700, 1500}},
               "speech: first audio of prompt");
  INFO("drishti:\n" << run.log);
  CHECK(run.tsv.find("\tprompt\t0\tYes\n") != std::string::npos);
  CHECK(run.log.find("selected: No") == std::string::npos);

  // Selection to voice. The tracker stamps frames with CLOCK_MONOTONIC and
  // the host's clock is the same one (one machine), so the latest eye frame
  // before the selection and the answer's first audio sample compare directly.
  long long selectedUs = 0, frameUs = 0, audioUs = 0;
  REQUIRE(findMicros(run.log, "selected: Yes at", selectedUs));
  REQUIRE(findMicros(run.log, "latest eye frame captured at", frameUs));
  REQUIRE(findMicros(run.log, "speech: first audio of prompt", audioUs));
  const double frameToAudioMs = static_cast<double>(audioUs - frameUs) / 1000.0;
  const double decisionToAudioMs = static_cast<double>(audioUs - selectedUs) / 1000.0;
  std::printf(
      "chain: selecting frame captured -> first audio sample of the answer: %.1f ms "
      "(host's selection -> audio %.1f ms)\n",
      frameToAudioMs, decisionToAudioMs);
  CHECK(frameToAudioMs >= 0);
  CHECK(frameToAudioMs < 2000);
}

// Spelling on the letter board through this chain is not in the suite: it
// fails. Run as a TEST_CASE calling runChain("chain-spell", "en-abc",
// {keyCentre("en-abc", "y", 2500), keyCentre(.. "e" ..), keyCentre(.. "s" ..),
// keyCentre(.. "Speak" ..), {640, 60, 1500}}, "speech: first audio of
// message") and checking the WAV transcript for "\tmessage\t0\tyes\n" and the
// log for `text: "yes"` (y, e, s, Speak at the keys' real size, 133 px wide,
// about 3.4 degrees, 2.5 s each), with the 5% calibration margin and the
// averaged eye-frame pose of 2026-11-21 it typed and spoke "qes" in both
// runs: e, s and Speak are held now (before: "qe", s never held), but y, the
// bottom-left letter, is read as q above it: the tracker's vertical pupil
// there reads about 2.8 degrees high, which the truth's pupil does not
// (docs/BENCHMARKS.md, "The whole chain"; "Where the bend at y comes from":
// the lower lid and the outer corner hide the iris's bottom there, and the
// visible dark part moves less than the iris). It belongs here once it passes;
// enlarging the keys or tuning the host's dwell would test nothing.
// 2026-11-22: with "calibration.appearance_y on" added to the profile (y
// from the eye's appearance cells for the eye whose held-out error says so)
// it typed and spoke "yes" once; the default typed "qets". Not added: that
// setting is off by default (mixed on other videos) and y was inside its key
// in 43% of samples, too near the edge for a test that must not flake.
// Later that day, with the setting blending the two cues by their held-out
// errors, it typed "es" (y not selected at all); the default "qets" again.
// After the drift correction learned only kept keys (held until the word is
// finished), the default typed "qes" (no t; probably because the wrong q no
// longer taught the correction on the way), the blend "es" again; one run each.
