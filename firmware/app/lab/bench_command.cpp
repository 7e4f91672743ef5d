// drishti-lab bench: per-frame processing time of the tracking core, and of
// the naive baseline on the same frames in the same run. JSON on stdout.
//
// Frames are decoded first and downscaled (area interpolation) to at most a
// 640x480-equivalent pixel count outside the timing, i.e. what a 640x480
// camera delivers (--native: as decoded). The timed unit is one TrackingPipeline::process() call
// (grey conversion, tracking with one landmark evaluation, periodic local
// detector checks, pupils, eye state, openness, head pose, blinks) or one
// NaiveTracker::process() call. Times are wall clock (steady_clock) and this
// thread's CPU time (which excludes time given to other processes).
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "firmware/app/lab/allocation_counter.h"
#include "firmware/app/lab/lab_commands.h"
#include "firmware/app/lab/naive_tracker.h"
#include "firmware/core/landmark_regressor.h"
#include "firmware/core/tracking_pipeline.h"

namespace drishti::lab {
namespace {

constexpr int kMaxWorkPixels = 640 * 480;
constexpr int kWarmFrames = 10;  // frames before allocations are counted

struct Timer {
  std::chrono::steady_clock::time_point wall0;
  timespec cpu0{};
  void start() {
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
    wall0 = std::chrono::steady_clock::now();
  }
  void stop(double& wallMs, double& cpuMs) const {
    wallMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall0).count();
    timespec c1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    cpuMs = static_cast<double>(c1.tv_sec - cpu0.tv_sec) * 1e3 +
            static_cast<double>(c1.tv_nsec - cpu0.tv_nsec) * 1e-6;
  }
};

struct Series {
  std::vector<double> wall, cpu;
  void add(double w, double c) {
    wall.push_back(w);
    cpu.push_back(c);
  }
};

std::string stats(const std::vector<double>& v) {
  double mean = 0;
  for (double x : v)
    mean += x;
  mean = v.empty() ? 0 : mean / static_cast<double>(v.size());
  char b[200];
  std::snprintf(b, sizeof b,
                "{\"n\": %zu, \"p50\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"max\": %.3f, "
                "\"mean\": %.3f}",
                v.size(), percentile(v, 0.5), percentile(v, 0.9), percentile(v, 0.99),
                percentile(v, 1.0), mean);
  return b;
}

std::string loadAverage() {
  std::FILE* f = std::fopen("/proc/loadavg", "r");
  if (!f)
    return "?";
  char buf[128] = {0};
  if (!std::fgets(buf, sizeof buf, f))
    buf[0] = 0;
  std::fclose(f);
  std::string s(buf);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v)
    s += x;
  return s;
}

double ratio(double a, double b) {
  return b > 0 ? a / b : 0;
}

}  // namespace

int benchCommand(const LabArgs& args) {
  std::string error;
  long maxFrames = 1000000, repeat = 3;
  if (!args.check({"video", "frames", "baseline", "repeat", "model", "native"}, error) ||
      !args.getInt("frames", 1, 1000000, maxFrames, error) ||
      !args.getInt("repeat", 1, 100, repeat, error) || !args.has("video") ||
      (args.has("baseline") && args.get("baseline") != "naive")) {
    std::cerr << "drishti-lab bench: "
              << (error.empty() ? "missing --video, or --baseline other than naive" : error)
              << "\nusage: drishti-lab bench --video FILE [--frames N] [--baseline naive]"
                 " [--repeat K] [--native]\n";
    return 2;
  }
  const bool naive = args.has("baseline");
  // --native: hand the pipeline the decoded frames as they are, so its own
  // downscale and grey conversion are timed too (the naive baseline then
  // runs on the same full-size frames).
  const bool native = args.has("native");
  VideoReader video;
  if (!video.open(args.get("video"))) {
    std::cerr << "drishti-lab bench: " << args.get("video") << ": cannot open the video\n";
    return 1;
  }
  std::vector<cv::Mat> frames;
  std::vector<double> times;
  cv::Size original;
  {
    cv::Mat f;
    double t = 0;
    while (static_cast<long>(frames.size()) < maxFrames && video.read(f, t)) {
      original = f.size();
      const double px = static_cast<double>(f.cols) * f.rows;
      cv::Mat g;
      if (px > kMaxWorkPixels && !native) {
        const double s = std::sqrt(kMaxWorkPixels / px);
        cv::resize(f, g, cv::Size(static_cast<int>(f.cols * s), static_cast<int>(f.rows * s)), 0, 0,
                   cv::INTER_AREA);
      } else {
        g = f.clone();
      }
      frames.push_back(g);
      times.push_back(t);
    }
  }
  if (frames.empty()) {
    std::cerr << "drishti-lab bench: " << args.get("video") << ": no frame could be decoded\n";
    return 1;
  }
  auto landmarks = loadLandmarkModel(args.get("model"), error);
  if (!landmarks) {
    std::cerr << "drishti-lab bench: " << error << "\n";
    return 2;
  }
  const auto model = std::make_shared<const core::LandmarkModel>(landmarks->predictor());
  const size_t n = frames.size();

  Timer timer;
  Series all, tracked, detecting, naiveAll;
  std::vector<double> firstDetection, firstDetectionCpu, naiveFirst;
  long faces = 0, detectorRuns = 0, naiveFaces = 0;
  long warmTracked = 0, warmTrackedNew = 0, detectorFrames = 0, detectorNew = 0;
  long naiveCounted = 0, naiveNew = 0;
  for (long rep = 0; rep < repeat; ++rep) {
    core::TrackingPipeline pipeline(landmarks->predictor(), core::TrackingParams{}, model);
    bool acquired = false;
    for (size_t i = 0; i < n; ++i) {
      const std::uint64_t new0 = operatorNewCount();
      timer.start();
      const core::FrameResult& r = pipeline.process(frames[i], times[i]);
      double w = 0, c = 0;
      timer.stop(w, c);
      const long news = static_cast<long>(operatorNewCount() - new0);
      all.add(w, c);
      if (r.face.detectorRuns > 0)
        detecting.add(w, c);
      else if (r.face.found)
        tracked.add(w, c);
      if (!acquired && r.face.acquired) {
        acquired = true;
        firstDetection.push_back(w);
        firstDetectionCpu.push_back(c);
      }
      if (rep != 0)
        continue;
      faces += r.face.found ? 1 : 0;
      detectorRuns += r.face.detectorRuns;
      if (i < kWarmFrames)
        continue;
      if (r.face.detectorRuns > 0) {
        ++detectorFrames;
        detectorNew += news;
      } else if (r.face.found) {
        ++warmTracked;
        warmTrackedNew += news;
      }
    }
    if (!naive)
      continue;
    NaiveTracker baseline(landmarks->predictor());
    for (size_t i = 0; i < n; ++i) {
      const std::uint64_t new0 = operatorNewCount();
      timer.start();
      const bool ok = baseline.process(frames[i]);
      double w = 0, c = 0;
      timer.stop(w, c);
      naiveAll.add(w, c);
      if (i == 0)
        naiveFirst.push_back(w);
      if (rep != 0)
        continue;
      naiveFaces += ok ? 1 : 0;
      if (i >= kWarmFrames) {
        ++naiveCounted;
        naiveNew += static_cast<long>(operatorNewCount() - new0);
      }
    }
  }

  auto per = [](long total, long count) {
    return count > 0 ? static_cast<double>(total) / static_cast<double>(count) : 0.0;
  };
  std::printf("{\n  \"video\": \"%s\",\n  \"input_size\": [%d, %d],\n", args.get("video").c_str(),
              original.width, original.height);
  std::printf("  \"processed_size\": [%d, %d],\n  \"frames\": %zu,\n  \"repeats\": %ld,\n",
              frames[0].cols, frames[0].rows, n, repeat);
  std::printf("  \"faces_found\": %ld,\n  \"detector_runs\": %ld,\n", faces, detectorRuns);
  std::printf("  \"ms\": %s,\n  \"cpu_ms\": %s,\n", stats(all.wall).c_str(),
              stats(all.cpu).c_str());
  std::printf("  \"tracked_ms\": %s,\n  \"tracked_cpu_ms\": %s,\n", stats(tracked.wall).c_str(),
              stats(tracked.cpu).c_str());
  std::printf("  \"detector_frame_ms\": %s,\n  \"first_detection_ms\": %s,\n",
              stats(detecting.wall).c_str(), stats(firstDetection).c_str());
  std::printf("  \"first_detection_cpu_ms\": %s,\n", stats(firstDetectionCpu).c_str());
  std::printf(
      "  \"operator_new_per_frame\": {\"tracked\": %.2f, \"tracked_frames\": %ld, "
      "\"with_detector\": %.1f, \"detector_frames\": %ld},\n",
      per(warmTrackedNew, warmTracked), warmTracked, per(detectorNew, detectorFrames),
      detectorFrames);
  if (naive) {
    std::printf("  \"baseline\": {\n    \"name\": \"naive\",\n    \"faces_found\": %ld,\n",
                naiveFaces);
    std::printf("    \"detector_runs\": %zu,\n    \"ms\": %s,\n    \"cpu_ms\": %s,\n", n,
                stats(naiveAll.wall).c_str(), stats(naiveAll.cpu).c_str());
    std::printf("    \"first_frame_ms\": %s,\n    \"operator_new_per_frame\": %.1f\n  },\n",
                stats(naiveFirst).c_str(), per(naiveNew, naiveCounted));
    // Both pipelines ran the same frames the same number of times, so the
    // ratio of the sums is the ratio of the means.
    std::printf(
        "  \"ratio\": {\"p50\": %.2f, \"mean\": %.2f, \"cpu_p50\": %.2f, \"cpu_mean\": %.2f},\n",
        ratio(percentile(naiveAll.wall, 0.5), percentile(all.wall, 0.5)),
        ratio(sum(naiveAll.wall), sum(all.wall)),
        ratio(percentile(naiveAll.cpu, 0.5), percentile(all.cpu, 0.5)),
        ratio(sum(naiveAll.cpu), sum(all.cpu)));
  }
  std::printf("  \"load_average\": \"%s\"\n}\n", loadAverage().c_str());
  return 0;
}

}  // namespace drishti::lab
