// Shared plumbing of drishti-lab's subcommands: argument parsing, input
// lists, the landmark model, video decoding with timestamps, CSV files.
//
// These run offline on recorded data, so they may read files and clocks and
// report errors as messages; the tracking core they drive does neither.
#pragma once

#include <map>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>
#include <optional>
#include <string>
#include <vector>

#include "firmware/app/landmark_model_file.h"
#include "firmware/core/landmark_detector.h"

namespace drishti::lab {

// LabArgs: "--name value" options and "--flag" switches after the subcommand.
// Unknown names are reported by check(), so a typo is never silently ignored.
class LabArgs {
 public:
  LabArgs(int argc, char** argv, int first);
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  // Integer option; false with `error` set if present and not an integer in [lo, hi].
  bool getInt(const std::string& name, long lo, long hi, long& value, std::string& error) const;
  // false with `error` naming the first option not in `known` or a stray word.
  bool check(const std::vector<std::string>& known, std::string& error) const;

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> stray_;
};

// The image files named by `dirOrList`: every image file (by extension) in a
// directory, sorted by name; or each non-empty, non-'#' line of a list file,
// relative paths taken relative to the list file's directory.
std::optional<std::vector<std::string>> listImages(const std::string& dirOrList,
                                                   std::string& error);

// The file name part of a path ("a/b/c.jpg" -> "c.jpg").
std::string baseName(const std::string& path);

// The landmark model file, as drishti-tracker loads it.
using app::loadLandmarkModel;

// VideoReader: decodes a video file frame by frame with timestamps in ms:
// CAP_PROP_POS_MSEC while it increases, otherwise (FFmpeg reports 0 for the
// last frames of some files) the previous timestamp plus the nominal period.
class VideoReader {
 public:
  bool open(const std::string& path);
  bool read(cv::Mat& frame, double& tMs);
  double fps() const { return fps_; }

 private:
  cv::VideoCapture cap_;
  double fps_ = 30;
  double lastT_ = 0;
  long index_ = 0;
};

// Nearest-rank percentile of `values` (sorted copy), 0 when empty.
double percentile(std::vector<double> values, double p);

}  // namespace drishti::lab
