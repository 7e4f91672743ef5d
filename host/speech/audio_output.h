// AudioOutput: somewhere speech audio goes (a sound card, a WAV file, a test).
//
// Represents: a consumer of 16-bit mono PCM at the synthesiser's sample rate,
// fed by SpeechService's speech thread in playback order, utterance by
// utterance: begin(), write() in chunks of a few tens of ms, end(). A stopped
// utterance ends with cut = true and discard() drops what was queued for
// playing but not heard yet.
//
// Thread safety: begin/write/end are called only from the speech thread;
// discard() and queuedSamples() may also be called from the thread that stops
// speech (the UI thread), so implementations guard them.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "host/core/speech_sink.h"

namespace drishti::speech {

struct Utterance {
  std::uint64_t id = 0;  // 1, 2, ... in the order spoken
  std::string text;      // as requested (before lexicon replacements)
  std::string language;  // voice profile used
  host::SpeechKind kind = host::SpeechKind::kMessage;
  int sampleRate = 0;  // Hz
};

class AudioOutput {
 public:
  virtual ~AudioOutput() = default;
  virtual void begin(const Utterance& utterance) = 0;
  virtual void write(std::span<const std::int16_t> samples) = 0;
  // cut: the utterance was stopped before all of it was written.
  virtual void end(const Utterance& utterance, bool cut) = 0;
  // Drop audio queued for playing but not yet heard (a stop).
  virtual void discard() {}
  // Samples written but not yet heard; 0 for outputs that do not play.
  virtual std::int64_t queuedSamples() const { return 0; }
};

}  // namespace drishti::speech
