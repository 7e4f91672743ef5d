// The help gesture through the whole chain (issue 6): a rendered face closes
// its eyes three times for 2.5 s; the real drishti-tracker sees the long
// blinks in the pixels and sends them over the real wire; drishti, headless
// and never calibrated, calls for help: it speaks the help message, sounds
// the attention chime and runs the caregiver's alert command. Help needs no
// calibration and no screen, so nothing here depends on gaze accuracy.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "host/core/atomic_file.h"
#include "tests/chain/run_program.h"
#include "tests/firmware/app/tracker_process.h"
#include "tests/host/app/run_drishti.h"
#include "tests/support/test_data.h"

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using drishti::app::test::DrishtiProcess;
using drishti::app::test::readText;

namespace {

// The video's script: rows "x_px,y_px,duration_ms[,closed_ms]" after the
// plan's single "board" row; the eyes rest on the screen centre throughout.
constexpr const char* kPlan = "t_ms,x_px,y_px,phase\n0,640,400,board\n";

}  // namespace

TEST_CASE(
    "three long blinks rendered on a real face call for help through drishti-tracker and the "
    "wire, with no calibration",
    "[data][e2e]") {
  const fs::path data = drishti::test::dataDir();
  const fs::path dir = drishti::test::scratchDir("chain-help");
  const fs::path state = dir / "state";
  const fs::path alerted = dir / "caregiver-alerted";
  fs::create_directories(state / "profiles");
  REQUIRE(
      drishti::host::writeFileAtomically(
          state / "profiles" / "default.profile",
          "drishti-profile 1\nhelp.message \"Please come, I need help\"\nhelp.command \"touch " +
              alerted.string() + "\"\n")
          .empty());

  // Looking at the screen, then three deliberate closures of 2.5 s (the
  // profile's long blink is 2-8 s, the burst gap 4 s) 1.5 s apart, then open.
  std::ofstream(dir / "plan.csv") << kPlan;
  std::ofstream(dir / "then.csv") << "640,400,2000\n"
                                     "640,400,3000,2500\n640,400,1500\n"
                                     "640,400,3000,2500\n640,400,1500\n"
                                     "640,400,3000,2500\n640,400,4000\n";
  const fs::path video = dir / "help.avi";
  REQUIRE(drishti::test::runProgram(
              {DRISHTI_GAZEGEN_BIN, "--photo", (data / "faces/stills/obama-720p.jpg").string(),
               "--out", video.string(), "--plan", (dir / "plan.csv").string(), "--then",
               (dir / "then.csv").string(), "--screen", "1280", "800", "344", "215", "600",
               "--no-blinks", "--seed", "7"},
              dir / "gazegen.txt") == 0);
  INFO(readText(dir / "gazegen.txt"));

  const int port = 48900 + static_cast<int>(::getpid() % 1000);
  const std::string endpoint = "127.0.0.1:" + std::to_string(port);
  DrishtiProcess app({"--headless", "--state", state.string(), "--udp", endpoint, "--unix",
                      (dir / "no-tracker.sock").string(), "--speech-wav",
                      (dir / "speech.wav").string(), "--no-audio"},
                     dir);
  REQUIRE(app.waitForStderr("drishti-tracker input: udp " + endpoint, 10s));
  drishti::test::TrackerProcess tracker({"--video", video.string(), "--transport", "udp", "--port",
                                         std::to_string(port), "--no-state", "--quiet"});
  INFO("drishti:\n" << app.err());
  // The third closure ends ~15 s into the video.
  REQUIRE(app.waitForStderr("HELP CALLED: Please come, I need help", 30s));
  INFO("tracker:\n" << tracker.stderrText());
  REQUIRE(tracker.waitExit(20000));     // the video ended
  std::this_thread::sleep_for(1500ms);  // the help prompt and chime are spoken
  ::kill(app.pid(), SIGTERM);
  REQUIRE(app.wait(10s) == 0);

  const std::string tsv = readText(dir / "speech.wav.tsv");
  CHECK(tsv.find("\tPlease come, I need help\n") != std::string::npos);
  CHECK(tsv.find("[attention]") != std::string::npos);
  CHECK(fs::exists(alerted));  // the caregiver's alert command ran
  // Only one call: the burst is one gesture, and the rest gesture (two long
  // blinks) did not fire on the way to three.
  const std::string log = app.err();
  CHECK(log.find("HELP CALLED") == log.rfind("HELP CALLED"));
  CHECK(log.find("resting") == std::string::npos);
}
