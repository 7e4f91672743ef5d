// SpeechService: host::SpeechSink with eSpeak NG on one speech thread.
//
// Represents: the device's voice. speak() queues a request and returns at
// once; the speech thread synthesises each request in order (EspeakSynthesizer,
// synchronous mode) and plays it to every AudioOutput in chunks, paced at the
// real playback rate so that stopSpeaking() cuts what is being heard, not
// just what is left to synthesise. With realTime off (tests) audio is written
// as fast as it is made.
//
// Honours the request: interrupt = true stops what is being said and empties
// the queue first; a letter or word echo replaces echoes still waiting in the
// queue (an echo that is late is noise), and never displaces messages or
// prompts. Which echoes to send is host/core's policy.
//
// Thread safety: speak, stopSpeaking, speaking, waitUntilIdle, setVoices,
// takeMessages and stats may be called from any thread. The outputs must
// outlive the service.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "host/core/speech_sink.h"
#include "host/speech/audio_output.h"
#include "host/speech/voice_library.h"

namespace drishti::speech {

struct SpeechOptions {
  bool realTime = true;  // pace at playback speed; false writes as fast as synthesis
  int chunkMs = 20;      // audio written per step, ms
  int leadMs = 60;       // how far ahead of playback audio is queued, ms
};

struct SpeechStats {
  std::uint64_t spoken = 0;   // utterances played to the end
  std::uint64_t cut = 0;      // stopped or interrupted while playing
  std::uint64_t dropped = 0;  // removed from the queue before starting
  std::uint64_t failed = 0;   // could not be synthesised
};

class SpeechService final : public host::SpeechSink {
 public:
  SpeechService(VoiceLibrary voices, std::vector<AudioOutput*> outputs, SpeechOptions options = {});
  ~SpeechService() override;
  SpeechService(const SpeechService&) = delete;
  SpeechService& operator=(const SpeechService&) = delete;

  void speak(const host::SpeechRequest& request) override;
  void stopSpeaking() override;
  bool speaking() const override;

  // Queues a ready-made sound (e.g. attentionChime()) like an utterance of
  // `kind`; `label` names it in transcripts ("[attention]").
  void playClip(std::string label, std::shared_ptr<const std::vector<std::int16_t>> samples,
                host::SpeechKind kind, bool interrupt);

  // Blocks until nothing is queued or playing, or the timeout passes; true if idle.
  bool waitUntilIdle(std::chrono::milliseconds timeout);
  // Takes effect from the next utterance.
  void setVoices(VoiceLibrary voices);
  // Problems met since the last call (failed voices, synthesis errors), for the log.
  std::vector<std::string> takeMessages();
  // When the first samples of each message or prompt (an answer) since the
  // last call left for the outputs: one line each, "first audio of message
  // ID at T us", T on the steady clock the app stamps input with. For
  // measuring selection-to-voice latency.
  std::vector<std::string> takeAudioStarts();
  SpeechStats stats() const;
  int sampleRate() const { return sampleRate_; }

 private:
  struct Item {
    host::SpeechRequest request;
    std::shared_ptr<const std::vector<std::int16_t>> clip;  // set: play this, not the text
    std::uint64_t id = 0;
  };

  void enqueue(Item item);

  void run();
  void speakOne(const Item& item, const VoiceProfile& profile);
  // Waits (mutex not held) until `until` or a stop; true if stopped.
  bool waitOrStop(std::chrono::steady_clock::time_point until);
  void dropQueuedLocked(bool echoesOnly);

  const std::vector<AudioOutput*> outputs_;
  const SpeechOptions options_;
  const int sampleRate_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;  // queue, stop or quit
  std::condition_variable idle_;
  std::deque<Item> queue_;
  VoiceLibrary voices_;
  std::vector<std::string> messages_;
  std::vector<std::string> audioStarts_;
  SpeechStats stats_;
  std::uint64_t nextId_ = 1;
  bool busy_ = false;  // an item is being synthesised or played
  bool quit_ = false;
  std::atomic<bool> cancel_{false};  // stop the item in progress

  std::vector<std::int16_t> pcm_;  // speech thread only; reused between utterances
  std::thread thread_;
};

}  // namespace drishti::speech
