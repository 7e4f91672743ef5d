// makeFrameSource: the FrameSource a board config's [camera] section asks for.
//
// Returns the camera, video file, image folder or generated pattern source
// (not yet opened). Thread safety: reentrant.
#pragma once

#include <memory>

#include "firmware/io/board_config.h"
#include "firmware/io/frame_source.h"

namespace drishti::io {

std::unique_ptr<FrameSource> makeFrameSource(const CameraConfig& camera);

}  // namespace drishti::io
