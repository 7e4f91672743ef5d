// The 68-point landmark model from its file, for the programs (drishti-tracker,
// drishti-lab); the core itself reads no files.
#pragma once

#include <memory>
#include <string>

#include "firmware/core/landmark_detector.h"
#include "firmware/core/landmark_regressor.h"

namespace drishti::app {

// dlib's shape_predictor as dlib loads it (~100 MB resident), for the dlib
// reference engine, FaceFinder and the naive baseline (drishti-lab).
// Loads `path` if given, else the face_landmarks_68 entry of the model
// manifest (models/manifest.ini). nullptr with `error` naming the file and
// the problem (or, for a missing model, the package that installs it).
std::unique_ptr<core::LandmarkDetector> loadLandmarkModel(const std::string& path,
                                                          std::string& error);

// The same file read straight into the flat form the tracking core evaluates
// (~66 MB; dlib's copy is never built): what drishti-tracker holds. Same
// `path` and `error` rules as loadLandmarkModel.
std::shared_ptr<const core::LandmarkModel> loadFlatLandmarkModel(const std::string& path,
                                                                 std::string& error);

}  // namespace drishti::app
