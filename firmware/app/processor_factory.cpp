#include "firmware/app/processor_factory.h"

#include "firmware/app/core_processor.h"
#include "firmware/io/pattern_processor.h"

namespace drishti::app {

bool haveTrackingCore() {
  return true;
}

std::unique_ptr<io::FrameProcessor> makeProcessor(const std::string& name, std::string& error) {
  const std::string chosen = name.empty() ? (haveTrackingCore() ? "core" : "pattern") : name;
  if (chosen == "pattern")
    return std::make_unique<io::PatternProcessor>();
  if (chosen == "core") {
    auto core = makeCoreProcessor("", error);
    if (!core)
      error = "the tracking core cannot start: " + error +
              " (--processor pattern runs the pipeline on the test pattern)";
    return core;
  }
  error = "unknown processor '" + name + "' (core or pattern)";
  return nullptr;
}

}  // namespace drishti::app
