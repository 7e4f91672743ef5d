#include "host/speech/speech_service.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "host/speech/attention_chime.h"
#include "host/speech/espeak_synthesizer.h"
#include "host/speech/sdl_audio_output.h"
#include "host/speech/wav_file_writer.h"
#include "tests/host/speech/capture_output.h"
#include "tests/support/test_data.h"

using namespace drishti::speech;
using drishti::host::SpeechKind;
using drishti::host::SpeechRequest;
using drishti::speech::test::CaptureOutput;
using namespace std::chrono_literals;

namespace {

VoiceLibrary shippedVoices() {
  const char* root = std::getenv("DRISHTI_SOURCE_DIR");
  REQUIRE(root != nullptr);
  VoiceLibrary library;
  std::vector<std::string> messages;
  library.load(
      std::filesystem::path(root) / "voices",
      [](const VoiceProfile& p) { return EspeakSynthesizer::instance().checkVoice(p); }, messages);
  INFO(messages.size() << " messages, first: " << (messages.empty() ? "" : messages[0]));
  REQUIRE(messages.empty());
  return library;
}

SpeechOptions fast() {
  SpeechOptions o;
  o.realTime = false;
  return o;
}

double seconds(const std::vector<std::int16_t>& s) {
  return static_cast<double>(s.size()) / EspeakSynthesizer::instance().sampleRate();
}

std::vector<std::string> textsOf(const CaptureOutput& capture) {
  std::vector<std::string> out;
  for (const auto& c : capture.captured())
    out.push_back(c.utterance.text);
  return out;
}

const char* kLong =
    "This sentence is long enough to take several seconds to say, so that there is time "
    "to stop it part of the way through.";

}  // namespace

TEST_CASE("each language is spoken to a WAV file that is not silent and of plausible length") {
  REQUIRE(EspeakSynthesizer::instance().ready());
  struct Case {
    const char* language;
    const char* text;
    int syllables;
  };
  const Case cases[] = {
      {"en", "i need water", 4},
      {"hi", "मुझे पानी चाहिए", 7},
      {"ml", "എനിക്ക് വെള്ളം വേണം", 7},
      {"cmn", "我要喝水", 4},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.language) {
      const auto dir = drishti::test::scratchDir((std::string("wav-") + c.language).c_str());
      const auto wavPath = dir / "speech.wav";
      WavFileWriter wav;
      std::string error;
      REQUIRE(wav.open(wavPath, EspeakSynthesizer::instance().sampleRate(), error));
      {
        SpeechService speech(shippedVoices(), {&wav}, fast());
        speech.speak({c.text, c.language, SpeechKind::kMessage, false});
        REQUIRE(speech.waitUntilIdle(10s));
        CHECK(speech.stats().spoken == 1);
        CHECK(speech.takeMessages().empty());
      }
      wav.close();
      std::vector<std::int16_t> samples;
      int rate = 0;
      REQUIRE(readWavFile(wavPath, samples, rate, error));
      CHECK(rate == EspeakSynthesizer::instance().sampleRate());
      const double s = static_cast<double>(samples.size()) / rate;
      INFO(c.language << ": " << s << " s, voiced " << test::voicedFraction(samples, rate));
      // Syllables take 100..500 ms in any of these voices; eSpeak adds an end pause.
      CHECK(s > 0.10 * c.syllables);
      CHECK(s < 0.50 * c.syllables + 0.5);
      CHECK(test::voicedFraction(samples, rate) > 0.4);

      std::ifstream tsv(wavPath.string() + ".tsv");
      std::string header, line;
      std::getline(tsv, header);
      std::getline(tsv, line);
      CHECK(line ==
            "0\t" + std::to_string(samples.size()) + "\t" + c.language + "\tmessage\t0\t" + c.text);
    }
  }
}

TEST_CASE("requests are spoken in the order they were made") {
  CaptureOutput capture;
  SpeechService speech(shippedVoices(), {&capture}, fast());
  for (const char* t : {"one", "two", "three", "four"})
    speech.speak({t, "en", SpeechKind::kMessage, false});
  REQUIRE(speech.waitUntilIdle(10s));
  CHECK(textsOf(capture) == std::vector<std::string>{"one", "two", "three", "four"});
  for (const auto& c : capture.captured()) {
    CHECK(c.ended);
    CHECK_FALSE(c.cut);
    CHECK(test::rms(c.samples) > 300);
  }
}

TEST_CASE("stop cuts the utterance being heard short and empties the queue") {
  CaptureOutput capture;
  SpeechService speech(shippedVoices(), {&capture}, SpeechOptions{});
  speech.speak({kLong, "en", SpeechKind::kMessage, false});
  speech.speak({"never said", "en", SpeechKind::kMessage, false});
  CHECK(speech.speaking());
  std::this_thread::sleep_for(400ms);
  speech.stopSpeaking();
  REQUIRE(speech.waitUntilIdle(2s));
  CHECK_FALSE(speech.speaking());

  const auto captured = capture.captured();
  REQUIRE(captured.size() == 1);
  CHECK(captured[0].cut);
  CHECK(capture.discards() >= 1);
  // Real-time pacing: about 400 ms (plus the 60 ms lead) was written, not the
  // several seconds the sentence lasts.
  const double heard = seconds(captured[0].samples);
  CHECK(heard > 0.2);
  CHECK(heard < 1.0);
  CHECK(speech.stats().cut == 1);
  CHECK(speech.stats().dropped == 1);

  // The full sentence really is long, so the cut above was the stop's doing.
  CaptureOutput full;
  SpeechService again(shippedVoices(), {&full}, fast());
  again.speak({kLong, "en", SpeechKind::kMessage, false});
  REQUIRE(again.waitUntilIdle(10s));
  CHECK(seconds(full.captured().at(0).samples) > 4.0);
}

TEST_CASE("an interrupting request stops what is said and replaces the queue") {
  CaptureOutput capture;
  SpeechService speech(shippedVoices(), {&capture}, SpeechOptions{});
  speech.speak({kLong, "en", SpeechKind::kMessage, false});
  speech.speak({"dropped", "en", SpeechKind::kMessage, false});
  std::this_thread::sleep_for(200ms);
  speech.speak({"help", "en", SpeechKind::kPrompt, true});
  REQUIRE(speech.waitUntilIdle(5s));
  const auto captured = capture.captured();
  REQUIRE(captured.size() == 2);
  CHECK(captured[0].cut);
  CHECK(captured[1].utterance.text == "help");
  CHECK_FALSE(captured[1].cut);
}

TEST_CASE("a new echo replaces echoes still waiting but never a message") {
  CaptureOutput capture;
  SpeechService speech(shippedVoices(), {&capture}, SpeechOptions{});
  speech.speak({"i need", "en", SpeechKind::kMessage, false});
  speech.speak({"a", "en", SpeechKind::kLetterEcho, false});
  speech.speak({"water please", "en", SpeechKind::kMessage, false});
  speech.speak({"b", "en", SpeechKind::kLetterEcho, false});
  speech.speak({"c", "en", SpeechKind::kLetterEcho, false});
  REQUIRE(speech.waitUntilIdle(10s));
  CHECK(textsOf(capture) == std::vector<std::string>{"i need", "water please", "c"});
  CHECK(speech.stats().dropped == 2);
  CHECK(capture.captured().back().utterance.kind == SpeechKind::kLetterEcho);
}

TEST_CASE("lexicon additions change what is said") {
  VoiceLibrary voices = shippedVoices();
  VoiceProfile plain = voices.profileFor("en");
  plain.lexicon.clear();
  const VoiceProfile withLexicon = voices.profileFor("en");
  REQUIRE_FALSE(withLexicon.lexicon.empty());  // en.voice spells out ALS
  std::vector<std::int16_t> a, b, c;
  std::string error;
  auto& synth = EspeakSynthesizer::instance();
  // "alz" is one syllable, "A L S" three; repeated so the end pause does not dominate.
  const char* text = "ALS ALS ALS ALS ALS ALS";
  REQUIRE(synth.synthesize(text, plain, false, a, nullptr, error) == SynthStatus::kOk);
  REQUIRE(synth.synthesize(text, withLexicon, false, b, nullptr, error) == SynthStatus::kOk);
  CHECK(seconds(b) > 1.25 * seconds(a));
  VoiceProfile phonemes = plain;
  phonemes.lexicon = {{"ALS", "[[,eIEl'Es]]"}};
  REQUIRE(synth.synthesize(text, phonemes, false, c, nullptr, error) == SynthStatus::kOk);
  CHECK(seconds(c) > 1.25 * seconds(a));
}

TEST_CASE("echoes use the faster echo rate") {
  const VoiceProfile en = shippedVoices().profileFor("en");
  REQUIRE(en.echoRateWpm > en.rateWpm);
  std::vector<std::int16_t> normal, echo;
  std::string error;
  auto& synth = EspeakSynthesizer::instance();
  REQUIRE(synth.synthesize(kLong, en, false, normal, nullptr, error) == SynthStatus::kOk);
  REQUIRE(synth.synthesize(kLong, en, true, echo, nullptr, error) == SynthStatus::kOk);
  CHECK(seconds(echo) < 0.9 * seconds(normal));
}

TEST_CASE("the WAV file is complete after every utterance, before it is closed") {
  const auto dir = drishti::test::scratchDir("wav-live");
  WavFileWriter wav;
  std::string error;
  REQUIRE(wav.open(dir / "s.wav", EspeakSynthesizer::instance().sampleRate(), error));
  SpeechService speech(shippedVoices(), {&wav}, fast());
  speech.speak({"first", "en", SpeechKind::kMessage, false});
  REQUIRE(speech.waitUntilIdle(5s));
  std::vector<std::int16_t> samples;
  int rate = 0;
  REQUIRE(readWavFile(dir / "s.wav", samples, rate, error));  // as a kill -9 would leave it
  CHECK(static_cast<std::int64_t>(samples.size()) == wav.sampleCount());
  CHECK(samples.size() > 1000);
}

TEST_CASE("a WAV file that cannot be created is reported with its path") {
  WavFileWriter wav;
  std::string error;
  CHECK_FALSE(wav.open("/nonexistent-dir/x.wav", 22050, error));
  CHECK(error.starts_with("/nonexistent-dir/x.wav: cannot create"));
}

TEST_CASE("speech plays through an SDL audio device, here SDL's dummy driver") {
  ::setenv("SDL_AUDIODRIVER", "dummy", 1);
  SdlAudioOutput device;
  std::string error;
  REQUIRE(device.open(EspeakSynthesizer::instance().sampleRate(), error));
  CHECK(device.driverName() == "dummy");
  CaptureOutput capture;
  SpeechService speech(shippedVoices(), {&device, &capture}, SpeechOptions{});
  const auto start = std::chrono::steady_clock::now();
  speech.speak({"hello", "en", SpeechKind::kMessage, false});
  REQUIRE(speech.waitUntilIdle(5s));
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double length = seconds(capture.captured().at(0).samples);
  // speaking() stays true while the audio plays: about as long as the audio lasts.
  CHECK(took > 0.8 * length);
  CHECK(device.queuedSamples() == 0);
}

TEST_CASE("the attention chime plays in queue order, labelled in the transcript") {
  const int rate = EspeakSynthesizer::instance().sampleRate();
  const auto chime = std::make_shared<const std::vector<std::int16_t>>(attentionChime(rate));
  CHECK(static_cast<double>(chime->size()) / rate == Approx(0.64).margin(0.01));
  CHECK(test::voicedFraction(*chime, rate) > 0.5);
  CaptureOutput capture;
  SpeechService speech(shippedVoices(), {&capture}, fast());
  speech.speak({"help", "en", SpeechKind::kPrompt, false});
  speech.playClip("[attention]", chime, SpeechKind::kPrompt, false);
  REQUIRE(speech.waitUntilIdle(5s));
  const auto captured = capture.captured();
  REQUIRE(captured.size() == 2);
  CHECK(captured[1].utterance.text == "[attention]");
  CHECK(captured[1].samples == *chime);
}

TEST_CASE("Mandarin uses cmn-latn-pinyin: the cmn voice reads some characters' pinyin as English") {
  auto& synth = EspeakSynthesizer::instance();
  const VoiceProfile mandarin = shippedVoices().profileFor("cmn");
  REQUIRE(mandarin.espeakVoice == "cmn-latn-pinyin");
  VoiceProfile plainCmn = mandarin;
  plainCmn.espeakVoice = "cmn";
  const std::string text = "我要喝水";  // "I want to drink water"
  const std::string good = synth.phonemesOf(text, mandarin);
  const std::string bad = synth.phonemesOf(text, plainCmn);
  INFO("cmn-latn-pinyin: " << good << "\ncmn: " << bad);
  REQUIRE_FALSE(good.empty());
  CHECK(good.find("(en)") == std::string::npos);
  CHECK(bad.find("(en)") != std::string::npos);  // the misreading the profile avoids
}
