#include "tests/generator/plan_script.h"

#include <catch2/catch.hpp>

using namespace drishti::gen;

TEST_CASE("a calibration plan becomes targets lasting until the next row, then the keys") {
  const std::string plan =
      "t_ms,x_px,y_px,phase\n0,640.0,400.0,move\n600,640.0,400.0,calibration\n"
      "2200,128.0,80.0,move\n2800,128.0,80.0,calibration\n4400,128.0,80.0,end\n"
      "9400,640.0,400.0,board\n";
  std::vector<PlannedTarget> out;
  std::string error;
  REQUIRE(planScript(plan, "p.csv", "x_px,y_px,duration_ms\n100,200,2500\n", "k.csv", 300, 640, 400,
                     out, error));
  REQUIRE(out.size() == 8);
  CHECK(out[0].durationMs == 300);  // the delay, at the centre
  CHECK(out[1].durationMs == 600);
  CHECK(out[3].x == 128.0);
  CHECK(out[3].durationMs == 600);
  CHECK(out[5].durationMs == 5000);  // "end" lasts until the board appears
  CHECK(out[7].x == 100);
  CHECK(out[7].durationMs == 2500);
  double total = 0;
  for (const PlannedTarget& p : out)
    total += p.durationMs;
  CHECK(total == Approx(300 + 9400 + 500 + 2500));
}

TEST_CASE("a bad plan or key file is refused naming the file and line") {
  std::vector<PlannedTarget> out;
  std::string error;
  CHECK_FALSE(planScript("hello\n", "p.csv", "", "", 0, 0, 0, out, error));
  CHECK(error.starts_with("p.csv:1:"));
  CHECK_FALSE(planScript("t_ms,x_px,y_px,phase\n0,1,2,move\nx,1,2,move\n", "p.csv", "", "", 0, 0, 0,
                         out, error));
  CHECK(error.starts_with("p.csv:3:"));
  CHECK_FALSE(planScript("t_ms,x_px,y_px,phase\n5,1,2,move\n1,1,2,move\n", "p.csv", "", "", 0, 0, 0,
                         out, error));
  CHECK(error.find("backwards") != std::string::npos);
  CHECK_FALSE(planScript("t_ms,x_px,y_px,phase\n0,1,2,move\n", "p.csv", "1,2\n", "k.csv", 0, 0, 0,
                         out, error));
  CHECK(error.starts_with("k.csv:1:"));
  // A closure longer than its row leaves no time for the lids to reopen.
  CHECK_FALSE(planScript("t_ms,x_px,y_px,phase\n0,1,2,move\n", "p.csv", "1,2,3000\n1,2,2500,2400\n",
                         "k.csv", 0, 0, 0, out, error));
  CHECK(error.starts_with("k.csv:2:"));
  CHECK(error.find("at least 2620 ms") != std::string::npos);
  CHECK_FALSE(planScript("t_ms,x_px,y_px,phase\n0,1,2,move\n", "p.csv", "1,2,3000,-5\n", "k.csv", 0,
                         0, 0, out, error));
  CHECK(error.starts_with("k.csv:1:"));
}

TEST_CASE("a key row may hold the eyes shut for a deliberate long blink") {
  std::vector<PlannedTarget> out;
  std::string error;
  REQUIRE(planScript("t_ms,x_px,y_px,phase\n0,640,400,board\n", "p.csv",
                     "640,400,3000,2500\n640,400,1000\n", "k.csv", 0, 640, 400, out, error));
  REQUIRE(out.size() == 3);
  CHECK(out[1].closedMs == 2500);
  CHECK(out[1].durationMs == 3000);
  CHECK(out[2].closedMs == 0);
}
