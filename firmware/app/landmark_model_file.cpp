#include "firmware/app/landmark_model_file.h"

#include <fstream>

#include "models/model_catalog.h"

namespace drishti::app {
namespace {

// `path`, or the manifest's entry when it is empty; "" with `error` if neither.
std::string modelFile(const std::string& path, std::string& error) {
  if (!path.empty())
    return path;
  const auto catalog = models::ModelCatalog::load(models::defaultManifestPath(), error);
  if (!catalog)
    return {};
  const models::ModelLocation where = catalog->locate("face_landmarks_68");
  if (!where.found) {
    error = where.message;
    return {};
  }
  return where.path;
}

// Opens the model file and hands the stream to `make`, turning what it
// throws into `error`.
template <class Make>
auto readModel(const std::string& path, std::string& error, Make make)
    -> decltype(make(std::declval<std::istream&>())) {
  const std::string file = modelFile(path, error);
  if (file.empty())
    return nullptr;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = file + ": cannot open the landmark model";
    return nullptr;
  }
  try {
    return make(in);
  } catch (const std::exception& e) {
    error = file + ": not a usable 68-point landmark model (" + e.what() + ")";
    return nullptr;
  }
}

}  // namespace

std::unique_ptr<core::LandmarkDetector> loadLandmarkModel(const std::string& path,
                                                          std::string& error) {
  return readModel(path, error,
                   [](std::istream& in) { return std::make_unique<core::LandmarkDetector>(in); });
}

std::shared_ptr<const core::LandmarkModel> loadFlatLandmarkModel(const std::string& path,
                                                                 std::string& error) {
  return readModel(path, error, [](std::istream& in) {
    return std::shared_ptr<const core::LandmarkModel>(std::make_shared<core::LandmarkModel>(in));
  });
}

}  // namespace drishti::app
