#include "host/sim/profile_settings.h"

#include <catch2/catch.hpp>
#include <regex>

#include "tests/host/core/session_helpers.h"
#include "tests/host/sim/simulate_capture.h"

using namespace drishti;
using namespace drishti::sim;

namespace {

host::Profile base() {
  host::Profile p;
  p.access.dwell.cascadeMs = 500;  // not the struct's default: must survive
  return p;
}

double wpmOf(const std::string& line) {
  std::smatch m;
  const std::regex wpm(R"(([0-9]+\.[0-9]) wpm)");
  return std::regex_search(line, m, wpm) ? std::stod(m[1]) : -1;
}

}  // namespace

TEST_CASE("settings go into the profile by the profile parser, the rest stays the base's") {
  std::string error;
  const auto p = applySettings(base(),
                               {{"dwell.ms", "600"},
                                {"dwell.resize", "on"},
                                {"echo", "letters"},
                                {"menu", "en-abc hi-varnamala"},
                                {"help.message", "\"call the nurse\""}},
                               error);
  REQUIRE(p);
  CHECK(error.empty());
  CHECK(p->access.dwell.dwellMs == 600);
  CHECK(p->access.dwell.resize);
  CHECK(p->echoLetters);
  CHECK_FALSE(p->echoWords);
  CHECK(p->menu == std::vector<std::string>{"en-abc", "hi-varnamala"});
  CHECK(p->helpMessage == "call the nurse");
  CHECK(p->access.dwell.cascadeMs == 500);
  CHECK(host::formatProfile(*applySettings(base(), {}, error)) == host::formatProfile(base()));
}

TEST_CASE("a setting with an unknown key or a bad value is refused, naming it and the problem") {
  std::string error;
  CHECK_FALSE(applySettings(base(), {{"dwell.ms", "600"}, {"dwel.ms", "600"}}, error));
  CHECK(error == "--set dwel.ms 600: unknown setting 'dwel.ms'");
  CHECK_FALSE(applySettings(base(), {{"dwell.ms", "50"}}, error));
  CHECK(error == "--set dwell.ms 50: dwell.ms must be a whole number from 200 to 10000");
  CHECK_FALSE(applySettings(base(), {{"dwell.resize", "yes"}}, error));
  CHECK(error == "--set dwell.resize yes: dwell.resize must be on or off");
  CHECK_FALSE(applySettings(base(), {{"dwell.ms", "600"}, {"dwell.ms", "700"}}, error));
  CHECK(error.find("--set dwell.ms 700: 'dwell.ms' is set twice") == 0);
  // The parser's checks across settings too.
  CHECK_FALSE(applySettings(base(), {{"blink.max_ms", "300"}}, error));
  CHECK(error == "--set blink.max_ms 300: blink.max_ms must be longer than blink.min_ms");
  // A line break would add a setting the message could not name.
  CHECK_FALSE(applySettings(base(), {{"dwell.ms", "600\ndwell.resize on"}}, error));
  CHECK(error == "--set dwell.ms: the value must be one line");
  CHECK_FALSE(applySettings(base(), {{"dwell ms", "600"}}, error));
  CHECK(error.find("--set 'dwell ms': not a profile key") == 0);
}

TEST_CASE("drishti-simulate refuses a bad --set before simulating, with the parser's message") {
  const std::string data = host::test::dataDir().string();
  simtest::SimulateRun bad = simtest::runSimulate({"--data", data, "--set", "dwell.ms", "fast"});
  CHECK(bad.code == 2);
  CHECK(bad.lines.empty());
  CHECK(bad.err ==
        "drishti-simulate: --set dwell.ms fast: dwell.ms must be a whole number from 200 to "
        "10000\n");
  bad = simtest::runSimulate({"--data", data, "--set", "scan.mode", "spiral"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("scan.mode must be rows, groups, linear or huffman") != std::string::npos);
  bad = simtest::runSimulate({"--data", data, "--set", "method", "scan"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--set method") != std::string::npos);
  bad = simtest::runSimulate({"--data", data, "--set", "dwell.ms"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--set: needs a key and a value") != std::string::npos);
}

TEST_CASE("a --set changes what is simulated, and a shorthand is the same setting") {
  const std::vector<std::string> common = {"--data",
                                           host::test::dataDir().string(),
                                           "--method",
                                           "dwell",
                                           "--phrases",
                                           "3",
                                           "--reading-minutes",
                                           "0"};
  const auto run = [&common](std::vector<std::string> more) {
    more.insert(more.begin(), common.begin(), common.end());
    const simtest::SimulateRun r = simtest::runSimulate(more);
    REQUIRE(r.code == 0);
    REQUIRE(r.lines.size() == 1);
    return r.lines[0];
  };
  const std::string byDefault = run({});
  const std::string slow = run({"--set", "dwell.ms", "2500", "--set", "dwell.cascade_ms", "0"});
  CHECK(wpmOf(byDefault) > 0);
  CHECK(wpmOf(slow) > 0);
  CHECK(wpmOf(slow) < wpmOf(byDefault) - 1.0);
  CHECK(run({"--dwell-ms", "2500", "--cascade-ms", "0"}) == slow);
}

TEST_CASE("drishti-simulate takes --person novice or practised and refuses another") {
  const std::string data = host::test::dataDir().string();
  const simtest::SimulateRun bad = simtest::runSimulate({"--data", data, "--person", "expert"});
  CHECK(bad.code == 2);
  CHECK(bad.err == "drishti-simulate: --person: 'expert' is not novice or practised\n");
  const std::vector<std::string> common = {"--data",    data, "--method",          "dwell",
                                           "--phrases", "3",  "--reading-minutes", "0"};
  auto novice = common, practised = common;
  novice.insert(novice.end(), {"--person", "novice"});
  practised.insert(practised.end(), {"--person", "practised"});
  const simtest::SimulateRun n = simtest::runSimulate(novice);
  const simtest::SimulateRun p = simtest::runSimulate(practised);
  const simtest::SimulateRun d = simtest::runSimulate(common);
  REQUIRE(n.code == 0);
  REQUIRE(p.code == 0);
  REQUIRE(d.code == 0);
  CHECK(n.lines == d.lines);  // novice is the default person
  REQUIRE(p.lines.size() == 1);
  CHECK(p.lines != n.lines);
}
