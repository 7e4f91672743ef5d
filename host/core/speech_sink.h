// SpeechSink: where host/core sends what is to be spoken.
//
// host/core decides what to say and when; host/speech implements this with
// eSpeak NG on its own thread (and tests implement it to record requests).
// Implementations must return at once (never block the UI loop) and be safe
// to call from the UI thread.
#pragma once

#include <string>

namespace drishti::host {

enum class SpeechKind : unsigned char {
  kMessage,     // the user's composed text: the reason the device exists
  kLetterEcho,  // optional echo of a selected letter
  kWordEcho,    // optional echo of a completed word
  kPrompt,      // device prompts ("Yes", "Help is coming")
};

struct SpeechRequest {
  std::string text;      // UTF-8
  std::string language;  // voice profile name in voices/: "en", "hi", "ml", "cmn"
  SpeechKind kind = SpeechKind::kMessage;
  bool interrupt = false;  // stop what is being said first
};

class SpeechSink {
 public:
  virtual ~SpeechSink() = default;
  virtual void speak(const SpeechRequest& request) = 0;
  virtual void stopSpeaking() = 0;
  virtual bool speaking() const = 0;
};

}  // namespace drishti::host
