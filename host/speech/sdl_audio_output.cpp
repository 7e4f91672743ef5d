#include "host/speech/sdl_audio_output.h"

#include <SDL2/SDL.h>

namespace drishti::speech {

SdlAudioOutput::~SdlAudioOutput() {
  if (device_ != 0)
    SDL_CloseAudioDevice(device_);
  if (subsystem_)
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool SdlAudioOutput::open(int sampleRate, std::string& error) {
  if (!subsystem_) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
      error = std::string("no audio: SDL could not start its audio subsystem (") + SDL_GetError() +
              "); speech will not be heard";
      return false;
    }
    subsystem_ = true;
  }
  SDL_AudioSpec want{};
  want.freq = sampleRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 512;  // about 23 ms at 22050 Hz: a stop is heard promptly
  SDL_AudioSpec have{};
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (device_ == 0) {
    const char* driver = SDL_GetCurrentAudioDriver();
    error = std::string("no audio: SDL could not open a sound device (driver ") +
            (driver != nullptr ? driver : "none") + ": " + SDL_GetError() +
            "); speech will not be heard";
    return false;
  }
  SDL_PauseAudioDevice(device_, 0);
  return true;
}

std::string SdlAudioOutput::driverName() const {
  const char* driver = SDL_GetCurrentAudioDriver();
  return driver != nullptr ? driver : "";
}

void SdlAudioOutput::write(std::span<const std::int16_t> samples) {
  if (device_ != 0 && !samples.empty())
    SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size_bytes()));
}

void SdlAudioOutput::discard() {
  if (device_ != 0)
    SDL_ClearQueuedAudio(device_);
}

std::int64_t SdlAudioOutput::queuedSamples() const {
  return device_ != 0 ? SDL_GetQueuedAudioSize(device_) / 2 : 0;
}

}  // namespace drishti::speech
