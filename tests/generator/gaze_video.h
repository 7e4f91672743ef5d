// GazeVideo: a scripted sequence of rendered frames with their truth, and
// where to write them.
//
// The script shows targets one after another (the calibration pattern, then
// its validation points, then random points) for dwellMs each; the GazeScene
// person looks at each, and EyeRenderer draws the frames. VideoSink writes
// them as a lossless FFV1 .mkv (exact pixels, for measuring a tracker), an
// MJPG .avi (webcam-like compression), or numbered PNG files in a folder.
// Not thread-safe.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>
#include <string>
#include <vector>

#include "tests/generator/eye_renderer.h"
#include "tests/generator/truth_csv.h"

namespace drishti::gen {

struct ScriptTarget {
  double x = 0, y = 0;  // screen px
  double durationMs = 2000;
  double closedMs = 0;  // eyes held shut this long from the start (GazeScene::closeEyesAt)
};

// Pattern points, validation points, then random points until `totalMs` (if
// longer), each shown for dwellMs.
std::vector<ScriptTarget> makeScript(int pattern, const host::CalibrationGeometry& screen,
                                     double dwellMs, double totalMs, std::uint64_t seed);

class GazeVideo {
 public:
  GazeVideo(const FacePhoto& photo, const SceneParams& scene, const RenderParams& render,
            std::vector<ScriptTarget> script);
  // The next frame and its truth; false at the end of the script.
  bool next(cv::Mat& frame, TruthRow& row);
  int frames() const;  // total frames of the script

 private:
  GazeScene scene_;
  EyeRenderer renderer_;
  std::vector<ScriptTarget> script_;
  std::vector<double> starts_;  // start time of each target, ms
  double totalMs_ = 0;
  int frame_ = 0;
};

class VideoSink {
 public:
  // Opens `path` (see above); false and `error` if it cannot be written.
  bool open(const std::string& path, double fps, cv::Size size, std::string& error);
  bool write(const cv::Mat& frame);
  void close();

 private:
  cv::VideoWriter writer_;
  std::string folder_;
  int index_ = 0;
};

}  // namespace drishti::gen
