// makeProcessor: the FrameProcessor drishti-tracker runs, by name.
//
// "pattern" is PatternProcessor (measures the generated test pattern only).
// "core" is the tracking core (CoreProcessor; loads the landmark model named
// in models/manifest.ini, so it can fail with a message). `name` empty:
// the core when built, else the pattern processor (the caller says so).
// Thread safety: reentrant.
#pragma once

#include <memory>
#include <string>

#include "firmware/io/frame_processor.h"

namespace drishti::app {

// True if this build contains the tracking core.
bool haveTrackingCore();

// nullptr with `error` set if `name` is unknown or not built.
std::unique_ptr<io::FrameProcessor> makeProcessor(const std::string& name, std::string& error);

}  // namespace drishti::app
