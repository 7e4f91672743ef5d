#include "host/app/app_options.h"

#include <catch2/catch.hpp>

using namespace drishti::app;

namespace {

ParseResult parse(std::vector<std::string> args, AppOptions& o, std::string& error) {
  return parseAppOptions(args, o, error);
}

std::string errorOf(std::vector<std::string> args) {
  AppOptions o;
  std::string error;
  CHECK(parse(std::move(args), o, error) == ParseResult::kError);
  return error;
}

}  // namespace

TEST_CASE("a headless scripted run's options are all read") {
  AppOptions o;
  std::string error;
  REQUIRE(parse({"--headless",
                 "--script",
                 "s.script",
                 "--fast",
                 "--speech-wav=out/s.wav",
                 "--screenshot-dir",
                 "shots",
                 "--state",
                 "st",
                 "--profile",
                 "hindi",
                 "--size",
                 "1024x600",
                 "--log-text",
                 "--stats",
                 "--mouse-gaze",
                 "never",
                 "--udp",
                 "0.0.0.0:5000",
                 "--unix",
                 "/run/t.sock"},
                o, error) == ParseResult::kRun);
  CHECK(o.headless);
  CHECK(o.script == "s.script");
  CHECK(o.fast);
  CHECK(o.speechWav == "out/s.wav");
  CHECK(o.screenshotDir == "shots");
  CHECK(o.stateDir == "st");
  CHECK(o.profile == "hindi");
  CHECK(o.width == 1024);
  CHECK(o.height == 600);
  CHECK(o.logText);
  CHECK(o.stats);
  CHECK(o.mouseGaze == MouseGaze::kNever);
  CHECK(o.udp == "0.0.0.0:5000");
  CHECK(o.udpGiven);
  CHECK(o.unixSocket == "/run/t.sock");
}

TEST_CASE("defaults: a 1280x800 window, the mouse as gaze when the tracker is silent") {
  AppOptions o;
  std::string error;
  REQUIRE(parse({}, o, error) == ParseResult::kRun);
  CHECK(o.width == 1280);
  CHECK(o.height == 800);
  CHECK(o.mouseGaze == MouseGaze::kAuto);
  CHECK_FALSE(o.noWire);
  CHECK(o.udp.empty());
  CHECK_FALSE(o.logText);  // the text is private unless asked
}

TEST_CASE("help and version are answered before anything else") {
  AppOptions o;
  std::string error;
  CHECK(parse({"--size", "1x1", "--help"}, o, error) == ParseResult::kError);
  CHECK(parse({"--help", "--bogus"}, o, error) == ParseResult::kHelp);
  CHECK(parse({"-h"}, o, error) == ParseResult::kHelp);
  CHECK(parse({"--version"}, o, error) == ParseResult::kVersion);
}

TEST_CASE("bad command lines say what is wrong") {
  CHECK(errorOf({"--bogus"}) == "unknown option '--bogus' (see drishti --help)");
  CHECK(errorOf({"--script"}) == "--script needs a value (see drishti --help)");
  CHECK(errorOf({"--size", "800"}).starts_with("--size '800' is not WIDTHxHEIGHT"));
  CHECK(errorOf({"--size", "100x100"}).starts_with("--size '100x100' is not WIDTHxHEIGHT"));
  CHECK(errorOf({"--mouse-gaze", "sometimes"}) ==
        "--mouse-gaze 'sometimes' is not auto, always or never");
  CHECK(errorOf({"--udp", "localhost:1"}).starts_with("--udp: 'localhost'"));
  CHECK(errorOf({"--fast"}) == "--fast only applies to a --script run");
  CHECK(errorOf({"--no-wire", "--udp", "5000"}) == "--no-wire contradicts --udp/--unix");
  CHECK(errorOf({"--no-state", "--state", "x"}) == "--no-state contradicts --state");
  CHECK(errorOf({"--headless=yes"}) == "--headless takes no value");
  CHECK(errorOf({"--state="}) == "--state needs a non-empty value");
}

TEST_CASE("the help text documents every option and exit code") {
  const std::string help = helpText();
  for (const char* option :
       {"--udp",      "--unix",     "--no-wire", "--mouse-gaze", "--data",       "--voices",
        "--state",    "--no-state", "--profile", "--size",       "--fullscreen", "--software",
        "--headless", "--no-audio", "--script",  "--fast",       "--speech-wav", "--screenshot-dir",
        "--log-text", "--stats",    "--help",    "--version",    "47800"}) {
    INFO(option);
    CHECK(help.find(option) != std::string::npos);
  }
  for (int code :
       {kExitOk, kExitFailure, kExitUsage, kExitBadFile, kExitNoDisplay, kExitWireUnavailable}) {
    INFO(code);
    CHECK(help.find("\n  " + std::to_string(code) + "  ") != std::string::npos);
  }
}

TEST_CASE("calibration options: a pattern, the samples' clock, a plan to print") {
  AppOptions o;
  std::string error;
  REQUIRE(parse({"--calibrate", "13", "--follow-sample-clock", "--calibration-report", "r.svg"}, o,
                error) == ParseResult::kRun);
  CHECK(o.calibrate == 13);
  CHECK(o.followSampleClock);
  CHECK(o.calibrationReport == "r.svg");
  // Without a count: the profile's; the next option is not taken for one.
  REQUIRE(parse({"--calibrate", "--headless"}, o, error) == ParseResult::kRun);
  CHECK(o.calibrate == -1);
  CHECK(o.headless);
  REQUIRE(parse({"--calibration-plan", "5", "--screen", "1024x768"}, o, error) ==
          ParseResult::kCalibrationPlan);
  const std::string plan = calibrationPlanText(o);
  CHECK(plan.starts_with("t_ms,x_px,y_px,phase\n0,512.0,384.0,move\n"));
  CHECK(plan.find(",board\n") != std::string::npos);
  CHECK(errorOf({"--calibrate=7"}).find("5, 9 or 13") != std::string::npos);
  CHECK(errorOf({"--calibration-plan", "4"}).find("5, 9 or 13") != std::string::npos);
  CHECK(errorOf({"--follow-sample-clock"}).find("--calibrate") != std::string::npos);
}
