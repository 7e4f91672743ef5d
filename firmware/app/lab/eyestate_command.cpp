// drishti-lab eyestate: open / closed for tight eye crops.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <opencv2/imgcodecs.hpp>

#include "firmware/app/lab/lab_commands.h"
#include "firmware/core/eye_state_classifier.h"

namespace drishti::lab {

int eyestateCommand(const LabArgs& args) {
  std::string error;
  if (!args.check({"images", "out"}, error) || !args.has("images") || !args.has("out")) {
    std::cerr << "drishti-lab eyestate: " << (error.empty() ? "missing --images or --out" : error)
              << "\nusage: drishti-lab eyestate --images DIR_OR_LISTFILE --out results.csv\n";
    return 2;
  }
  const auto images = listImages(args.get("images"), error);
  if (!images) {
    std::cerr << "drishti-lab eyestate: " << error << "\n";
    return 2;
  }
  std::ofstream out(args.get("out"));
  if (!out) {
    std::cerr << "drishti-lab eyestate: " << args.get("out") << ": cannot write\n";
    return 2;
  }
  core::EyeStateClassifier classifier;
  out << "image,closed_prob,state\n";
  int unreadable = 0;
  char buf[64];
  for (const std::string& path : *images) {
    const cv::Mat crop = cv::imread(path, cv::IMREAD_GRAYSCALE);
    if (crop.empty() || crop.cols < 8 || crop.rows < 6) {
      std::cerr << "drishti-lab eyestate: " << path
                << (crop.empty() ? ": cannot read the image\n" : ": smaller than 8x6 px\n");
      ++unreadable;
      continue;
    }
    const float p = classifier.closedProbability(crop);
    std::snprintf(buf, sizeof buf, ",%.4f,%s\n", p, p >= 0.5f ? "closed" : "open");
    out << baseName(path) << buf;
  }
  out.flush();
  if (!out) {
    std::cerr << "drishti-lab eyestate: " << args.get("out") << ": write failed\n";
    return 2;
  }
  return unreadable ? 1 : 0;
}

}  // namespace drishti::lab
