// drishti-eye-trace: the tracking core's vertical eye signals, frame by frame.
//
//   drishti-eye-trace VIDEO|IMAGE... [--fps 30] > trace.csv
//   drishti-eye-trace --landmarks VIDEO > landmarks.csv   (30 fps)
//   drishti-eye-trace --appearance VIDEO > appearance.csv (30 fps)
// Runs core::TrackingPipeline (default parameters, the flat landmark model of
// models/) on every frame of a video, or on each still image given (each a
// fresh pipeline), with time stamps at --fps, and writes one CSV row per
// frame and eye: the pupil's normY, the upper lid's (EyeFeatures::lidNormY),
// the blend normY the tracker sends, normX, the openness and the pupil's
// centre in frame pixels (pupil_x, pupil_y: compared with the truth CSV's
// iris centre it shows the pupil's error without the eye corners). For
// judging the lid feature on real faces (docs/BENCHMARKS.md, "Calibration and
// end to end"); next to a generated video's truth CSV, row i is frame i.
// --landmarks writes the landmarks and the held eye corners instead, for
// judging the eye frame against the truth's corners (docs/BENCHMARKS.md,
// "Head roll").
// --appearance writes, per frame and eye, the pipeline's EyeAppearance (the
// eye's image between its held corners as 3 x 5 intensity sums), for judging
// it as a gaze feature offline (docs/BENCHMARKS.md, "An appearance feature
// for the vertical gaze").
#include <cstdio>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>
#include <string>
#include <vector>

#include "firmware/app/landmark_model_file.h"
#include "firmware/core/eye_frame_stabilizer.h"
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

// --landmarks: one row per frame with the head's roll, both pupils, both
// eyes' held corners (EyeFrameStabilizer with default parameters, as the
// pipeline holds them for the features) and all 68 landmarks, frame pixels.
void landmarkRow(int frame, const core::FrameResult& r, core::EyeFrameStabilizer& sl,
                 core::EyeFrameStabilizer& sr) {
  std::printf("%d,%.3f,%d,%.4f,%.3f,%.3f,%.3f,%.3f", frame, r.tMs, r.face.found ? 1 : 0,
              r.head.rollDeg, r.left.pupil.centre.x, r.left.pupil.centre.y, r.right.pupil.centre.x,
              r.right.pupil.centre.y);
  core::EyeContour l = r.left.contour, rr = r.right.contour;
  if (r.face.found) {
    sl.apply(r.tMs, r.face.shape, l);
    sr.apply(r.tMs, r.face.shape, rr);
  }
  std::printf(",%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f", l[0].x, l[0].y, l[3].x, l[3].y, rr[0].x,
              rr[0].y, rr[3].x, rr[3].y);
  for (const cv::Point2f& p : r.face.shape)
    std::printf(",%.3f,%.3f", p.x, p.y);
  std::printf("\n");
}

// --appearance: one row per frame and eye: frame, eye, valid, then the
// pipeline's EyeAppearance cells (row-major, top row first).
void appearanceRow(int frame, const core::FrameResult& r) {
  const core::EyeResult* eyes[2] = {&r.left, &r.right};
  for (int e = 0; e < 2; ++e) {
    const core::EyeAppearance& a = eyes[e]->appearance;
    std::printf("%d,%d,%d", frame, e, r.face.found && a.valid ? 1 : 0);
    for (float c : a.cells)
      std::printf(",%.6f", c);
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc == 3 ? argv[1] : "";
  if (mode == "--landmarks" || mode == "--appearance") {
    std::string error;
    auto model = app::loadFlatLandmarkModel("", error);
    cv::VideoCapture video(argv[2]);
    if (!model || !video.isOpened()) {
      std::fprintf(stderr, "drishti-eye-trace: %s\n",
                   model ? ("cannot read " + std::string(argv[2])).c_str() : error.c_str());
      return 1;
    }
    core::TrackingPipeline pipeline(model);
    core::EyeFrameStabilizer left, right;
    if (mode == "--landmarks")
      std::printf(
          "frame,t_ms,found,roll_deg,l_pupil_x,l_pupil_y,r_pupil_x,r_pupil_y,"
          "l_held0_x,l_held0_y,l_held3_x,l_held3_y,r_held0_x,r_held0_y,r_held3_x,r_held3_y,"
          "then x,y of landmarks 0-67\n");
    else
      std::printf("frame,eye,valid,then the %d x %d cells of EyeAppearance, row-major\n",
                  core::EyeAppearance::kRows, core::EyeAppearance::kCols);
    cv::Mat frame;
    for (int n = 0; video.read(frame); ++n) {
      const core::FrameResult& r = pipeline.process(frame, n * 1000.0 / 30);
      if (mode == "--landmarks")
        landmarkRow(n, r, left, right);
      else
        appearanceRow(n, r);
    }
    return 0;
  }
  double fps = 30;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--fps" && i + 1 < argc) {
      fps = std::atof(argv[++i]);
    } else if (a == "--help" || a.rfind("--", 0) == 0) {
      std::fprintf(a == "--help" ? stdout : stderr,
                   "Usage: drishti-eye-trace VIDEO|IMAGE... [--fps 30] > trace.csv\n"
                   "       drishti-eye-trace --landmarks VIDEO > landmarks.csv\n"
                   "       drishti-eye-trace --appearance VIDEO > appearance.csv\n");
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
