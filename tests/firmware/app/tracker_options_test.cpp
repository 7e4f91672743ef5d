#include "firmware/app/tracker_options.h"

#include <catch2/catch.hpp>

namespace drishti::app {
namespace {

bool parse(std::vector<const char*> args, TrackerOptions& o, std::string& error) {
  args.insert(args.begin(), "drishti-tracker");
  return parseTrackerOptions(static_cast<int>(args.size()), args.data(), o, error);
}

TEST_CASE("the command line chooses the board file, processor and overrides") {
  TrackerOptions o;
  std::string error;
  REQUIRE(parse({"--config", "b.ini", "--processor", "pattern", "--pattern", "--unpaced",
                 "--transport", "unix", "--socket", "/tmp/t.sock", "--duration", "2.5"},
                o, error));
  CHECK(o.configPath == "b.ini");
  CHECK(o.processor == "pattern");
  CHECK(o.pattern);
  CHECK(o.paced == false);
  CHECK(o.transport == io::TransportKind::kUnix);
  CHECK(o.durationS == 2.5);
}

TEST_CASE("the --frame-clock option replays a file deterministically and as fast as possible") {
  TrackerOptions o;
  std::string error;
  REQUIRE(parse({"--video", "v.avi", "--frame-clock"}, o, error));
  io::BoardConfig c;
  CHECK(applyOverrides(o, c).size() <= 1);  // v.avi does not exist here: at most that
  CHECK(c.camera.frameClock);
  CHECK_FALSE(c.camera.paced);
}

TEST_CASE("bad arguments are named") {
  TrackerOptions o;
  std::string error;
  CHECK_FALSE(parse({"--port", "70000"}, o, error));
  CHECK_THAT(error, Catch::Contains("--port"));
  CHECK_FALSE(parse({"--transport", "carrier-pigeon"}, o, error));
  CHECK_THAT(error, Catch::Contains("carrier-pigeon"));
  CHECK_FALSE(parse({"--config"}, o, error));
  CHECK_THAT(error, Catch::Contains("needs a value"));
  CHECK_FALSE(parse({"--frobnicate"}, o, error));
  CHECK_THAT(error, Catch::Contains("unknown argument '--frobnicate'"));
  TrackerOptions two;
  CHECK_FALSE(parse({"--pattern", "--video", "x.mp4"}, two, error));
  CHECK_FALSE(parse({"--processor", "magic"}, o, error));
  TrackerOptions clock;
  CHECK_FALSE(parse({"--pattern", "--frame-clock"}, clock, error));
  CHECK_THAT(error, Catch::Contains("--frame-clock"));
  CHECK_FALSE(parse({"--duration", "-1"}, o, error));
  CHECK_FALSE(parse({"--stop-with-parent", "me"}, o, error));
}

TEST_CASE("overrides replace the board file's choices and are checked like it") {
  TrackerOptions o;
  std::string error;
  REQUIRE(parse({"--pattern", "--transport", "udp", "--host", "10.1.2.3"}, o, error));
  io::BoardConfig c;
  auto errors = applyOverrides(o, c);
  CHECK(c.camera.source == io::SourceKind::kPattern);
  REQUIRE(errors.size() == 1);  // a remote host needs --allow-remote
  CHECK_THAT(errors[0].text(),
             Catch::StartsWith("command line: ") && Catch::Contains("not this machine"));
  TrackerOptions allowed;
  REQUIRE(parse({"--host", "10.1.2.3", "--allow-remote"}, allowed, error));
  io::BoardConfig c2;
  CHECK(applyOverrides(allowed, c2).empty());
  TrackerOptions video;
  REQUIRE(parse({"--video", "/no/such.mp4"}, video, error));
  io::BoardConfig c3;
  CHECK_FALSE(applyOverrides(video, c3).empty());
}

}  // namespace
}  // namespace drishti::app
