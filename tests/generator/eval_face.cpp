// loadEvalFace: the face geometry for the evaluation programs (needs OpenCV and dlib).
#include "tests/generator/eval_options.h"
#include "tests/generator/face_photo.h"

namespace drishti::gen {

bool loadEvalFace(const EvalOptions& opt, FaceGeometry& face, std::string& error) {
  if (opt.photo.empty()) {
    face = canonicalFace();
    return true;
  }
  const std::string path = resolvePhoto(opt.photo);
  if (path.empty()) {
    error = "cannot find the photo '" + opt.photo + "' (nor under $DRISHTI_DATA)";
    return false;
  }
  const std::string model = FacePhoto::findLandmarkModel(error);
  if (model.empty())
    return false;
  const auto photo = FacePhoto::load(path, model, error);
  if (!photo)
    return false;
  face = photo->geometry();
  return true;
}

}  // namespace drishti::gen
