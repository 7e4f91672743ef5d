// End-to-end: the real drishti-tracker binary, its signals, its board files
// and its byte stream as a host decodes it.
#include <signal.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "firmware/io/json_lines.h"
#include "tests/firmware/app/tracker_process.h"
#include "tests/firmware/app/wire_host.h"
#include "tests/support/test_data.h"

namespace drishti::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::string> patternArgs(std::uint16_t port) {
  return {"--processor", "pattern", "--pattern", "--no-state",
          "--transport", "udp",     "--port",    std::to_string(port)};
}

// Sequence numbers must rise by one per message: a gap is a lost message.
std::size_t gaps(const std::vector<protocol::Message>& messages) {
  std::size_t n = 0;
  std::uint32_t last = 0;
  for (const auto& m : messages) {
    const std::uint32_t seq = std::visit([](const auto& x) { return x.seq; }, m);
    n += last != 0 && seq != last + 1;
    last = seq;
  }
  return n;
}

// The messages a finished tracker wrote to stdout (stdout-wire); none may be
// rejected.
std::vector<protocol::Message> decodeStdout(const TrackerProcess& tracker) {
  const std::string bytes = tracker.stdoutBytes();
  protocol::StreamDecoder decoder;
  std::vector<protocol::Message> messages;
  decoder.feed(
      std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
      [&](protocol::DecodeStatus s, const protocol::Message& m, const protocol::DecodeError&) {
        if (s == protocol::DecodeStatus::kMessage)
          messages.push_back(m);
      });
  CHECK(decoder.stats().rejectedFrames() == 0);
  return messages;
}

void writeFile(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::trunc);
  out << text;
}

std::string patternBoard(std::uint16_t port, int heartbeatHz = 10) {
  return "[camera]\nsource = pattern\nwidth = 320\nheight = 240\nfps = 60\n"
         "[transport]\nkind = udp\nport = " +
         std::to_string(port) + "\n[pipeline]\nheartbeat_hz = " + std::to_string(heartbeatHz) +
         "\n";
}

TEST_CASE("SIGTERM mid-frame ends the real tracker cleanly within 200 ms", "[e2e]") {
  const fs::path board = scratchDir("e2e-sigterm") / "board.ini";
  // Full-HD frames as fast as they come: a frame is always being processed.
  writeFile(board, "[camera]\nsource = pattern\nwidth = 1920\nheight = 1080\npaced = false\n");
  double worstMs = 0;
  for (int run = 0; run < 5; ++run) {
    WireHost host = WireHost::udp();
    TrackerProcess tracker({"--processor", "pattern", "--config", board.string(), "--no-state",
                            "--port", std::to_string(host.port())});
    host.pump(3000, 20);
    REQUIRE(host.all<protocol::EyeSample>().size() > 0);
    const auto t0 = Clock::now();
    tracker.signal(SIGTERM);
    REQUIRE(tracker.waitExit(2000));
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    worstMs = std::max(worstMs, ms - 50);  // waitExit waits 50 ms for the last output
    INFO(tracker.stderrText());
    CHECK(tracker.exitStatus() == 0);
    CHECK_THAT(tracker.stderrText(),
               Catch::Contains("SIGTERM: stopping") && Catch::Contains("summary:"));
  }
  INFO("slowest exit after SIGTERM: " << worstMs << " ms");
  CHECK(worstMs < 200);
}

TEST_CASE("SIGINT stops it too, and --duration ends a run by itself", "[e2e]") {
  WireHost host = WireHost::udp();
  TrackerProcess tracker(patternArgs(host.port()));
  host.pump(3000, 5);
  tracker.signal(SIGINT);
  REQUIRE(tracker.waitExit(1000));
  CHECK(tracker.exitStatus() == 0);
  TrackerProcess timed({"--processor", "pattern", "--pattern", "--no-state", "--duration", "0.3",
                        "--port", std::to_string(host.port())});
  REQUIRE(timed.waitExit(3000));
  CHECK(timed.exitStatus() == 0);
}

// A shell starts the tracker in the background, notes its pid, waits
// `lingerS` and ends; the tracker must end too.
void stopsWithParent(const char* lingerS) {
  const fs::path pidFile = scratchDir("e2e-parent") / "tracker.pid";
  const std::string script = std::string(trackerBinary()) +
                             " --processor pattern --pattern --no-state --stop-with-parent $$ "
                             "--transport stdout-json >/dev/null 2>&1 & echo $! > " +
                             pidFile.string() + "; sleep " + lingerS;
  REQUIRE(std::system(("sh -c '" + script + "'").c_str()) == 0);
  std::string pidText;
  std::ifstream(pidFile) >> pidText;
  REQUIRE_FALSE(pidText.empty());
  const pid_t pid = std::stoi(pidText);
  // Gone, or a zombie waiting for whoever adopted it to reap it.
  auto ended = [&] {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string ignored, state;
    if (!(stat >> ignored))
      return true;
    std::getline(stat, ignored, ')');
    stat >> state;
    return state == "Z" || state == "X";
  };
  bool gone = false;
  for (int i = 0; i < 300 && !(gone = ended()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(gone);
}

TEST_CASE("with --stop-with-parent the tracker ends when the process that started it ends",
          "[e2e]") {
  SECTION("the parent ends while the tracker runs") {
    stopsWithParent("0.5");
  }
  SECTION("the parent has ended before the tracker got going") {
    stopsWithParent("0");
  }
}

TEST_CASE("a host decodes the live UDP stream: samples, blinks and a 10 Hz heartbeat", "[e2e]") {
  WireHost host = WireHost::udp();
  TrackerProcess tracker(patternArgs(host.port()));
  host.pump(5000, 1);  // started (a busy machine may take a while to load it)
  host.pump(2000);     // two seconds of stream: the pattern blinks at 1.0 s
  tracker.signal(SIGTERM);
  REQUIRE(tracker.waitExit(1000));
  host.pump(100);
  CHECK(host.rejected() == 0);
  CHECK(gaps(host.messages()) == 0);
  const auto samples = host.all<protocol::EyeSample>();
  const auto statuses = host.all<protocol::Status>();
  CHECK(samples.size() > 40);    // 30 fps for 2 s
  CHECK(statuses.size() >= 15);  // 10 Hz for 2 s, and a last one on stop
  CHECK(statuses.size() <= 25);
  CHECK(host.all<protocol::BlinkEvent>().size() >= 1);  // the pattern blinks at 1.0 s
  CHECK(statuses.back().camera == protocol::CameraState::kOk);
  CHECK(statuses.back().fpsIn == Approx(30).margin(3));
  CHECK(protocol::textOf(statuses.back().version) == "0.1.0");
  for (const auto& s : samples)
    CHECK(s.sendUs >= s.captureUs);
}

TEST_CASE("a host answers through the same UDP socket and gets acks", "[e2e]") {
  WireHost host = WireHost::udp();
  TrackerProcess tracker(patternArgs(host.port()));
  host.pump(3000, 5);
  protocol::Command c;
  c.seq = 41;
  c.kind = protocol::CommandKind::kSetParameter;
  protocol::setText(c.name, "long_blink_ms");
  c.value = 900;
  host.send(c);
  c.seq = 42;
  c.kind = protocol::CommandKind::kEnterCalibration;
  host.send(c);
  host.pump(1000);
  const auto acks = host.all<protocol::CommandAck>();
  REQUIRE(acks.size() == 2);
  CHECK(acks[0].commandSeq == 41);
  CHECK(acks[0].result == protocol::AckResult::kOk);
  CHECK(acks[1].commandSeq == 42);
  CHECK(host.all<protocol::Status>().back().mode == protocol::TrackerMode::kCalibration);
}

TEST_CASE("a host decodes the live Unix socket stream, and the socket is private", "[e2e]") {
  const fs::path dir = scratchDir("e2e-unix");
  const std::string path = (dir / "tracker.sock").string();
  TrackerProcess tracker({"--processor", "pattern", "--pattern", "--no-state", "--transport",
                          "unix", "--socket", path});
  WireHost host = WireHost::unixClient(path);
  REQUIRE(host.ok());
  CHECK((fs::status(path).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  host.pump(1500);
  tracker.signal(SIGTERM);
  REQUIRE(tracker.waitExit(1000));
  CHECK(host.rejected() == 0);
  CHECK(gaps(host.messages()) == 0);
  CHECK(host.all<protocol::EyeSample>().size() > 20);
  CHECK(host.all<protocol::Status>().size() >= 10);
  CHECK_FALSE(fs::exists(path));  // removed on exit
}

TEST_CASE("a host decodes the live stdout wire stream and its stdin commands are acked", "[e2e]") {
  TrackerProcess tracker({"--processor", "pattern", "--pattern", "--no-state", "--transport",
                          "stdout-wire", "--duration", "1.5"});
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
  protocol::Command c;
  c.seq = 7;
  c.kind = protocol::CommandKind::kRequestStatus;
  const std::size_t n = protocol::encodeFrame(c, frame);
  tracker.writeStdin(std::string(reinterpret_cast<const char*>(frame.data()), n));
  REQUIRE(tracker.waitExit(4000));
  const std::vector<protocol::Message> messages = decodeStdout(tracker);
  CHECK(gaps(messages) == 0);
  CHECK(messages.size() > 40);
  bool acked = false;
  for (const auto& m : messages)
    if (const auto* a = std::get_if<protocol::CommandAck>(&m))
      acked = a->commandSeq == 7;
  CHECK(acked);
}

TEST_CASE("stdout JSON lines are one object per line, and typed commands work", "[e2e]") {
  TrackerProcess tracker({"--processor", "pattern", "--pattern", "--no-state", "--transport",
                          "stdout-json", "--duration", "1.2"});
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  tracker.writeStdin("set long_blink_ms 650\n");
  REQUIRE(tracker.waitExit(4000));
  const std::string text = tracker.stdoutBytes();
  std::size_t lines = 0, samples = 0;
  bool ack = false;
  for (std::size_t pos = 0, end; (end = text.find('\n', pos)) != std::string::npos; pos = end + 1) {
    const std::string line = text.substr(pos, end - pos);
    ++lines;
    CHECK(line.front() == '{');
    CHECK(line.back() == '}');
    samples += line.rfind("{\"type\":\"eye_sample\"", 0) == 0;
    ack = ack || line.find("long_blink_ms set to 650") != std::string::npos;
  }
  CHECK(lines > 30);
  CHECK(samples > 20);
  CHECK(ack);
}

TEST_CASE("with no host listening the tracker keeps running, and a host that comes later is served",
          "[e2e]") {
  std::uint16_t port = 0;
  { port = WireHost::udp().port(); }  // a port nobody listens on now
  TrackerProcess tracker(patternArgs(port));
  // Wait for the tracker to say frames arrive, then some more, rather than a
  // fixed time: on a loaded machine its start can take longer than that.
  REQUIRE(tracker.waitForStderr("frames arriving", 10000));
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  REQUIRE(tracker.running());
  WireHost host = WireHost::udp(port);
  REQUIRE(host.ok());
  host.pump(5000, 40);
  CHECK(host.all<protocol::EyeSample>().size() > 10);
  // Messages sent while nobody listened show as a jump in sequence numbers.
  CHECK(host.all<protocol::Status>().front().seq > 5);
}

TEST_CASE("a bad board file is refused with file and line when there is no good one", "[e2e]") {
  const fs::path dir = scratchDir("e2e-bad-config");
  const fs::path board = dir / "board.ini";
  writeFile(board, "[camera]\nfps = fast\n");
  TrackerProcess tracker({"--processor", "pattern", "--config", board.string(), "--state-dir",
                          (dir / "state").string()});
  REQUIRE(tracker.waitExit(3000));
  CHECK(tracker.exitStatus() == 2);
  CHECK_THAT(tracker.stderrText(), Catch::Contains(board.string() + ":2: [camera] fps: 'fast'") &&
                                       Catch::Contains("not starting"));
}

TEST_CASE("a bad board file at start falls back on the last good one", "[e2e]") {
  const fs::path dir = scratchDir("e2e-last-good");
  const fs::path board = dir / "board.ini";
  WireHost host = WireHost::udp();
  writeFile(board, patternBoard(host.port()));
  const std::vector<std::string> args{"--processor",  "pattern",     "--config",
                                      board.string(), "--state-dir", (dir / "state").string()};
  {
    TrackerProcess good(args);
    host.pump(3000, 3);
    good.signal(SIGTERM);
    REQUIRE(good.waitExit(1000));
  }
  REQUIRE(fs::exists(dir / "state" / "last-good-board.ini"));
  writeFile(board, patternBoard(host.port()) + "[transport]\n");  // duplicate section
  host.clear();
  TrackerProcess tracker(args);
  host.pump(3000, 10);
  CHECK(host.all<protocol::EyeSample>().size() > 0);
  CHECK_THAT(tracker.stderrText(), Catch::Contains(board.string() + ":11: section [transport] "
                                                                    "appears twice") &&
                                       Catch::Contains("running on the last good copy"));
}

TEST_CASE("SIGHUP reloads the board file: a broken one changes nothing, a good one applies",
          "[e2e]") {
  const fs::path dir = scratchDir("e2e-reload");
  const fs::path board = dir / "board.ini";
  WireHost first = WireHost::udp();
  WireHost second = WireHost::udp();
  writeFile(board, patternBoard(first.port()));
  TrackerProcess tracker({"--processor", "pattern", "--config", board.string(), "--no-state"});
  first.pump(3000, 10);
  REQUIRE(first.all<protocol::EyeSample>().size() > 0);

  writeFile(board, patternBoard(second.port()) + "[threads]\ncapture = turbo\n");
  tracker.signal(SIGHUP);
  REQUIRE(tracker.waitForStderr("was not reloaded", 2000));
  CHECK_THAT(tracker.stderrText(), Catch::Contains(board.string() + ":12: [threads] capture: "));
  first.clear();
  first.pump(500);
  CHECK(first.all<protocol::EyeSample>().size() > 5);  // still running as before
  CHECK(tracker.running());

  writeFile(board, patternBoard(second.port(), 20));
  tracker.signal(SIGHUP);
  REQUIRE(tracker.waitForStderr("reloaded\n", 3000));
  second.pump(1000);
  CHECK(second.all<protocol::EyeSample>().size() > 10);
  CHECK(second.all<protocol::Status>().size() >= 15);  // heartbeat_hz = 20 now
}

// Replays the shared laptop recording in real time and checks what a host
// receives: every frame as a sample, in order, nothing dropped.
TEST_CASE("replaying the laptop video in real time delivers its frames to the host",
          "[data][e2e]") {
  const fs::path clip =
      dataDir("videos/laptop-webcam-1080p.mp4") / "videos" / "laptop-webcam-1080p.mp4";
  WireHost host = WireHost::udp();
  TrackerProcess tracker({"--processor", "pattern", "--no-state", "--video", clip.string(),
                          "--port", std::to_string(host.port())});
  while (tracker.running()) {
    host.pump(200);
    tracker.waitExit(0);
  }
  host.pump(200);
  INFO(tracker.stderrText());
  CHECK(tracker.exitStatus() == 0);  // the video ended, so did the tracker
  CHECK(host.rejected() == 0);
  CHECK(gaps(host.messages()) == 0);
  const auto samples = host.all<protocol::EyeSample>();
  const auto last = host.all<protocol::Status>().back();
  // Every frame is a sample unless the tracker fell behind, which is counted
  // (with a starved capture thread the replay slows down and the frame slots
  // it missed count as frames in and dropped; on an idle machine there are
  // none: docs/BENCHMARKS.md).
  CHECK(last.framesIn >= 308);
  CHECK(samples.size() + last.framesDropped == last.framesIn);
  CHECK(last.framesDropped < 30);  // under a second's worth, even on a busy machine
  for (const auto& s : samples) {
    CHECK(s.imageWidth == 1620);
    CHECK(s.imageHeight == 1080);
  }
}

// The messages of a stdout-wire run once it has ended by itself.
std::vector<protocol::Message> decodeRun(TrackerProcess& tracker, int timeoutMs) {
  REQUIRE(tracker.waitExit(timeoutMs));
  INFO(tracker.stderrText());
  REQUIRE(tracker.exitStatus() == 0);
  return decodeStdout(tracker);
}

// The samples and blinks of a run as they must repeat: everything but the
// send times (the Status health fields are wall-clock measurements).
std::vector<protocol::Message> replayable(const std::vector<protocol::Message>& messages) {
  std::vector<protocol::Message> out;
  for (const auto& m : messages) {
    if (const auto* s = std::get_if<protocol::EyeSample>(&m)) {
      protocol::EyeSample copy = *s;
      copy.sendUs = 0;
      out.emplace_back(copy);
    } else if (const auto* b = std::get_if<protocol::BlinkEvent>(&m)) {
      protocol::BlinkEvent copy = *b;
      copy.sendUs = 0;
      out.emplace_back(copy);
    }
  }
  return out;
}

// Issue 6: with --frame-clock a replay through the tracking core gives the
// same samples twice (seq, capture stamps, eyes, head, face), every frame of
// the file tracked and stamped 1 s + index / fps. Unpaced without it the
// decoder outruns the tracking core and frames are dropped, and the stamps are
// the wall clock's, so two runs differ.
TEST_CASE("a --frame-clock replay is the same run to run and tracks every frame", "[data][e2e]") {
  const fs::path clip =
      dataDir("videos/laptop-webcam-1080p.mp4") / "videos" / "laptop-webcam-1080p.mp4";
  auto run = [&] {
    TrackerProcess tracker({"--no-state", "--video", clip.string(), "--frame-clock", "--transport",
                            "stdout-wire", "--quiet"});
    return decodeRun(tracker, 120'000);
  };
  const std::vector<protocol::Message> first = run();
  const std::vector<protocol::Message> second = run();
  CHECK(gaps(first) == 0);
  const auto samples = replayable(first);
  REQUIRE(samples.size() >= 308);
  // None dropped: sample i is frame i, stamped on the file's 30 fps clock.
  std::uint64_t frame = 0;
  for (const auto& m : samples)
    if (const auto* s = std::get_if<protocol::EyeSample>(&m)) {
      INFO("sample " << frame);
      REQUIRE(s->captureUs ==
              1'000'000u + static_cast<std::uint64_t>(static_cast<double>(frame) * 1e6 / 30.0));
      ++frame;
    }
  const auto last = std::get<protocol::Status>(first.back());
  CHECK(last.framesIn == frame);
  CHECK(last.framesDropped == 0);
  std::size_t tracked = 0;
  for (const auto& m : samples)
    if (const auto* s = std::get_if<protocol::EyeSample>(&m))
      tracked += s->state == protocol::TrackingState::kTracking;
  CHECK(tracked > frame / 2);  // the core saw the face: the samples carry measurements
  CHECK(samples == replayable(second));
}

// Resident memory while a recording replays in a loop through the tracking
// core (the landmark model resident): bounded, and flat. `growthMb`: how much
// higher the late window's peak may be than the early one's.
void soak(double seconds, double growthMb) {
  const fs::path clip =
      dataDir("videos/laptop-webcam-1080p.mp4") / "videos" / "laptop-webcam-1080p.mp4";
  WireHost host = WireHost::udp();
  TrackerProcess tracker(
      {"--processor", "core", "--no-state", "--video", clip.string(), "--loop", "--port",
       std::to_string(host.port()), "--duration", std::to_string(seconds)},
      false);
  std::vector<std::uint64_t> rss;  // kB, every second
  const auto start = Clock::now();
  while (tracker.running()) {
    host.pump(1000);
    host.clear();
    if (const auto kb = tracker.residentKb(); kb > 0)
      rss.push_back(kb);
    tracker.waitExit(0);
  }
  REQUIRE(tracker.waitExit(3000));
  REQUIRE(rss.size() >= 20);
  // Resident memory rises and falls with each pass through the video (the
  // decoder is reopened), so compare the highest level in an early window with
  // the highest in a late one, each longer than a pass (10 s), after warm-up.
  const std::size_t warm = 5;
  const std::size_t window = std::max<std::size_t>(12, (rss.size() - warm) / 4);
  const std::uint64_t early =
      *std::max_element(rss.begin() + warm, rss.begin() + static_cast<long>(warm + window));
  const std::uint64_t late = *std::max_element(rss.end() - static_cast<long>(window), rss.end());
  const std::uint64_t peak = *std::max_element(rss.begin(), rss.end());
  INFO("after " << std::chrono::duration<double>(Clock::now() - start).count() << " s: peak "
                << peak / 1024.0 << " MB, early " << early / 1024.0 << " MB, late " << late / 1024.0
                << " MB");
  CHECK(tracker.exitStatus() == 0);
  // Issue 4's target: 250 MB with the landmark model (measured about 190 MB:
  // the flat model alone is resident, docs/BENCHMARKS.md). Not meaningful
  // under AddressSanitizer, whose shadow memory multiplies it (CI runs only
  // the unit tests there).
  CHECK(peak < 250 * 1024);
  CHECK(static_cast<double>(late) < static_cast<double>(early) + growthMb * 1024);
  WARN("resident memory: peak " << peak / 1024.0 << " MB; early " << early / 1024.0 << " MB, late "
                                << late / 1024.0 << " MB");
}

// Short: the first passes step resident memory up by a few MB each as the
// decoder is reopened and the allocator's arenas settle (seen: +6, +1, +5 MB at
// 12, 20 and 32 s with the core; the late window's peak was 11-12 MB above the
// early one's in two of about ten loaded runs, on main and with new code
// alike), so 40 s can only catch a gross leak: 16 MB between windows about
// 23 s apart is 0.7 MB/s. The 10-minute soak (scripts/test --slow) is the
// real check.
TEST_CASE("a short replay loop keeps resident memory bounded and flat", "[data][e2e]") {
  soak(40, 16.0);
}

TEST_CASE("a 10-minute replay loop keeps resident memory bounded and flat", "[data][slow]") {
  soak(600, 2.0);
}

}  // namespace
}  // namespace drishti::test
