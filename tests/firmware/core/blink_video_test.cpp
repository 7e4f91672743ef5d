// End-to-end regression test: the pipeline on the two labelled videos must
// reach blink F1 >= 0.9 against labels/<video>.blinks.csv (event matching as
// in eval/evalBlinks.py: overlap of inclusive frame intervals, one-to-one).
// Needs DRISHTI_DATA; skipped with a message without it.
#include <dlib/image_processing/shape_predictor.h>
#include <dlib/serialize.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <opencv2/videoio.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "firmware/core/tracking_pipeline.h"
#include "tests/firmware/core/core_test_support.h"
#include "tests/support/test_data.h"

using namespace drishti::core;

namespace {

struct Interval {
  int a, b;
};

std::vector<Interval> readLabels(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::vector<Interval> out;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string id, a, b;
    std::getline(ls, id, ',');
    std::getline(ls, a, ',');
    std::getline(ls, b, ',');
    out.push_back({std::stoi(a), std::stoi(b)});
  }
  return out;
}

// Greedy one-to-one matching in time order (equivalent to maximum matching
// for non-overlapping interval sets like these).
int matches(const std::vector<Interval>& truth, const std::vector<Interval>& det) {
  std::vector<bool> used(det.size(), false);
  int tp = 0;
  for (const Interval& t : truth)
    for (size_t j = 0; j < det.size(); ++j)
      if (!used[j] && det[j].a <= t.b && t.a <= det[j].b) {
        used[j] = true;
        ++tp;
        break;
      }
  return tp;
}

double f1For(const std::string& video, const dlib::shape_predictor& sp, int* nDet) {
  const std::string data = drishti::test::dataDir().string();
  cv::VideoCapture cap(data + "/videos/" + video + ".mp4");
  TrackingPipeline pipe(sp);
  std::vector<double> times;
  std::vector<Interval> det;
  cv::Mat f;
  double last = -1;
  const double fps = cap.get(cv::CAP_PROP_FPS);
  while (cap.read(f)) {
    double t = cap.get(cv::CAP_PROP_POS_MSEC);
    if (!(t > last))
      t = last + 1000.0 / fps;  // some files report 0 at the end
    last = t;
    times.push_back(t);
    const FrameResult& r = pipe.process(f, t);
    for (int k = 0; k < r.blink.count; ++k) {
      if (r.blink.events[k].kind == BlinkKind::kDouble)
        continue;
      auto frameOf = [&](double ms) {
        int best = 0;
        for (size_t i = 0; i < times.size(); ++i)
          if (std::abs(times[i] - ms) < std::abs(times[best] - ms))
            best = static_cast<int>(i);
        return best;
      };
      det.push_back({frameOf(r.blink.events[k].startMs), frameOf(r.blink.events[k].endMs)});
    }
  }
  const auto truth = readLabels(std::string(DRISHTI_LABELS_DIR) + "/" + video + ".blinks.csv");
  const int tp = matches(truth, det);
  *nDet = static_cast<int>(det.size());
  const double p = det.empty() ? 0 : static_cast<double>(tp) / det.size();
  const double r = truth.empty() ? 1 : static_cast<double>(tp) / truth.size();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

}  // namespace

TEST_CASE("BlinkVideo: labelled videos reach f1", "[BlinkVideo][data]") {
  drishti::test::dataDir("videos");
  const dlib::shape_predictor& sp = drishti::test::landmarkDetector().predictor();
  for (const char* v : {"laptop-webcam-1080p", "phone-portrait-480x854"}) {
    int n = 0;
    const double f1 = f1For(v, sp, &n);
    std::printf("%s: %d events, F1 %.3f\n", v, n, f1);
    CHECK(f1 >= 0.9);
  }
}
