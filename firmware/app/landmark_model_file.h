// loadLandmarkModel: dlib's 68-point landmark model from its file, for the
// programs (drishti-tracker, drishti-lab); the core itself reads no files.
#pragma once

#include <memory>
#include <string>

#include "firmware/core/landmark_detector.h"

namespace drishti::app {

// Loads `path` if given, else the face_landmarks_68 entry of the model
// manifest (models/manifest.ini). nullptr with `error` naming the file and
// the problem (or, for a missing model, the package that installs it).
std::unique_ptr<core::LandmarkDetector> loadLandmarkModel(const std::string& path,
                                                          std::string& error);

}  // namespace drishti::app
