#include "firmware/io/pipeline.h"

#include <catch2/catch.hpp>
#include <map>
#include <thread>

#include "firmware/io/monotonic_clock.h"
#include "firmware/io/pattern_processor.h"
#include "firmware/io/test_pattern_source.h"
#include "tests/firmware/io/recording_transport.h"
#include "tests/firmware/io/scripted_source.h"

namespace drishti::io {
namespace {

using test::RecordingTransport;
using test::ScriptedSource;

PipelineSettings settings(int lostAfterMs = 200) {
  PipelineSettings s;
  s.ringFrames = 2;
  s.frameSize = {320, 240};
  s.heartbeatHz = 20;
  s.lostAfterMs = lostAfterMs;
  s.version = "test";
  return s;
}

template <class T>
std::vector<T> all(const std::vector<protocol::Message>& messages) {
  std::vector<T> out;
  for (const auto& m : messages)
    if (const T* t = std::get_if<T>(&m))
      out.push_back(*t);
  return out;
}

// Waits up to `ms` for `done` to become true.
template <class F>
bool eventually(F done, int ms = 3000) {
  const std::uint64_t end = monotonicUs() + static_cast<std::uint64_t>(ms) * 1000u;
  while (monotonicUs() < end) {
    if (done())
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

protocol::CameraState lastCamera(const RecordingTransport& t) {
  const auto statuses = all<protocol::Status>(t.messages());
  return statuses.empty() ? protocol::CameraState::kStarting : statuses.back().camera;
}

struct Rig {
  explicit Rig(std::unique_ptr<FrameSource> source, PipelineSettings s = settings())
      : health(s.heartbeatHz, s.lostAfterMs) {
    auto t = std::make_unique<RecordingTransport>();
    transport = t.get();
    pipeline =
        std::make_unique<Pipeline>(s, std::move(source), processor, std::move(t), nullptr, health);
  }
  PatternProcessor processor;
  HealthMonitor health;
  RecordingTransport* transport;
  std::unique_ptr<Pipeline> pipeline;
};

TEST_CASE("samples, blinks and heartbeats arrive in sequence with capture and send times") {
  auto source = std::make_unique<TestPatternSource>(PatternSpec{320, 240, false, 200}, true);
  Rig rig(std::move(source));
  rig.pipeline->start();
  // 1.3 s of the pattern at 200 fps (its time axis runs at 200 fps): a short blink at 1.0-1.2 s.
  REQUIRE(
      eventually([&] { return !all<protocol::BlinkEvent>(rig.transport->messages()).empty(); }));
  REQUIRE(rig.pipeline->stop(1000));
  const auto messages = rig.transport->messages();
  CHECK(rig.transport->decodeErrors() == 0);
  CHECK(rig.transport->closed());

  std::uint32_t seq = 0;
  for (const auto& m : messages) {
    const std::uint32_t s = std::visit([](const auto& x) { return x.seq; }, m);
    CHECK(s == seq + 1);  // no gaps, no repeats, across all message types
    seq = s;
  }
  const auto samples = all<protocol::EyeSample>(messages);
  REQUIRE(samples.size() > 100);
  for (const auto& s : samples) {
    CHECK(s.sendUs >= s.captureUs);
    CHECK(s.imageWidth == 320);
  }
  CHECK(samples.back().state == protocol::TrackingState::kTracking);
  const auto statuses = all<protocol::Status>(messages);
  REQUIRE(statuses.size() >= 10);
  CHECK(statuses.back().camera == protocol::CameraState::kOk);
  CHECK(protocol::textOf(statuses.back().version) == "test");
  CHECK(statuses.back().fpsIn > 100);
  const auto blinks = all<protocol::BlinkEvent>(messages);
  CHECK(blinks.front().durationMs == Approx(200).margin(6));
}

TEST_CASE("a camera that fails, stalls and comes back is reported and resumed by itself") {
  auto owned = std::make_unique<ScriptedSource>(100, 50);
  ScriptedSource* source = owned.get();
  Rig rig(std::move(owned), settings(200));
  rig.pipeline->start();
  auto samples = [&] { return all<protocol::EyeSample>(rig.transport->messages()).size(); };
  REQUIRE(eventually([&] { return lastCamera(*rig.transport) == protocol::CameraState::kOk; }));

  // Stall: reads time out; the heartbeat says "camera lost" within lost_after + a beat.
  source->setMode(ScriptedSource::Mode::kStall);
  const std::uint64_t stalledAt = monotonicUs();
  REQUIRE(eventually([&] { return lastCamera(*rig.transport) == protocol::CameraState::kLost; }));
  const double lostAfterMs = static_cast<double>(monotonicUs() - stalledAt) / 1000.0;
  CHECK(lostAfterMs < 500);
  source->setMode(ScriptedSource::Mode::kFrames);
  REQUIRE(eventually([&] { return lastCamera(*rig.transport) == protocol::CameraState::kOk; }));

  // Unplugged: reads fail, the device cannot be opened; retried with backoff.
  source->setMode(ScriptedSource::Mode::kUnplugged);
  REQUIRE(eventually([&] { return lastCamera(*rig.transport) == protocol::CameraState::kLost; }));
  REQUIRE(eventually([&] { return source->failedOpens() >= 2; }));
  const std::size_t before = samples();
  const int opensBefore = source->opens();
  source->setMode(ScriptedSource::Mode::kFrames);  // plugged back in
  REQUIRE(eventually([&] { return lastCamera(*rig.transport) == protocol::CameraState::kOk; }));
  REQUIRE(eventually([&] { return samples() > before + 20; }));
  CHECK(source->opens() == opensBefore + 1);
  CHECK(rig.health.totals().cameraLosses >= 1);
  REQUIRE(rig.pipeline->stop(1000));
}

TEST_CASE("corrupt and odd-sized frames are skipped and counted") {
  auto owned = std::make_unique<ScriptedSource>(200, 50);
  ScriptedSource* source = owned.get();
  Rig rig(std::move(owned));
  rig.pipeline->start();
  REQUIRE(eventually([&] { return rig.health.totals().framesIn > 10; }));
  source->setMode(ScriptedSource::Mode::kCorrupt);
  REQUIRE(eventually([&] { return rig.health.totals().framesCorrupt >= 10; }));
  source->setMode(ScriptedSource::Mode::kWrongSize);
  const auto corrupt = rig.health.totals().framesCorrupt;
  REQUIRE(eventually([&] { return rig.health.totals().framesCorrupt >= corrupt + 10; }));
  const auto in = rig.health.totals().framesIn;
  source->setMode(ScriptedSource::Mode::kFrames);
  REQUIRE(eventually([&] { return rig.health.totals().framesIn > in + 10; }));
  REQUIRE(rig.pipeline->stop(1000));
  // None of the bad frames reached the processor as a sample of another size.
  for (const auto& s : all<protocol::EyeSample>(rig.transport->messages()))
    CHECK(s.imageWidth == 320);
  CHECK(all<protocol::Status>(rig.transport->messages()).back().framesCorrupt >= 20);
}

// A processor slower than the camera: the ring drops, nothing queues.
class SlowProcessor : public PatternProcessor {
 public:
  ProcessStatus process(const cv::Mat& image, std::uint64_t captureUs, protocol::EyeSample& s,
                        BlinkList& b) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return PatternProcessor::process(image, captureUs, s, b);
  }
};

TEST_CASE("when tracking falls behind, old frames are dropped and counted, never queued") {
  PipelineSettings s = settings();
  HealthMonitor health(s.heartbeatHz, s.lostAfterMs);
  SlowProcessor processor;
  auto t = std::make_unique<RecordingTransport>();
  RecordingTransport* transport = t.get();
  // 200 fps into a 20 ms processor: ~50 frames a second can be tracked.
  Pipeline pipeline(s, std::make_unique<TestPatternSource>(PatternSpec{320, 240, false, 200}, true),
                    processor, std::move(t), nullptr, health);
  pipeline.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  REQUIRE(pipeline.stop(1000));
  const HealthTotals totals = health.totals();
  INFO("in " << totals.framesIn << ", dropped " << totals.framesDropped << ", processed "
             << totals.framesProcessed);
  CHECK(totals.framesDropped > totals.framesIn / 2);
  // Every frame is accounted for: processed, dropped, or at most a ring's worth in flight.
  CHECK(totals.framesIn - totals.framesDropped - totals.framesProcessed <= s.ringFrames + 2);
  CHECK(totals.deadlineMisses == totals.framesProcessed);  // 20 ms > the 5 ms frame period
  // Bounded latency: a sample is never older than the ring's worth of frames plus processing.
  for (const auto& sample : all<protocol::EyeSample>(transport->messages()))
    CHECK(sample.sendUs - sample.captureUs < 200'000);
}

TEST_CASE("host commands are applied between frames and acknowledged") {
  auto source = std::make_unique<TestPatternSource>(PatternSpec{320, 240, false, 100}, true);
  Rig rig(std::move(source));
  rig.pipeline->start();
  REQUIRE(eventually([&] { return rig.health.totals().samplesSent > 5; }));

  protocol::Command set;
  set.seq = 100;
  set.kind = protocol::CommandKind::kSetParameter;
  protocol::setText(set.name, "long_blink_ms");
  set.value = 650;
  rig.transport->injectCommand(set);
  protocol::Command bad = set;
  bad.seq = 101;
  protocol::setText(bad.name, "warp_factor");
  rig.transport->injectCommand(bad);
  protocol::Command calibrate;
  calibrate.seq = 102;
  calibrate.kind = protocol::CommandKind::kEnterCalibration;
  rig.transport->injectCommand(calibrate);
  protocol::Command status;
  status.seq = 103;
  status.kind = protocol::CommandKind::kRequestStatus;
  rig.transport->injectCommand(status);

  REQUIRE(
      eventually([&] { return all<protocol::CommandAck>(rig.transport->messages()).size() == 4; }));
  REQUIRE(eventually([&] {
    return all<protocol::Status>(rig.transport->messages()).back().mode ==
           protocol::TrackerMode::kCalibration;
  }));
  REQUIRE(rig.pipeline->stop(1000));
  std::map<std::uint32_t, protocol::CommandAck> acks;
  for (const auto& a : all<protocol::CommandAck>(rig.transport->messages()))
    acks[a.commandSeq] = a;
  CHECK(acks.at(100).result == protocol::AckResult::kOk);
  CHECK(protocol::textOf(acks.at(100).text) == "long_blink_ms set to 650");
  CHECK(acks.at(101).result == protocol::AckResult::kUnknownParameter);
  CHECK(acks.at(102).result == protocol::AckResult::kOk);
  CHECK(acks.at(103).result == protocol::AckResult::kOk);
  CHECK(rig.processor.params().longBlinkMs == 650);
  CHECK(rig.processor.calibrationMode());
}

TEST_CASE("an absent host costs messages, never the camera or tracking") {
  auto source = std::make_unique<TestPatternSource>(PatternSpec{320, 240, false, 200}, true);
  Rig rig(std::move(source));
  rig.transport->setAbsent(true);
  rig.pipeline->start();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const HealthTotals away = rig.health.totals();
  CHECK(away.framesProcessed > 50);
  CHECK(away.samplesSent == 0);
  rig.transport->setAbsent(false);  // the host comes back
  REQUIRE(eventually([&] { return rig.health.totals().samplesSent > 20; }));
  REQUIRE(rig.pipeline->stop(1000));
}

TEST_CASE("messages a full link drops are counted, and those without a host are not") {
  auto source = std::make_unique<TestPatternSource>(PatternSpec{320, 240, false, 200}, true);
  Rig rig(std::move(source));
  rig.transport->setAbsent(true);
  rig.pipeline->start();
  REQUIRE(eventually([&] { return rig.health.totals().framesProcessed > 20; }));
  CHECK(rig.health.totals().samplesSent == 0);
  CHECK(rig.health.totals().linkFullDrops == 0);  // no host: not the link's fault
  rig.transport->setAbsent(false);
  rig.transport->setFullEvery(3);  // the host is back, on a link that takes 2 in 3
  REQUIRE(eventually([&] { return rig.health.totals().linkFullDrops > 20; }));
  REQUIRE(rig.pipeline->stop(1000));
  const HealthTotals t = rig.health.totals();
  CHECK(t.samplesSent > t.linkFullDrops);
}

TEST_CASE("a finite source that ends finishes the pipeline after its last frame") {
  auto owned = std::make_unique<ScriptedSource>(200, 50);
  ScriptedSource* source = owned.get();
  Rig rig(std::move(owned));
  rig.pipeline->start();
  REQUIRE(eventually([&] { return rig.health.totals().samplesSent > 10; }));
  source->setMode(ScriptedSource::Mode::kEnd);
  REQUIRE(rig.pipeline->finishedBell().wait(3000));
  CHECK(rig.pipeline->finished());
  REQUIRE(rig.pipeline->stop(1000));
  const auto totals = rig.health.totals();
  CHECK(totals.samplesSent == totals.framesProcessed);  // the last ones were sent too
}

TEST_CASE("stop returns promptly even while the camera is stalled") {
  auto owned = std::make_unique<ScriptedSource>(100, 50);
  ScriptedSource* source = owned.get();
  Rig rig(std::move(owned));
  rig.pipeline->start();
  REQUIRE(eventually([&] { return rig.health.totals().framesIn > 5; }));
  source->setMode(ScriptedSource::Mode::kStall);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(rig.pipeline->stop(500));
}

}  // namespace
}  // namespace drishti::io
