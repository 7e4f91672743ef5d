// SdlAudioOutput: plays speech through an SDL2 audio device.
//
// Represents: the default audio device, opened for 16-bit mono at the
// synthesiser's rate (SDL converts to what the device wants) and fed with
// SDL_QueueAudio, so no audio callback runs in our code. With
// SDL_AUDIODRIVER=dummy (tests, headless runs) SDL consumes the queue at the
// real rate without a sound card.
//
// Uses only SDL's audio subsystem (host speech must not know SDL video).
// Thread safety: SDL locks the device inside SDL_QueueAudio,
// SDL_ClearQueuedAudio and SDL_GetQueuedAudioSize, so discard() and
// queuedSamples() may be called from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "host/speech/audio_output.h"

namespace drishti::speech {

class SdlAudioOutput final : public AudioOutput {
 public:
  SdlAudioOutput() = default;
  ~SdlAudioOutput() override;
  SdlAudioOutput(const SdlAudioOutput&) = delete;
  SdlAudioOutput& operator=(const SdlAudioOutput&) = delete;

  // Opens the default device. False with `error` set (a sentence naming the
  // driver and SDL's reason) when there is none; the device then runs silent.
  bool open(int sampleRate, std::string& error);
  bool isOpen() const { return device_ != 0; }
  std::string driverName() const;

  void begin(const Utterance&) override {}
  void write(std::span<const std::int16_t> samples) override;
  void end(const Utterance&, bool) override {}
  void discard() override;
  std::int64_t queuedSamples() const override;

 private:
  std::uint32_t device_ = 0;  // SDL_AudioDeviceID
  bool subsystem_ = false;
};

}  // namespace drishti::speech
