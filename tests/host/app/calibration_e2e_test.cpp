// End to end: the real drishti binary calibrates on simulated tracker output
// sent over UDP on the tracker's clock, then the simulated eyes spell "yes"
// by dwell and the speech transcript holds it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "firmware/protocol/frame_codec.h"
#include "firmware/protocol/stream_decoder.h"
#include "host/core/atomic_file.h"
#include "host/core/calibration_store.h"
#include "host/core/host_session.h"
#include "tests/generator/face_geometry.h"
#include "tests/generator/gaze_scene.h"
#include "tests/generator/tracker_simulator.h"
#include "tests/host/app/loopback_udp.h"
#include "tests/host/app/run_drishti.h"
#include "tests/host/core/calibration_fixture.h"
#include "tests/support/test_data.h"

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using namespace drishti;
using drishti::app::test::DrishtiProcess;
using drishti::app::test::LoopbackUdp;
using drishti::app::test::readText;

namespace {

struct PlanRow {
  double tMs = 0, x = 0, y = 0;
  std::string phase;
};

std::vector<PlanRow> parsePlan(const std::string& csv) {
  std::vector<PlanRow> rows;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    PlanRow r;
    std::istringstream f(line);
    std::string t, x, y;
    std::getline(f, t, ',');
    std::getline(f, x, ',');
    std::getline(f, y, ',');
    std::getline(f, r.phase);
    r.tMs = std::stod(t);
    r.x = std::stod(x);
    r.y = std::stod(y);
    rows.push_back(r);
  }
  return rows;
}

// Where the plan shows the target at tMs (a person follows it to its next stop).
void targetAt(const std::vector<PlanRow>& plan, double tMs, double& x, double& y) {
  x = plan.front().x;
  y = plan.front().y;
  for (const PlanRow& r : plan) {
    if (r.tMs > tMs)
      break;
    x = r.x;
    y = r.y;
  }
}

fs::path dataDir() {
  const char* src = std::getenv("DRISHTI_SOURCE_DIR");
  return fs::path(src != nullptr ? src : DRISHTI_TEST_SOURCE_DIR) / "host" / "data";
}

}  // namespace

TEST_CASE("drishti calibrates on the tracker's clock over UDP, then dwell on y-e-s speaks 'yes'",
          "[e2e]") {
  const fs::path dir = drishti::test::scratchDir("e2e-calibrate");
  const fs::path state = dir / "state";
  // A 16:10 screen of 344 x 215 mm seen from 600 mm, as the therapist entered it.
  const std::string screenSettings =
      "screen.width_mm 344\nscreen.height_mm 215\nscreen.distance_mm 600\n";
  fs::create_directories(state / "profiles");
  REQUIRE(host::writeFileAtomically(state / "profiles" / "default.profile",
                                    "drishti-profile 1\n" + screenSettings)
              .empty());

  // The schedule the host will follow, from the binary itself.
  {
    std::string out;
    REQUIRE(drishti::app::test::runDrishti({"--calibration-plan", "9", "--screen", "1280x800"}, dir,
                                           nullptr, &out) == 0);
    std::ofstream(dir / "plan.csv") << out;
  }
  const std::vector<PlanRow> plan = parsePlan(readText(dir / "plan.csv"));
  REQUIRE(plan.size() > 20);
  REQUIRE(plan.back().phase == "board");

  // A free UDP port for the app.
  LoopbackUdp probe;
  REQUIRE(probe.bound());
  probe.release();
  sockaddr_in sa = probe.address();
  const std::string endpoint = probe.endpoint();

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

  // The simulated person and tracker: realistic tracker noise (0.01 IOD per frame).
  gen::SceneParams scene;
  scene.screen = {1280, 800, 344, 215, 600};
  scene.cameraYMm = -(215.0 / 2 + 10);
  scene.seed = 3;
  gen::TrackerNoise noise;
  noise.seed = 11;
  gen::GazeScene person(scene);
  gen::TrackerSimulator tracker(gen::canonicalFace(), scene, noise);
  const std::uint64_t base = 50'000'000;  // the tracker's clock started a while ago

  const int tx = ::socket(AF_INET, SOCK_DGRAM, 0);
  const auto send = [&](const protocol::Message& m) {
    std::vector<std::uint8_t> bytes(protocol::kMaxFrameSize);
    bytes.resize(protocol::encodeFrame(m, bytes));
    ::sendto(tx, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
  };
  const auto frameAt = [&](double x, double y) {
    const gen::FrameTruth& truth = person.step(true, x, y);
    protocol::EyeSample s = tracker.sample(truth);
    s.captureUs += base;
    s.sendUs += base;
    send(s);
    return truth.tMs;
  };

  // Calibration: on the tracker's clock, so it may be sent faster than real time.
  const double boardMs = plan.back().tMs;
  double tMs = 0;
  while (tMs < boardMs + 300) {
    double x = 0, y = 0;
    targetAt(plan, tMs - 250, x, y);  // the eyes reach each new stop a reaction time later
    tMs = frameAt(x, y);
    std::this_thread::sleep_for(8ms);  // 4x real time
  }
  INFO(app.err());
  REQUIRE(waitFor("calibration saved:", 5s));
  CHECK(app.err().find("calibration: Calibration: good") != std::string::npos);

  // The tracker was told to enter and then leave calibration mode, on the same socket.
  std::vector<protocol::CommandKind> commands;
  {
    std::array<std::uint8_t, 1024> buf{};
    protocol::StreamDecoder decoder;
    ssize_t n = 0;
    while ((n = ::recv(tx, buf.data(), buf.size(), MSG_DONTWAIT)) > 0)
      decoder.feed(
          std::span<const std::uint8_t>(buf.data(), static_cast<std::size_t>(n)),
          [&](protocol::DecodeStatus st, const protocol::Message& m, const protocol::DecodeError&) {
            if (st == protocol::DecodeStatus::kMessage)
              if (const auto* c = std::get_if<protocol::Command>(&m))
                commands.push_back(c->kind);
          });
  }
  REQUIRE(commands.size() >= 2);
  CHECK(commands.front() == protocol::CommandKind::kEnterCalibration);
  CHECK(commands.back() == protocol::CommandKind::kLeaveCalibration);

  // Spelling: where the keys are on the host's screen (the same layout code).
  host::SessionConfig config;
  config.dataDir = dataDir();
  host::HostSession layout(config, nullptr);
  const auto centreOf = [&](std::string_view label, double& x, double& y) {
    const int i = layout.findTarget(label);
    REQUIRE(i >= 0);
    const host::Rect r = layout.targets()[static_cast<std::size_t>(i)].rect;
    x = r.x + r.w / 2;
    y = r.y + r.h / 2;
  };
  // Dwell runs on the host's clock: from here on, frames go at real time.
  const auto realTime = [&](double x, double y, double ms) {
    const auto start = std::chrono::steady_clock::now();
    for (int f = 0; f * (1000.0 / 30.0) < ms; ++f) {
      frameAt(x, y);
      std::this_thread::sleep_until(
          start + std::chrono::microseconds(static_cast<long>((f + 1) * 1e6 / 30.0)));
    }
  };
  for (const char* key : {"y", "e", "s", "Speak"}) {
    double x = 0, y = 0;
    centreOf(key, x, y);
    realTime(x, y, 2400);
    realTime(640, 60, 500);  // a glance at the message
  }
  ::close(tx);
  REQUIRE(waitFor("text: \"yes\"", 3s));
  std::this_thread::sleep_for(1500ms);  // speech finishes
  ::kill(app.pid(), SIGTERM);
  REQUIRE(app.wait(10s) == 0);
  const std::string tsv = readText(dir / "speech.wav.tsv");
  CHECK(tsv.find("\tyes\n") != std::string::npos);
  // The calibration and its report were kept with the profile.
  bool cal = false, svg = false;
  for (const auto& e : fs::directory_iterator(state / "calibrations" / "default")) {
    cal = cal || e.path().extension() == ".cal";
    svg = svg || e.path().extension() == ".svg";
  }
  CHECK(cal);
  CHECK(svg);
  CHECK(readText(dir / "report.svg").find("<svg") != std::string::npos);
}

TEST_CASE(
    "a calibration from a newer drishti is not used: the status line says so and the last "
    "good one is in use",
    "[e2e]") {
  const fs::path dir = test::scratchDir("e2e-calibration-newer");
  const fs::path state = dir / "state";
  host::CalibrationStore store(state / "calibrations");
  host::CalibrationRecord rec = test::makeCalibrationRecord("anna");
  rec.created = "first";
  REQUIRE(store.save(rec).empty());
  rec.created = "second";
  fs::path second;
  REQUIRE(store.save(rec, {}, &second).empty());
  // As a newer drishti wrote it: the next format version, sealed.
  std::string text = readText(second);
  const std::string current =
      "drishti-calibration " + std::to_string(host::kCalibrationFormatVersion);
  REQUIRE(text.find(current) != std::string::npos);
  text.replace(text.find(current), current.size(),
               "drishti-calibration " + std::to_string(host::kCalibrationFormatVersion + 1));
  std::ofstream(second, std::ios::binary | std::ios::trunc) << test::resealCalibration(text);
  const std::string newerText = readText(second);

  std::ofstream(dir / "wait.script") << "drishti-script 1\nwait 200\n";
  const int width = rec.model.geometry().widthPx, height = rec.model.geometry().heightPx;
  std::string err;
  const int code =
      app::test::runDrishti({"--headless", "--state", state.string(), "--profile", "anna", "--size",
                             std::to_string(width) + "x" + std::to_string(height), "--script",
                             (dir / "wait.script").string(), "--fast", "--no-audio",
                             "--screenshot-dir", (dir / "shots").string()},
                            dir, &err);
  INFO(err);
  CHECK(code == 0);
  // The log, as before: the file, its line, and which file is used.
  CHECK(err.find(second.string() + ":") != std::string::npos);
  CHECK(err.find("calibration loaded from " + store.history("anna").back().string()) !=
        std::string::npos);
  // On screen, in plain words, once.
  const std::string notice =
      "The newest calibration of this profile was written by a newer drishti and was not used; "
      "the last good one (made first) is in use.";
  const std::string shown = readText(dir / "shots" / "last.txt");
  INFO(shown);
  CHECK(shown.find(notice) != std::string::npos);
  std::size_t logged = 0;
  for (std::size_t at = err.find(notice); at != std::string::npos; at = err.find(notice, at + 1))
    ++logged;
  CHECK(logged == 1);
  // The newer file is left as it was, for the drishti that wrote it.
  CHECK(readText(second) == newerText);
  fs::remove_all(dir);
}
