// Shared fixtures of the tracking-core tests: the landmark model (located
// through models/manifest.ini, loaded once per test program) and images from
// the shared evaluation data.
#pragma once

#include <opencv2/core.hpp>
#include <string>

#include "firmware/core/landmark_detector.h"

namespace drishti::test {

// dlib's 68-point model, loaded once; fails the test with the catalogue's
// message (naming the Debian package) when it is not installed.
core::LandmarkDetector& landmarkDetector();

// An image under $DRISHTI_DATA (skips the program when it is unset), as read
// by cv::imread with `flags`; fails the test if it cannot be read.
cv::Mat dataImage(const std::string& relative, int flags);

}  // namespace drishti::test
