#include "firmware/app/landmark_model_file.h"

#include <fstream>

#include "models/model_catalog.h"

namespace drishti::app {

std::unique_ptr<core::LandmarkDetector> loadLandmarkModel(const std::string& path,
                                                          std::string& error) {
  std::string file = path;
  if (file.empty()) {
    const auto catalog = models::ModelCatalog::load(models::defaultManifestPath(), error);
    if (!catalog)
      return nullptr;
    const models::ModelLocation where = catalog->locate("face_landmarks_68");
    if (!where.found) {
      error = where.message;
      return nullptr;
    }
    file = where.path;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = file + ": cannot open the landmark model";
    return nullptr;
  }
  try {
    return std::make_unique<core::LandmarkDetector>(in);
  } catch (const std::exception& e) {
    error = file + ": not a usable 68-point landmark model (" + e.what() + ")";
    return nullptr;
  }
}

}  // namespace drishti::app
