#include "host/speech/voice_library.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "host/speech/espeak_synthesizer.h"
#include "tests/support/test_data.h"

using namespace drishti::speech;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

bool contains(const std::vector<std::string>& messages, const std::string& part) {
  for (const auto& m : messages) {
    if (m.find(part) != std::string::npos)
      return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& messages) {
  std::string all;
  for (const auto& m : messages)
    all += m + "\n";
  return all;
}

VoiceCheck realCheck() {
  return [](const VoiceProfile& p) { return EspeakSynthesizer::instance().checkVoice(p); };
}

}  // namespace

TEST_CASE("a corrupt voice file is reported with file and line and the last good version stays") {
  const fs::path dir = drishti::test::scratchDir("voices-reload");
  const fs::path file = dir / "en.voice";
  write(file, "espeak_voice = en\nrate_wpm = 150\n");
  VoiceLibrary library(dir / "last-good");
  std::vector<std::string> messages;
  REQUIRE(library.load(dir, realCheck(), messages) == 1);
  REQUIRE(messages.empty());
  CHECK(library.profileFor("en").rateWpm == 150);

  write(file, "espeak_voice = en\nrate_wpm = 150\npitch = loud\n");
  messages.clear();
  CHECK(library.load(dir, realCheck(), messages) == 0);
  INFO(joined(messages));
  CHECK(contains(messages, file.string() + ":3: pitch must be a whole number, not 'loud'"));
  CHECK(contains(messages, "keeping the version loaded before"));
  CHECK(library.profileFor("en").rateWpm == 150);
}

TEST_CASE("after a restart, a corrupt voice file falls back to the copy saved when it was good") {
  const fs::path dir = drishti::test::scratchDir("voices-restart");
  const fs::path file = dir / "hi.voice";
  write(file, "espeak_voice = hi\nrate_wpm = 140\n");
  {
    VoiceLibrary first(dir / "last-good");
    std::vector<std::string> messages;
    REQUIRE(first.load(dir, realCheck(), messages) == 1);
  }
  write(file, "espeak_voice = hi\nrate_wpm = 140\nvolume = 500\n");
  VoiceLibrary second(dir / "last-good");
  std::vector<std::string> messages;
  second.load(dir, realCheck(), messages);
  INFO(joined(messages));
  CHECK(contains(messages, file.string() + ":3: volume 500 is out of range 0..200"));
  CHECK(contains(messages, "using the last good version, saved in " +
                               (dir / "last-good" / "hi.voice").string()));
  CHECK(second.profileFor("hi").rateWpm == 140);
  CHECK(second.profileFor("hi").espeakVoice == "hi");
}

TEST_CASE("a voice file that was never good gives eSpeak's default voice and says so") {
  const fs::path dir = drishti::test::scratchDir("voices-never-good");
  write(dir / "ml.voice", "espeak_voice = ml\nrate_wpm = fast\n");
  VoiceLibrary library(dir / "last-good");
  std::vector<std::string> messages;
  CHECK(library.load(dir, realCheck(), messages) == 0);
  INFO(joined(messages));
  CHECK(contains(messages, (dir / "ml.voice").string() + ":2: rate_wpm must be a whole number"));
  CHECK(contains(messages, "no good version was saved before"));
  CHECK(library.profileFor("ml").espeakVoice == "ml");
  CHECK(library.profileFor("ml").rateWpm == 175);
}

TEST_CASE("a voice eSpeak NG does not have is reported at the espeak_voice line") {
  const fs::path dir = drishti::test::scratchDir("voices-unknown");
  write(dir / "en.voice", "# English\nespeak_voice = xx-nonexistent\n");
  VoiceLibrary library;
  std::vector<std::string> messages;
  CHECK(library.load(dir, realCheck(), messages) == 0);
  INFO(joined(messages));
  CHECK(contains(messages,
                 (dir / "en.voice").string() + ":2: eSpeak NG has no voice 'xx-nonexistent'"));
}

TEST_CASE("an unknown language gets eSpeak's voice of that name") {
  VoiceLibrary library;
  CHECK_FALSE(library.has("ta"));
  CHECK(library.profileFor("ta").espeakVoice == "ta");
  CHECK(library.profileFor("cmn").espeakVoice == "cmn-latn-pinyin");
}
