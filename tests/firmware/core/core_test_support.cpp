#include "tests/firmware/core/core_test_support.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <opencv2/imgcodecs.hpp>

#include "models/model_catalog.h"
#include "tests/support/test_data.h"

namespace drishti::test {

core::LandmarkDetector& landmarkDetector() {
  static std::unique_ptr<core::LandmarkDetector> detector;
  if (!detector) {
    std::string error;
    const auto catalog = models::ModelCatalog::load(models::defaultManifestPath(), error);
    INFO(error);
    REQUIRE(catalog);
    const models::ModelLocation where = catalog->locate("face_landmarks_68");
    INFO(where.message);
    REQUIRE(where.found);
    std::ifstream in(where.path, std::ios::binary);
    REQUIRE(in);
    detector = std::make_unique<core::LandmarkDetector>(in);
  }
  return *detector;
}

cv::Mat dataImage(const std::string& relative, int flags) {
  const auto path = dataDir(relative) / relative;
  cv::Mat image = cv::imread(path.string(), flags);
  INFO("cannot read " << path.string());
  REQUIRE(!image.empty());
  return image;
}

}  // namespace drishti::test
