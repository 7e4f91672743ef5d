#include "tests/generator/gaze_video.h"

#include <cstdio>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <random>

#include "host/core/calibration_pattern.h"

namespace drishti::gen {

std::vector<ScriptTarget> makeScript(int pattern, const host::CalibrationGeometry& screen,
                                     double dwellMs, double totalMs, std::uint64_t seed) {
  host::PatternKind kind = host::PatternKind::kNine;
  host::patternKindFromCount(pattern, kind);
  const host::CalibrationPattern p = host::CalibrationPattern::make(kind);
  std::vector<ScriptTarget> out;
  for (const auto& pt : p.points)
    out.push_back({pt.fx * screen.widthPx, pt.fy * screen.heightPx, dwellMs});
  for (const auto& pt : p.validation)
    out.push_back({pt.fx * screen.widthPx, pt.fy * screen.heightPx, dwellMs});
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.05, 0.95);
  double t = dwellMs * static_cast<double>(out.size());
  while (t < totalMs) {
    out.push_back({u(rng) * screen.widthPx, u(rng) * screen.heightPx, dwellMs});
    t += dwellMs;
  }
  return out;
}

GazeVideo::GazeVideo(const FacePhoto& photo, const SceneParams& scene, const RenderParams& render,
                     std::vector<ScriptTarget> script)
    : scene_(scene), renderer_(photo, scene, render), script_(std::move(script)) {
  for (const ScriptTarget& s : script_) {
    starts_.push_back(totalMs_);
    if (s.closedMs > 0)
      scene_.closeEyesAt(totalMs_, s.closedMs);
    totalMs_ += s.durationMs;
  }
}

int GazeVideo::frames() const {
  return static_cast<int>(totalMs_ * scene_.params().fps / 1000.0);
}

bool GazeVideo::next(cv::Mat& frame, TruthRow& row) {
  if (frame_ >= frames())
    return false;
  const double t = frame_ * 1000.0 / scene_.params().fps;
  int index = static_cast<int>(starts_.size()) - 1;
  while (index > 0 && starts_[static_cast<std::size_t>(index)] > t)
    --index;
  const ScriptTarget& target = script_[static_cast<std::size_t>(index)];
  row.truth = scene_.step(true, target.x, target.y);
  row.targetIndex = index;
  row.face = renderer_.render(row.truth, frame);
  ++frame_;
  return true;
}

bool VideoSink::open(const std::string& path, double fps, cv::Size size, std::string& error) {
  namespace fs = std::filesystem;
  const std::string ext = fs::path(path).extension().string();
  if (ext == ".mkv" || ext == ".avi") {
    const int fourcc = ext == ".mkv" ? cv::VideoWriter::fourcc('F', 'F', 'V', '1')
                                     : cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
    if (!writer_.open(path, cv::CAP_FFMPEG, fourcc, fps, size, true)) {
      error = "cannot open " + path + " for writing (" + (ext == ".mkv" ? "FFV1" : "MJPG") +
              " through OpenCV's FFmpeg backend)";
      return false;
    }
    return true;
  }
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) {
    error = "cannot create the folder " + path + ": " + ec.message();
    return false;
  }
  folder_ = path;
  return true;
}

bool VideoSink::write(const cv::Mat& frame) {
  if (writer_.isOpened()) {
    writer_.write(frame);
    return true;
  }
  char name[32];
  std::snprintf(name, sizeof name, "/frame-%06d.png", index_++);
  return cv::imwrite(folder_ + name, frame);
}

void VideoSink::close() {
  writer_.release();
}

}  // namespace drishti::gen
