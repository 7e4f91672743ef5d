#include "host/app/dwell_planner.h"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "host/core/input_script.h"

using namespace drishti;

namespace {

class Recorder final : public host::SpeechSink {
 public:
  void speak(const host::SpeechRequest& r) override { said.push_back(r.text); }
  void stopSpeaking() override {}
  bool speaking() const override { return false; }
  std::vector<std::string> said;
};

host::SessionConfig config() {
  host::SessionConfig c;
  c.dataDir = std::filesystem::path(std::getenv("DRISHTI_SOURCE_DIR")) / "host" / "data";
  return c;
}

}  // namespace

TEST_CASE("a planned dwell script types the text, repeated letters too, and speaks it") {
  Recorder speech;
  host::HostSession session(config(), &speech);
  std::string error;
  const std::string script = app::planDwellScript(session, "need help", {}, error);
  REQUIRE_FALSE(script.empty());
  const host::InputScript parsed = host::parseInputScript(script, "plan");
  REQUIRE(parsed.ok());
  for (host::InputEvent e : parsed.events) {
    e.tUs += 1'000'000;
    session.handle(e);
  }
  session.advanceTo(1'000'000 + parsed.endUs);
  CHECK(session.text() == "need help");
  REQUIRE_FALSE(speech.said.empty());
  CHECK(speech.said.back() == "need help");
}

TEST_CASE("text a board cannot type is refused, naming where") {
  Recorder speech;
  host::HostSession session(config(), &speech);
  std::string error;
  CHECK(app::planDwellScript(session, "caf\xC3\xA9", {}, error).empty());
  CHECK(error == "no key on board 'en-abc' types '\xC3\xA9...'");
}
