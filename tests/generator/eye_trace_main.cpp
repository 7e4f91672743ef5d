// drishti-eye-trace: the tracking core's vertical eye signals, frame by frame.
//
//   drishti-eye-trace VIDEO|IMAGE... [--fps 30] > trace.csv
// Runs core::TrackingPipeline (default parameters, the flat landmark model of
// models/) on every frame of a video, or on each still image given (each a
// fresh pipeline), with time stamps at --fps, and writes one CSV row per
// frame and eye: the pupil's normY, the upper lid's (EyeFeatures::lidNormY),
// the blend normY the tracker sends, normX, the openness and the pupil's
// centre in frame pixels (pupil_x, pupil_y: compared with the truth CSV's
// iris centre it shows the pupil's error without the eye corners). For
// judging the lid feature on real faces (docs/BENCHMARKS.md, "Calibration and
// end to end"); next to a generated video's truth CSV, row i is frame i.
#include <cstdio>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>
#include <string>
#include <vector>

#include "firmware/app/landmark_model_file.h"
#include "firmware/core/tracking_pipeline.h"

using namespace drishti;

namespace {

void row(const char* source, int frame, const core::FrameResult& r) {
  const core::EyeResult* eyes[2] = {&r.left, &r.right};
  for (int e = 0; e < 2; ++e) {
    const core::EyeResult& eye = *eyes[e];
    std::printf("%s,%d,%d,%d,%.5f,%.5f,%.5f,%.5f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", source,
                frame, e, r.face.found && eye.features.valid ? 1 : 0, eye.features.pupilNormY,
                eye.features.lidNormY, eye.features.normY, eye.features.normX,
                eye.openness.openness, eye.features.confidence, eye.pupil.confidence,
                r.face.confidence, eye.closedProbability, eye.pupil.centre.x, eye.pupil.centre.y);
  }
}

}  // namespace

int main(int argc, char** argv) {
  double fps = 30;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--fps" && i + 1 < argc) {
      fps = std::atof(argv[++i]);
    } else if (a == "--help" || a.rfind("--", 0) == 0) {
      std::fprintf(a == "--help" ? stdout : stderr,
                   "Usage: drishti-eye-trace VIDEO|IMAGE... [--fps 30] > trace.csv\n");
      return a == "--help" ? 0 : 2;
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty() || !(fps > 0)) {
    std::fprintf(stderr, "drishti-eye-trace: give a video or images (and --fps > 0)\n");
    return 2;
  }
  std::string error;
  auto model = app::loadFlatLandmarkModel("", error);
  if (!model) {
    std::fprintf(stderr, "drishti-eye-trace: %s\n", error.c_str());
    return 1;
  }
  std::printf(
      "source,frame,eye,valid,pupil_norm_y,lid_norm_y,norm_y,norm_x,openness,confidence,"
      "pupil_confidence,face_confidence,closed_probability,pupil_x,pupil_y\n");
  for (const std::string& in : inputs) {
    core::TrackingPipeline pipeline(model);
    cv::Mat frame = cv::imread(in, cv::IMREAD_COLOR);
    if (!frame.empty()) {
      // A still: a few frames, so that the tracker is past its acquisition.
      for (int k = 0; k < 3; ++k)
        pipeline.process(frame, k * 1000.0 / fps);
      row(in.c_str(), 0, pipeline.process(frame, 3 * 1000.0 / fps));
      continue;
    }
    cv::VideoCapture video(in);
    if (!video.isOpened()) {
      std::fprintf(stderr, "drishti-eye-trace: cannot read %s\n", in.c_str());
      return 1;
    }
    for (int n = 0; video.read(frame); ++n)
      row(in.c_str(), n, pipeline.process(frame, n * 1000.0 / fps));
  }
  return 0;
}
