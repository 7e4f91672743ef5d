// VoiceLibrary: the voice profile in use for each language, always a good one.
//
// Represents: the profiles read from a voices/ directory (one <language>.voice
// file each). A file that fails to parse, or names a voice eSpeak NG does not
// have, never replaces a working voice: the library keeps the last good
// version, from memory (a reload while running), else from the copy it saved
// in `lastGoodDir` the last time the file was good, else the built-in default.
// Every problem comes back as a message naming the file and line.
//
// Thread safety: not thread-safe; SpeechService takes copies of profiles.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "host/speech/voice_profile.h"

namespace drishti::speech {

// Returns empty when the profile can be used, else what is wrong (e.g. "eSpeak
// NG has no voice 'xx'"). Lets the library check names against the real
// synthesiser without depending on it.
using VoiceCheck = std::function<std::string(const VoiceProfile&)>;

class VoiceLibrary {
 public:
  // lastGoodDir may be empty (no copies kept, e.g. in tests of parsing alone).
  explicit VoiceLibrary(std::filesystem::path lastGoodDir = {});

  // Reads every *.voice file in `dir`. Appends one message per problem to
  // `messages`. Returns the number of files that were used as read.
  int load(const std::filesystem::path& dir, const VoiceCheck& check,
           std::vector<std::string>& messages);

  // Reads one file (e.g. after a caregiver edited it); same rules as load().
  bool loadFile(const std::filesystem::path& file, const VoiceCheck& check,
                std::vector<std::string>& messages);

  // The profile for `language`; the built-in default when none was loaded.
  VoiceProfile profileFor(std::string_view language) const;
  bool has(std::string_view language) const { return profiles_.contains(language); }
  std::vector<std::string> languages() const;

 private:
  bool useLastGood(const std::string& language, const std::filesystem::path& file,
                   const VoiceCheck& check, std::vector<std::string>& messages);
  void saveLastGood(const std::string& language, const std::string& text,
                    std::vector<std::string>& messages) const;

  std::filesystem::path lastGoodDir_;
  std::map<std::string, VoiceProfile, std::less<>> profiles_;
};

}  // namespace drishti::speech
