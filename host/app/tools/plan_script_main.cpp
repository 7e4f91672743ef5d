// drishti-plan-script: prints a --script that types a text by dwell.
//
// For demonstrations and tests: the script is planned on the first board of a
// profile (from the data folder, and the state folder when given), exactly as
// drishti will show it, and can be fed back with `drishti --script FILE`.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "host/app/dwell_planner.h"
#include "host/core/host_session.h"
#include "host/core/speech_sink.h"

namespace {

class NoSpeech final : public drishti::host::SpeechSink {
 public:
  void speak(const drishti::host::SpeechRequest&) override {}
  void stopSpeaking() override {}
  bool speaking() const override { return false; }
};

const char* kUsage =
    "Usage: drishti-plan-script [--data DIR] [--state DIR --profile NAME] [--dwell-ms N]\n"
    "                           [--no-speak] TEXT\n"
    "Prints a drishti input script that types TEXT by dwell on the profile's\n"
    "first board, then dwells on Speak (unless --no-speak).\n";

}  // namespace

int main(int argc, char** argv) {
  drishti::host::SessionConfig config;
  config.dataDir = DRISHTI_SOURCE_DATA_DIR;
  drishti::app::DwellPlan plan;
  std::string text;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool hasValue = i + 1 < argc;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--data" && hasValue) {
      config.dataDir = argv[++i];
    } else if (a == "--state" && hasValue) {
      config.stateDir = argv[++i];
    } else if (a == "--profile" && hasValue) {
      config.profile = argv[++i];
    } else if (a == "--dwell-ms" && hasValue) {
      plan.dwellMs = std::atoi(argv[++i]);
    } else if (a == "--no-speak") {
      plan.speak = false;
    } else if (!a.starts_with("--") && text.empty()) {
      text = a;
    } else {
      std::fprintf(stderr, "drishti-plan-script: unexpected '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (text.empty() || plan.dwellMs <= 0) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  NoSpeech speech;
  drishti::host::HostSession session(config, &speech);
  std::string error;
  const std::string script = drishti::app::planDwellScript(session, text, plan, error);
  if (script.empty()) {
    std::fprintf(stderr, "drishti-plan-script: %s\n", error.c_str());
    return 3;
  }
  std::fputs(script.c_str(), stdout);
  return 0;
}
