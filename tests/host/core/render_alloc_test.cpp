// Rebuilding the DrawList every frame must not allocate once warm, nor
// mapping a sample through the calibrated gaze mapper. Counted
// with firmware/app/lab/allocation_counter.cpp and
// allocation_counter_malloc.cpp, which replace the allocation
// functions, so this is a program of its own.
#include <catch2/catch.hpp>
#include <vector>

#include "firmware/app/lab/allocation_counter.h"
#include "host/core/gaze_model_mapper.h"
#include "host/core/host_session.h"
#include "method_test_helpers.h"
#include "session_helpers.h"
#include "tests/host/core/calibration_fixture.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

std::uint64_t allocationsDuring(const HostSession& s, DrawList& list) {
  const std::uint64_t before = drishti::lab::allocationCount();
  s.render(list);
  return drishti::lab::allocationCount() - before;
}

}  // namespace

TEST_CASE("rendering a warm screen allocates nothing, on every kind of screen") {
  SessionConfig c;
  c.dataDir = dataDir();
  HostSession s(c, nullptr);
  DrawList list;
  std::int64_t t = 1'000'000;
  s.advanceTo(t * 1000);
  const auto warmAndCount = [&](const char* what) {
    for (int i = 0; i < 3; ++i)
      s.render(list);  // warm: the list grows to this screen's size
    INFO(what << " (" << s.screenName() << ")");
    CHECK(allocationsDuring(s, list) == 0);
    CHECK_FALSE(list.commands().empty());
  };
  // A board with the dwell ring part-way round.
  const Rect a = s.targets()[static_cast<std::size_t>(s.findTarget("a"))].rect;
  for (int k = 0; k < 20; ++k)
    s.handle(gaze(t += 33, a.x + 10, a.y + 10));
  REQUIRE(s.methodView().progress > 0);
  warmAndCount("dwell progress");
  // The same screen while the ring moves on: new progress, same allocations (none).
  s.handle(gaze(t += 33, a.x + 10, a.y + 10));
  CHECK(allocationsDuring(s, list) == 0);

  Profile p = s.profile();
  p.access.method = MethodKind::kScan;
  REQUIRE(s.saveProfile(p).empty());
  s.advanceTo((t += 2000) * 1000);
  warmAndCount("scanning highlight");
  p.access.method = MethodKind::kGesture;
  REQUIRE(s.saveProfile(p).empty());
  s.handle(gaze(t += 33, 640, 400));
  s.handle(gaze(t += 33, 20, 400));
  s.advanceTo((t += 300) * 1000);
  warmAndCount("gesture halves");

  s.handle(blink(t += 2500, 2500));
  s.handle(blink(t += 3500, 2500));
  for (const std::int64_t end = t + 4500; t < end; t += 33)  // eyes open after the burst
    s.handle(lids(t, true));
  REQUIRE(s.resting());
  warmAndCount("rest");
  for (int k = 0; k < 3; ++k)
    s.handle(blink(t += 3000, 2500));
  REQUIRE(s.helpShown());
  warmAndCount("help");
  s.cancelHelp();
  s.handle(simple(t += 10, InputKind::kTrackingLost));
  s.advanceTo((t += 3000) * 1000);
  REQUIRE(s.trackingLostShown());
  warmAndCount("tracking lost");
}

TEST_CASE("the allocation counter does count allocations") {
  const std::uint64_t before = drishti::lab::allocationCount();
  auto* v = new std::vector<int>(100);
  const std::uint64_t after = drishti::lab::allocationCount();
  delete v;
  CHECK(after - before >= 2);
}

TEST_CASE("mapping a sample with the appearance y and its drift check allocates nothing") {
  const CalibrationRecord rec = drishti::test::makeCalibrationRecord();
  GazeEyeModel e0 = rec.model.eye(0);
  GazeAppearanceY& a = e0.appearanceY;
  a.used = true;
  a.mean.fill(1.0 / 15);
  a.scale = 0.01;
  a.coef[1] = 5;
  a.minY = 0;
  a.maxY = 800;
  a.heldOutPupilPx = 40;
  a.heldOutAppearancePx = 30;
  a.span[0][0] = 1;
  a.spanResidual = 0.001;
  CalibratedGazeMapper mapper;
  mapper.setModel(GazeModel(rec.report.geometry, e0, rec.model.eye(1), rec.model.params()));
  drishti::test::SyntheticViewer viewer;
  GazePoint p;
  std::uint64_t allocations = 0;
  for (int i = 0; i < 100; ++i) {
    drishti::protocol::EyeSample s = viewer.look(700, 300);
    s.captureUs = 1'000'000 + static_cast<std::uint64_t>(i) * 33'333;
    for (std::size_t k = 0; k < s.eyes[0].appearance.size(); ++k)
      s.eyes[0].appearance[k] = k == 3 ? 0.1f + 0.3f / 15 : (1.f - 0.1f - 0.3f / 15) / 14;
    const std::uint64_t before = drishti::lab::allocationCount();
    mapper.map(s, p);
    allocations += drishti::lab::allocationCount() - before;
  }
  CHECK(allocations == 0);
  CHECK(mapper.appearanceHeldOff() == 1u);  // the cells were off the span: the check ran
}
