#include "firmware/app/processor_factory.h"

#include "firmware/io/pattern_processor.h"

namespace drishti::app {

bool haveTrackingCore() {
  return false;
}

std::unique_ptr<io::FrameProcessor> makeProcessor(const std::string& name, std::string& error) {
  const std::string chosen = name.empty() ? (haveTrackingCore() ? "core" : "pattern") : name;
  if (chosen == "pattern")
    return std::make_unique<io::PatternProcessor>();
  if (chosen == "core") {
    error =
        "the tracking core (firmware/core) is not part of this build yet; "
        "--processor pattern runs the pipeline on the test pattern";
    return nullptr;
  }
  error = "unknown processor '" + name + "' (core or pattern)";
  return nullptr;
}

}  // namespace drishti::app
