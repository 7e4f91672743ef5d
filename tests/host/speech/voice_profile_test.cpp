#include "host/speech/voice_profile.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace drishti::speech;

namespace {

VoiceParseResult parse(std::string_view text) {
  return parseVoiceProfile(text, "voices/en.voice", "en");
}

std::string firstError(std::string_view text) {
  const VoiceParseResult r = parse(text);
  REQUIRE_FALSE(r.profile);
  REQUIRE_FALSE(r.errors.empty());
  return r.errors.front().message;
}

}  // namespace

TEST_CASE("a complete voice file gives every setting and the lexicon") {
  const VoiceParseResult r = parse(
      "# comment\n"
      "name = English  # trailing comment\n"
      "espeak_voice = en\n"
      "variant = f3\n"
      "rate_wpm = 160\n"
      "echo_rate_wpm = 220\n"
      "pitch = 40\n"
      "pitch_range = 30\n"
      "volume = 120\n"
      "word_gap_ms = 20\n"
      "\n"
      "[lexicon]\n"
      "ALS = A L S\n"
      "drishti = [[dr'ISti:]]\n");
  REQUIRE(r.errors.empty());
  REQUIRE(r.profile);
  const VoiceProfile& p = *r.profile;
  CHECK(p.language == "en");
  CHECK(p.name == "English");
  CHECK(p.espeakVoiceName() == "en+f3");
  CHECK(p.rateWpm == 160);
  CHECK(p.echoRateWpm == 220);
  CHECK(p.pitch == 40);
  CHECK(p.pitchRange == 30);
  CHECK(p.volume == 120);
  CHECK(p.wordGapMs == 20);
  REQUIRE(p.lexicon.size() == 2);
  CHECK(p.lexicon[1].replacement == "[[dr'ISti:]]");
  CHECK(r.espeakVoiceLine == 3);
}

TEST_CASE("voice file errors name the file and the line") {
  CHECK(firstError("espeak_voice = en\nrate_wpm = 900\n") ==
        "voices/en.voice:2: rate_wpm 900 is out of range 80..450");
  CHECK(firstError("espeak_voice = en\n\nratee = 100\n")
            .starts_with("voices/en.voice:3: unknown setting 'ratee'"));
  CHECK(firstError("espeak_voice = en\npitch = high\n") ==
        "voices/en.voice:2: pitch must be a whole number, not 'high'");
  CHECK(firstError("espeak_voice = en\nespeak_voice = hi\n") ==
        "voices/en.voice:2: 'espeak_voice' is set twice");
  CHECK(firstError("espeak_voice = en\nrate_wpm 160\n")
            .starts_with("voices/en.voice:2: expected 'key = value'"));
  CHECK(firstError("espeak_voice = en\n[phrases]\n")
            .starts_with("voices/en.voice:2: unknown section '[phrases]'"));
  CHECK(firstError("espeak_voice = en; rm\n").starts_with("voices/en.voice:1: espeak_voice"));
  CHECK(firstError("espeak_voice = en\nname = \xC3(\n") ==
        "voices/en.voice:2: invalid UTF-8 at column 8");
  CHECK(firstError("rate_wpm = 160\n") ==
        "voices/en.voice: espeak_voice is missing (the eSpeak NG voice to use, e.g. 'en')");
  CHECK(firstError("espeak_voice = en\n[lexicon]\ntwo words = x\n")
            .starts_with("voices/en.voice:3: lexicon word 'two words' must be one word"));
  CHECK(firstError("espeak_voice = en\n[lexicon]\nals = a\nALS = b\n") ==
        "voices/en.voice:4: lexicon word 'ALS' is listed twice");
  CHECK(firstError("espeak_voice = en\n[lexicon]\nals = [[a\n")
            .starts_with("voices/en.voice:3: lexicon replacement"));
}

TEST_CASE("every problem in a voice file is reported, not just the first") {
  const VoiceParseResult r = parse("espeak_voice = en\npitch = 101\nvolume = -1\nbogus = 1\n");
  CHECK_FALSE(r.profile);
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].line == 2);
  CHECK(r.errors[1].line == 3);
  CHECK(r.errors[2].line == 4);
}

TEST_CASE("garbage bytes in a voice file are rejected without a crash") {
  std::string junk;
  std::uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1664525U + 1013904223U;
    junk += static_cast<char>(x >> 24);
  }
  for (std::size_t len = 0; len < junk.size(); len += 997) {
    const VoiceParseResult r = parse(std::string_view(junk).substr(0, len));
    CHECK((r.profile.has_value() == r.errors.empty()));
  }
}

TEST_CASE("lexicon replaces whole words only, ASCII case-insensitively") {
  VoiceProfile p = defaultVoiceProfile("en");
  p.lexicon = {{"ALS", "A L S"}, {"peg", "[[pEg]]"}};
  bool phonemes = true;
  CHECK(p.applyLexicon("I have ALS, als and FALSE.", phonemes) == "I have A L S, A L S and FALSE.");
  CHECK_FALSE(phonemes);
  CHECK(p.applyLexicon("my PEG tube", phonemes) == "my [[pEg]] tube");
  CHECK(phonemes);
  // With phoneme input on, a user's own "[[" must not become phonemes.
  CHECK(p.applyLexicon("peg [[x]]", phonemes) == "[[pEg]] ([x]]");
}

TEST_CASE("lexicon matches words in Indian scripts exactly") {
  VoiceProfile p = defaultVoiceProfile("hi");
  p.lexicon = {{"पानी", "जल"}};
  bool phonemes = false;
  CHECK(p.applyLexicon("मुझे पानी चाहिए", phonemes) == "मुझे जल चाहिए");
  CHECK(p.applyLexicon("पानीपुरी", phonemes) == "पानीपुरी");
}

TEST_CASE("the voice files shipped in voices/ all parse") {
  const char* root = std::getenv("DRISHTI_SOURCE_DIR");
  REQUIRE(root != nullptr);
  int files = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(root) / "voices")) {
    if (e.path().extension() != ".voice")
      continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    const VoiceParseResult r =
        parseVoiceProfile(text.str(), e.path().string(), e.path().stem().string());
    INFO(e.path().string() << (r.errors.empty() ? "" : ": " + r.errors.front().message));
    CHECK(r.profile);
    ++files;
  }
  CHECK(files >= 4);  // en, hi, ml, cmn
}
