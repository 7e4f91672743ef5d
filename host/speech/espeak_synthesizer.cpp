#include "host/speech/espeak_synthesizer.h"

#include <espeak-ng/espeak_ng.h>

#include <string>

namespace drishti::speech {
namespace {

std::string statusText(espeak_ng_STATUS status) {
  char buffer[512] = {};
  espeak_ng_GetStatusCodeMessage(status, buffer, sizeof buffer);
  return buffer;
}

}  // namespace

EspeakSynthesizer& EspeakSynthesizer::instance() {
  static EspeakSynthesizer synthesizer;  // C++ guarantees one initialisation, thread-safely
  return synthesizer;
}

EspeakSynthesizer::EspeakSynthesizer() {
  espeak_ng_InitializePath(nullptr);
  espeak_ng_ERROR_CONTEXT context = nullptr;
  espeak_ng_STATUS status = espeak_ng_Initialize(&context);
  if (status != ENS_OK) {
    initError_ = "eSpeak NG could not start: " + statusText(status);
    if (context != nullptr) {
      espeak_ng_PrintStatusCodeMessage(status, stderr, context);
      espeak_ng_ClearErrorContext(&context);
    }
    return;
  }
  status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
  if (status != ENS_OK) {
    initError_ = "eSpeak NG could not set up synchronous output: " + statusText(status);
    return;
  }
  sampleRate_ = espeak_ng_GetSampleRate();
  espeak_SetSynthCallback([](short* samples, int count, espeak_EVENT* events) {
    return onSamples(samples, count, events);
  });
  ready_ = sampleRate_ > 0;
  if (!ready_)
    initError_ = "eSpeak NG reported no sample rate";
}

int EspeakSynthesizer::onSamples(short* samples, int count, void* /*events*/) {
  // Only called inside synthesize(), which holds the mutex.
  EspeakSynthesizer& self = instance();
  if (samples != nullptr && count > 0 && self.sink_ != nullptr)
    self.sink_->insert(self.sink_->end(), samples, samples + count);
  const bool cancelled = self.cancel_ != nullptr && self.cancel_->load(std::memory_order_relaxed);
  return cancelled ? 1 : 0;  // 1 tells eSpeak to abort
}

bool EspeakSynthesizer::selectVoice(const std::string& name, std::string& error) {
  if (name == currentVoice_)
    return true;
  const espeak_ng_STATUS status = espeak_ng_SetVoiceByName(name.c_str());
  if (status != ENS_OK) {
    currentVoice_.clear();  // eSpeak may have half-switched
    error = "eSpeak NG has no voice '" + name + "' (" + statusText(status) + ")";
    return false;
  }
  currentVoice_ = name;
  return true;
}

std::string EspeakSynthesizer::checkVoice(const VoiceProfile& profile) {
  if (!ready_)
    return initError_;
  std::lock_guard lock(mutex_);
  std::string error;
  if (!selectVoice(profile.espeakVoice, error))
    return error;
  if (!profile.variant.empty() && !selectVoice(profile.espeakVoiceName(), error))
    return "eSpeak NG has no variant '" + profile.variant + "' for voice '" + profile.espeakVoice +
           "'";
  return {};
}

SynthStatus EspeakSynthesizer::synthesize(std::string_view text, const VoiceProfile& profile,
                                          bool echo, std::vector<std::int16_t>& out,
                                          const std::atomic<bool>* cancel, std::string& error) {
  if (!ready_) {
    error = initError_;
    return SynthStatus::kFailed;
  }
  bool phonemes = false;
  const std::string spoken = profile.applyLexicon(text, phonemes);
  std::lock_guard lock(mutex_);
  if (!selectVoice(profile.espeakVoiceName(), error))
    return SynthStatus::kFailed;
  const int rate = echo && profile.echoRateWpm > 0 ? profile.echoRateWpm : profile.rateWpm;
  espeak_ng_SetParameter(espeakRATE, rate, 0);
  espeak_ng_SetParameter(espeakPITCH, profile.pitch, 0);
  espeak_ng_SetParameter(espeakRANGE, profile.pitchRange, 0);
  espeak_ng_SetParameter(espeakVOLUME, profile.volume, 0);
  espeak_ng_SetParameter(espeakWORDGAP, profile.wordGapMs / 10, 0);  // units of 10 ms

  sink_ = &out;
  cancel_ = cancel;
  const unsigned flags = espeakCHARS_UTF8 | espeakENDPAUSE | (phonemes ? espeakPHONEMES : 0U);
  const espeak_ng_STATUS status = espeak_ng_Synthesize(spoken.c_str(), spoken.size() + 1, 0,
                                                       POS_CHARACTER, 0, flags, nullptr, nullptr);
  sink_ = nullptr;
  cancel_ = nullptr;
  if (cancel != nullptr && cancel->load())
    return SynthStatus::kCancelled;
  if (status != ENS_OK) {
    error = "eSpeak NG could not speak '" + std::string(text) + "': " + statusText(status);
    return SynthStatus::kFailed;
  }
  return SynthStatus::kOk;
}

}  // namespace drishti::speech

namespace drishti::speech {

std::string EspeakSynthesizer::phonemesOf(std::string_view text, const VoiceProfile& profile) {
  if (!ready_)
    return {};
  bool phonemes = false;
  const std::string spoken = profile.applyLexicon(text, phonemes);
  std::lock_guard lock(mutex_);
  std::string error;
  if (!selectVoice(profile.espeakVoiceName(), error))
    return {};
  std::string out;
  const void* next = spoken.c_str();
  while (next != nullptr) {
    const char* clause = espeak_TextToPhonemes(&next, espeakCHARS_UTF8, 0);
    if (clause == nullptr)
      break;
    if (!out.empty())
      out += ' ';
    out += clause;
  }
  return out;
}

}  // namespace drishti::speech
