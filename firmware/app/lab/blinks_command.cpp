// drishti-lab blinks: the tracking pipeline over a video; per-frame openness
// and the blink events.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

#include "firmware/app/lab/lab_commands.h"
#include "firmware/core/tracking_pipeline.h"

namespace drishti::lab {
namespace {

// Frame whose timestamp is nearest to t (events carry sample timestamps, so
// this is exact for events of this run).
long frameAt(const std::vector<double>& times, double t) {
  const auto it = std::lower_bound(times.begin(), times.end(), t);
  if (it == times.end())
    return static_cast<long>(times.size()) - 1;
  if (it != times.begin() && t - *(it - 1) < *it - t)
    return static_cast<long>(it - times.begin()) - 1;
  return static_cast<long>(it - times.begin());
}

}  // namespace

int blinksCommand(const LabArgs& args) {
  std::string error;
  if (!args.check({"video", "out", "events", "model"}, error) || !args.has("video") ||
      !args.has("out") || !args.has("events")) {
    std::cerr << "drishti-lab blinks: "
              << (error.empty() ? "missing --video, --out or --events" : error)
              << "\nusage: drishti-lab blinks --video FILE --out frames.csv --events events.csv\n";
    return 2;
  }
  std::ofstream frames(args.get("out")), events(args.get("events"));
  if (!frames || !events) {
    std::cerr << "drishti-lab blinks: " << (frames ? args.get("events") : args.get("out"))
              << ": cannot write\n";
    return 2;
  }
  frames << "frame,t_ms,face_found,openness_left,openness_right,closed\n";
  events << "blink_id,start_frame,end_frame,start_ms,end_ms,kind\n";
  VideoReader video;
  if (!video.open(args.get("video"))) {
    std::cerr << "drishti-lab blinks: " << args.get("video") << ": cannot open the video\n";
    return 1;
  }
  auto landmarks = loadLandmarkModel(args.get("model"), error);
  if (!landmarks) {
    std::cerr << "drishti-lab blinks: " << error << "\n";
    return 2;
  }
  core::TrackingPipeline pipeline(landmarks->predictor());
  std::vector<double> times;
  std::vector<core::BlinkEvent> found;
  cv::Mat frame;
  double t = 0;
  char buf[160];
  while (video.read(frame, t)) {
    const core::FrameResult& r = pipeline.process(frame, t);
    std::snprintf(buf, sizeof buf, "%zu,%.2f,%d,%.4f,%.4f,%d\n", times.size(), t,
                  r.face.found ? 1 : 0, r.face.found ? r.left.openness.openness : 0.f,
                  r.face.found ? r.right.openness.openness : 0.f, r.blink.closed ? 1 : 0);
    frames << buf;
    times.push_back(t);
    // Double blinks are made of two blinks that are rows already.
    for (int k = 0; k < r.blink.count; ++k)
      if (r.blink.events[static_cast<size_t>(k)].kind != core::BlinkKind::kDouble)
        found.push_back(r.blink.events[static_cast<size_t>(k)]);
  }
  if (times.empty()) {
    std::cerr << "drishti-lab blinks: " << args.get("video") << ": no frame could be decoded\n";
    return 1;
  }
  for (size_t i = 0; i < found.size(); ++i) {
    const core::BlinkEvent& e = found[i];
    std::snprintf(buf, sizeof buf, "%zu,%ld,%ld,%.2f,%.2f,%s\n", i + 1, frameAt(times, e.startMs),
                  frameAt(times, e.endMs), e.startMs, e.endMs, core::toString(e.kind));
    events << buf;
  }
  frames.flush();
  events.flush();
  if (!frames || !events) {
    std::cerr << "drishti-lab blinks: writing the results failed\n";
    return 2;
  }
  std::cerr << "drishti-lab blinks: " << times.size() << " frames, " << found.size() << " blinks\n";
  return 0;
}

}  // namespace drishti::lab
