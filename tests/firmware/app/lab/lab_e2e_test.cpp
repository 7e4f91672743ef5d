// drishti-lab end to end: the real binary, its CSV columns and its handling
// of unreadable inputs (a message naming the file, a non-zero exit, and the
// results for the readable inputs still written).
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/test_data.h"

namespace {

struct Run {
  int status = -1;
  std::string out, err;
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line))
    out.push_back(line);
  return out;
}

Run lab(const std::string& args, const std::filesystem::path& dir) {
  const auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd =
      std::string(DRISHTI_LAB_BIN) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int rc = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace

TEST_CASE("lab locate writes one row per image and names an unreadable one", "[e2e]") {
  const auto data = drishti::test::dataDir("faces/pexels/images/0000.jpeg");
  const auto dir = drishti::test::scratchDir("lab-locate");
  {
    std::ofstream list(dir / "images.txt");
    list << (data / "faces/pexels/images/0000.jpeg").string() << "\n# a comment\n"
         << "missing.jpeg\n"
         << (data / "faces/pexels/images/0002.jpeg").string() << "\n";
  }
  const Run r = lab(
      "locate --images " + (dir / "images.txt").string() + " --out " + (dir / "out.csv").string(),
      dir);
  CHECK(r.status == 1);
  CHECK(r.err.find("missing.jpeg") != std::string::npos);
  const auto rows = lines(slurp(dir / "out.csv"));
  REQUIRE(rows.size() == 4u);
  CHECK(rows[0] == "image,face_found,imgleft_x,imgleft_y,imgright_x,imgright_y,confidence");
  CHECK(rows[1].rfind("0000.jpeg,1,", 0) == 0);
  CHECK(rows[2].rfind("missing.jpeg,0,", 0) == 0);
  CHECK(rows[3].rfind("0002.jpeg,1,", 0) == 0);
  // 0000.jpeg: annotated eyes at (255,187) and (348,187).
  double lx = 0, ly = 0, rx = 0, ry = 0;
  REQUIRE(std::sscanf(rows[1].c_str(), "0000.jpeg,1,%lf,%lf,%lf,%lf", &lx, &ly, &rx, &ry) == 4);
  CHECK(std::hypot(lx - 255, ly - 187) < 5);
  CHECK(std::hypot(rx - 348, ry - 187) < 5);
}

TEST_CASE("lab eyestate classifies a directory of crops", "[e2e]") {
  const auto data = drishti::test::dataDir("eyes/rt_bene/left");
  const auto dir = drishti::test::scratchDir("lab-eyestate");
  const Run r = lab("eyestate --images " + (data / "eyes/rt_bene/left").string() + " --out " +
                        (dir / "out.csv").string(),
                    dir);
  CHECK(r.status == 0);
  const auto rows = lines(slurp(dir / "out.csv"));
  REQUIRE(rows.size() == 3u);
  CHECK(rows[0] == "image,closed_prob,state");
  CHECK(rows[1].rfind("left_blink.png,", 0) == 0);
  CHECK(rows[1].find(",closed") != std::string::npos);
}

TEST_CASE("lab blinks on an unreadable video names it and still writes the headers", "[e2e]") {
  const auto dir = drishti::test::scratchDir("lab-blinks-bad");
  {
    std::ofstream junk(dir / "junk.mp4");
    junk << "this is not a video";
  }
  const Run r =
      lab("blinks --video " + (dir / "junk.mp4").string() + " --out " +
              (dir / "frames.csv").string() + " --events " + (dir / "events.csv").string(),
          dir);
  CHECK(r.status != 0);
  CHECK(r.err.find("junk.mp4") != std::string::npos);
  CHECK(lines(slurp(dir / "frames.csv")) ==
        std::vector<std::string>{"frame,t_ms,face_found,openness_left,openness_right,closed"});
  CHECK(lines(slurp(dir / "events.csv")) ==
        std::vector<std::string>{"blink_id,start_frame,end_frame,start_ms,end_ms,kind"});
}

TEST_CASE("lab blinks writes a row for every decoded frame", "[e2e]") {
  const auto data = drishti::test::dataDir("videos/tiny-96x128.mp4");
  const auto dir = drishti::test::scratchDir("lab-blinks");
  const Run r =
      lab("blinks --video " + (data / "videos/tiny-96x128.mp4").string() + " --out " +
              (dir / "frames.csv").string() + " --events " + (dir / "events.csv").string(),
          dir);
  CHECK(r.status == 0);
  const auto rows = lines(slurp(dir / "frames.csv"));
  REQUIRE(rows.size() == 76u);  // header + 75 frames
  CHECK(rows[1].rfind("0,", 0) == 0);
  CHECK(rows[75].rfind("74,", 0) == 0);
}

TEST_CASE("lab bench reports both pipelines on the same frames as JSON", "[e2e]") {
  const auto data = drishti::test::dataDir("videos/tiny-96x128.mp4");
  const auto dir = drishti::test::scratchDir("lab-bench");
  const Run r = lab("bench --video " + (data / "videos/tiny-96x128.mp4").string() +
                        " --frames 20 --repeat 1 --baseline naive",
                    dir);
  CHECK(r.status == 0);
  for (const char* key : {"\"frames\": 20", "\"faces_found\"", "\"detector_runs\"", "\"p50\"",
                          "\"p99\"", "\"baseline\"", "\"name\": \"naive\"", "\"ratio\""})
    CHECK(r.out.find(key) != std::string::npos);
}

TEST_CASE("lab rejects an unknown command or option with usage", "[e2e]") {
  const auto dir = drishti::test::scratchDir("lab-usage");
  const Run unknown = lab("frobnicate", dir);
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown command 'frobnicate'") != std::string::npos);
  const Run option = lab("locate --images x --out y --colour red", dir);
  CHECK(option.status == 2);
  CHECK(option.err.find("--colour") != std::string::npos);
}
