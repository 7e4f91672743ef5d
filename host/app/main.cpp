// drishti: the host app. Everything is in DrishtiApp; this only parses the
// command line and maps failures to the documented exit codes.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "host/app/app_log.h"
#include "host/app/app_options.h"
#include "host/app/drishti_app.h"

int main(int argc, char** argv) {
  using namespace drishti::app;
  const std::vector<std::string> args(argv + 1, argv + argc);
  AppOptions options;
  std::string error;
  switch (parseAppOptions(args, options, error)) {
    case ParseResult::kHelp:
      std::fputs(helpText().c_str(), stdout);
      return kExitOk;
    case ParseResult::kVersion:
      std::printf("drishti %s\n", DRISHTI_VERSION);
      return kExitOk;
    case ParseResult::kError:
      logLine(error);
      return kExitUsage;
    case ParseResult::kCalibrationPlan:
      std::fputs(calibrationPlanText(options).c_str(), stdout);
      return kExitOk;
    case ParseResult::kRun:
      break;
  }
  try {
    DrishtiApp app(options);
    if (const int code = app.setUp(); code != kExitOk)
      return code;
    return app.run();
  } catch (const std::exception& e) {
    logLine(std::string("unexpected failure: ") + e.what());
    return kExitFailure;
  }
}
