// VoiceProfile: how one language is spoken, read from a voices/*.voice file.
//
// Represents: the eSpeak NG voice and prosody for one language profile ("en",
// "hi", "ml", "cmn"), plus lexicon additions: whole words replaced by another
// spelling or by eSpeak phonemes in [[...]] before synthesis. Plain value type.
//
// File format (UTF-8, one setting per line, '#' starts a comment):
//
//   name = English            # shown to caregivers
//   espeak_voice = en         # eSpeak NG voice (`espeak-ng --voices`)
//   variant = f3              # optional eSpeak variant (`espeak-ng --voices=variant`)
//   rate_wpm = 160            # words per minute, 80..450
//   echo_rate_wpm = 220       # letter/word echoes, 80..450 (default: rate_wpm)
//   pitch = 50                # 0..100
//   pitch_range = 50          # 0..100 (0 = monotone)
//   volume = 100              # percent, 0..200
//   word_gap_ms = 0           # extra pause between words, 0..1000 ms
//   [lexicon]
//   Drishti = dhrishtee       # a word = how to say it (text or [[phonemes]])
//
// parseVoiceProfile() is pure; it reports every problem as "file:line: what".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drishti::speech {

struct LexiconEntry {
  std::string word;         // as written in text; ASCII letters match case-insensitively
  std::string replacement;  // spelling, or eSpeak phonemes when wrapped in [[ ]]

  bool operator==(const LexiconEntry&) const = default;
};

struct VoiceProfile {
  std::string language;     // profile name: the file stem ("en"); SpeechRequest::language
  std::string name;         // human-readable, e.g. "English"
  std::string espeakVoice;  // e.g. "en", "cmn-latn-pinyin"
  std::string variant;      // e.g. "f3"; empty = the voice's own
  int rateWpm = 175;
  int echoRateWpm = 0;  // 0 = same as rateWpm
  int pitch = 50;
  int pitchRange = 50;
  int volume = 100;
  int wordGapMs = 0;
  std::vector<LexiconEntry> lexicon;

  // "en+f3" style name for espeak_ng_SetVoiceByName.
  std::string espeakVoiceName() const;
  // The text with lexicon words replaced; sets usesPhonemes when a replacement
  // is [[phonemes]] (the synthesiser must then enable phoneme input).
  std::string applyLexicon(std::string_view text, bool& usesPhonemes) const;

  bool operator==(const VoiceProfile&) const = default;
};

struct VoiceParseError {
  int line = 0;         // 1-based; 0 for problems of the whole file
  std::string message;  // "file:line: problem"
};

struct VoiceParseResult {
  std::optional<VoiceProfile> profile;  // set only when there are no errors
  std::vector<VoiceParseError> errors;
  int espeakVoiceLine = 0;  // line of espeak_voice, for later checks of the voice name
};

// Parses the text of a voice file. `origin` is the file name used in messages;
// `language` is the profile name (the file stem). A file with any error yields
// no profile: a half-read voice would be worse than the last good one.
VoiceParseResult parseVoiceProfile(std::string_view text, std::string_view origin,
                                   std::string_view language);

// The built-in profile used for a language when no good file was ever read:
// the eSpeak voice of the same name with eSpeak's default prosody.
VoiceProfile defaultVoiceProfile(std::string_view language);

}  // namespace drishti::speech
