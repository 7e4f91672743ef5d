#include "firmware/io/source_factory.h"

#include "firmware/io/camera_source.h"
#include "firmware/io/image_folder_source.h"
#include "firmware/io/test_pattern_source.h"
#include "firmware/io/video_file_source.h"

namespace drishti::io {

std::unique_ptr<FrameSource> makeFrameSource(const CameraConfig& camera) {
  switch (camera.source) {
    case SourceKind::kCamera:
      return std::make_unique<CameraSource>(camera);
    case SourceKind::kVideo: {
      auto video = std::make_unique<VideoFileSource>(camera.path, camera.paced, camera.loop);
      if (camera.frameClock)
        video->useFrameClock();
      return video;
    }
    case SourceKind::kImages: {
      auto images =
          std::make_unique<ImageFolderSource>(camera.path, camera.fps, camera.paced, camera.loop);
      if (camera.frameClock)
        images->useFrameClock();
      return images;
    }
    case SourceKind::kPattern: {
      PatternSpec spec;
      spec.width = camera.width;
      spec.height = camera.height;
      spec.fps = camera.fps;
      spec.colour = !camera.grey;
      return std::make_unique<TestPatternSource>(spec, camera.paced);
    }
  }
  return nullptr;
}

}  // namespace drishti::io
