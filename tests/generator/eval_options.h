// Command-line options shared by the generator's programs (drishti-gazegen,
// drishti-calib-eval, drishti-filter-eval), and loading the face they use.
#pragma once

#include <string>

#include "host/core/calibration_geometry.h"
#include "tests/generator/face_geometry.h"

namespace drishti::gen {

struct EvalOptions {
  std::string photo;  // face photo; relative paths are tried under $DRISHTI_DATA too
  std::string out;    // output video (.mkv FFV1, .avi MJPG) or folder of PNG frames
  std::string truth;  // truth CSV (default: out + ".csv")
  host::CalibrationGeometry screen;
  int pattern = 9;
  int sessions = 20;
  double seconds = 0;  // 0: as long as the script
  double fps = 30;
  double dwellMs = 2000;   // per target in a scripted video
  double sensorNoise = 3;  // grey levels
  double headSwayMm = 2;
  double headRollDeg = 0;       // in-plane roll sway amplitude, degrees
  double lidFollowUpper = 1.0;  // gazegen: lids follow the iris (RenderParams)
  double lidFollowLower = 0.25;
  // gazegen: from lightChangeS seconds on (negative: never), the light's gain
  // times lightChangeGain and a left-right gradient (RenderParams).
  double lightChangeS = -1;
  double lightChangeGain = 1.0;
  double lightChangeGradient = 0.0;
  bool blinks = true;
  bool quick = false;
  std::uint64_t seed = 1;
  std::string plan;        // drishti --calibration-plan CSV: look where the host will show targets
  std::string then;        // after the plan: "x_px,y_px,duration_ms" rows (e.g. keys to spell)
  double planDelayMs = 0;  // the plan starts this late in the video
  bool fixedSchedule = false;  // calibrate as drishti --follow-sample-clock does
};

const char* evalUsage();
// Parses argv; false with `error` set for bad options, or empty for --help.
bool parseEvalOptions(int argc, char** argv, EvalOptions& opt, std::string& error);
// The photo's path as given, or under $DRISHTI_DATA; "" if neither exists.
std::string resolvePhoto(const std::string& photo);
// The face geometry of opt.photo (landmarks), or canonicalFace() when no photo is
// given (eval_face.cpp, in the OpenCV/dlib part of the generator).
bool loadEvalFace(const EvalOptions& opt, FaceGeometry& face, std::string& error);

}  // namespace drishti::gen
