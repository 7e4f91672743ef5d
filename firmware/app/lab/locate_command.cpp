// drishti-lab locate: pupil centres in still images.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "firmware/app/lab/lab_commands.h"
#include "firmware/core/face_finder.h"
#include "firmware/core/pupil_locator.h"

namespace drishti::lab {

int locateCommand(const LabArgs& args) {
  std::string error;
  if (!args.check({"images", "out", "model"}, error) || !args.has("images") || !args.has("out")) {
    std::cerr << "drishti-lab locate: " << (error.empty() ? "missing --images or --out" : error)
              << "\nusage: drishti-lab locate --images DIR_OR_LISTFILE --out results.csv"
                 " [--model shape_predictor_68_face_landmarks.dat]\n";
    return 2;
  }
  const auto images = listImages(args.get("images"), error);
  if (!images) {
    std::cerr << "drishti-lab locate: " << error << "\n";
    return 2;
  }
  auto landmarks = loadLandmarkModel(args.get("model"), error);
  if (!landmarks) {
    std::cerr << "drishti-lab locate: " << error << "\n";
    return 2;
  }
  std::ofstream out(args.get("out"));
  if (!out) {
    std::cerr << "drishti-lab locate: " << args.get("out") << ": cannot write\n";
    return 2;
  }
  core::FaceDetector detector;
  core::FaceFinder finder(detector, *landmarks);
  core::PupilLocator locator;
  out << "image,face_found,imgleft_x,imgleft_y,imgright_x,imgright_y,confidence\n";
  int unreadable = 0;
  cv::Mat grey;
  char buf[160];
  for (const std::string& path : *images) {
    const std::string name = baseName(path);
    const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
    if (bgr.empty()) {
      std::cerr << "drishti-lab locate: " << path << ": cannot read the image\n";
      ++unreadable;
      out << name << ",0,nan,nan,nan,nan,0\n";
      continue;
    }
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    const core::FoundFace face = finder.find(grey);
    if (!face.found) {
      out << name << ",0,nan,nan,nan,nan,0\n";
      continue;
    }
    core::PupilEstimate eye[2];
    for (int e = 0; e < 2; ++e)
      eye[e] = locator.locate(
          grey, core::eyeContour(face.landmarks,
                                 e == 0 ? core::kImageLeftEyeFirst : core::kImageRightEyeFirst));
    // "imgleft" is the eye further left in the image (for a face rolled past
    // 90 degrees that is not the landmark model's image-left eye).
    const bool swap = eye[1].centre.x < eye[0].centre.x;
    const core::PupilEstimate& l = eye[swap ? 1 : 0];
    const core::PupilEstimate& r = eye[swap ? 0 : 1];
    const float conf = 0.5f * (l.confidence + r.confidence);
    std::snprintf(buf, sizeof buf, ",1,%.2f,%.2f,%.2f,%.2f,%.3f\n", l.centre.x, l.centre.y,
                  r.centre.x, r.centre.y, conf);
    out << name << buf;
  }
  out.flush();
  if (!out) {
    std::cerr << "drishti-lab locate: " << args.get("out") << ": write failed\n";
    return 2;
  }
  return unreadable ? 1 : 0;
}

}  // namespace drishti::lab
