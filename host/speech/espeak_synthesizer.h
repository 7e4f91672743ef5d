// EspeakSynthesizer: eSpeak NG, initialised once per process, in synchronous mode.
//
// Represents: the one eSpeak NG instance of the process. eSpeak NG keeps global
// state and cannot be initialised twice in a process, so there is exactly one,
// created on first use by instance() and never terminated. In synchronous
// mode eSpeak renders text to 16-bit mono PCM through a callback, much faster
// than real time, without a sound card: playing the samples is someone else's
// job (SpeechService and its AudioOutputs).
//
// Thread safety: every method may be called from any thread; calls into
// eSpeak are serialised by an internal mutex. In Drishti only the speech
// thread synthesises.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "host/speech/voice_profile.h"

namespace drishti::speech {

enum class SynthStatus : std::uint8_t {
  kOk,
  kCancelled,  // *cancel became true during synthesis; `out` holds what was made
  kFailed,     // see `error`
};

class EspeakSynthesizer {
 public:
  static EspeakSynthesizer& instance();

  bool ready() const { return ready_; }
  const std::string& initError() const { return initError_; }  // when !ready()
  int sampleRate() const { return sampleRate_; }               // Hz

  // Empty when eSpeak NG can speak with the profile's voice and variant, else
  // a sentence saying what is missing (for VoiceLibrary's check).
  std::string checkVoice(const VoiceProfile& profile);

  // Appends the PCM samples of `text` (UTF-8) spoken with `profile` to `out`.
  // `echo` selects the profile's echo rate. Polls *cancel (may be null) every
  // few milliseconds of audio and stops early when it is true.
  SynthStatus synthesize(std::string_view text, const VoiceProfile& profile, bool echo,
                         std::vector<std::int16_t>& out, const std::atomic<bool>* cancel,
                         std::string& error);

  // eSpeak's phoneme mnemonics for `text` with the profile's voice (lexicon
  // applied), as `espeak-ng -x` prints them: for checking what a voice or a
  // lexicon entry makes of a word. "(en)" marks a switch to English rules.
  std::string phonemesOf(std::string_view text, const VoiceProfile& profile);

  EspeakSynthesizer(const EspeakSynthesizer&) = delete;
  EspeakSynthesizer& operator=(const EspeakSynthesizer&) = delete;

 private:
  EspeakSynthesizer();
  bool selectVoice(const std::string& name, std::string& error);  // mutex held
  static int onSamples(short* samples, int count, void* events);

  std::mutex mutex_;
  bool ready_ = false;
  std::string initError_;
  int sampleRate_ = 0;
  std::string currentVoice_;
  // The synthesis in progress (mutex held); read by the eSpeak callback.
  std::vector<std::int16_t>* sink_ = nullptr;
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace drishti::speech
