// Helpers shared by the host core tests: a speech sink that records, paths to
// the repository's data, and a planner that types text with scripted dwell.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/host_session.h"
#include "host/core/input_script.h"
#include "host/core/speech_sink.h"
#include "host/core/utf8_text.h"
#include "method_test_helpers.h"

namespace drishti::host::test {

class RecordingSpeech final : public SpeechSink {
 public:
  void speak(const SpeechRequest& r) override { requests.push_back(r); }
  void stopSpeaking() override { ++stops; }
  bool speaking() const override { return false; }

  std::vector<SpeechRequest> messages() const {
    std::vector<SpeechRequest> out;
    for (const auto& r : requests)
      if (r.kind == SpeechKind::kMessage)
        out.push_back(r);
    return out;
  }
  std::vector<SpeechRequest> requests;
  int stops = 0;
};

inline std::filesystem::path sourceDir() {
  const char* env = std::getenv("DRISHTI_SOURCE_DIR");
  return env != nullptr ? std::filesystem::path(env)
                        : std::filesystem::path(DRISHTI_TEST_SOURCE_DIR);
}

inline std::filesystem::path dataDir() {
  return sourceDir() / "host" / "data";
}

// Looks at target `i` for `ms` (30 Hz gaze at its centre), then at the
// message bar for 0.3 s; returns the time after, in ms.
inline std::int64_t dwellOnTarget(HostSession& s, int i, std::int64_t atMs, int ms = 1400) {
  REQUIRE(i >= 0);
  const Rect r = s.targets()[static_cast<std::size_t>(i)].rect;
  std::int64_t t = atMs;
  for (; t < atMs + ms; t += 33)
    s.handle(gaze(t, r.x + r.w / 2, r.y + r.h / 2));
  for (; t < atMs + ms + 300; t += 33)
    s.handle(gaze(t, 640, 30));
  return t;
}

// The same for the target labelled `label`.
inline std::int64_t dwellOn(HostSession& s, std::string_view label, std::int64_t atMs,
                            int ms = 1400) {
  const int i = s.findTarget(label);
  INFO("no target labelled '" << label << "' on " << s.screenName());
  return dwellOnTarget(s, i, atMs, ms);
}

inline std::string centreOf(const Target& t) {
  return std::to_string(static_cast<int>(t.rect.x + t.rect.w / 2)) + " " +
         std::to_string(static_cast<int>(t.rect.y + t.rect.h / 2));
}

// A script that types `text` on the session's current (grid) board by dwell:
// for each piece, look at the key that types it for `dwellMs`, then look away
// at the message bar. Keys offering a vowel sign are used only right after a
// consonant, as on the screen. Ends by dwelling on "Speak" when `speak`.
// Returns "" if some piece of the text has no key.
inline std::string dwellScriptFor(const HostSession& s, std::string_view text, int dwellMs,
                                  bool speak) {
  std::string script = "drishti-script 1\nrate 30\n";
  std::string typed;
  const std::string away = "look 640 30 300\n";
  std::size_t pos = 0;
  while (pos < text.size()) {
    int best = -1;
    std::size_t bestLen = 0;
    const bool afterConsonant = endsWithIndicConsonant(typed);
    for (std::size_t i = 0; i < s.keys().size(); ++i) {
      const ScreenKey& k = s.keys()[i];
      std::string_view types;
      if (k.action == KeyAction::kSpace)
        types = " ";
      else if (k.role == KeyRole::kBoardKey && k.action == KeyAction::kInsert &&
               k.boardKey != nullptr)
        types = (afterConsonant && !k.boardKey->sign.empty()) ? std::string_view(k.boardKey->sign)
                                                              : std::string_view(k.boardKey->value);
      if (!types.empty() && text.substr(pos).starts_with(types) && types.size() > bestLen) {
        best = static_cast<int>(i);
        bestLen = types.size();
      }
    }
    if (best < 0)
      return {};
    script += "look " + centreOf(s.targets()[static_cast<std::size_t>(best)]) + " " +
              std::to_string(dwellMs) + "\n";
    script += away;
    typed += text.substr(pos, bestLen);
    pos += bestLen;
  }
  if (speak) {
    const int i = s.findTarget("Speak");
    if (i < 0)
      return {};
    script += "look " + centreOf(s.targets()[static_cast<std::size_t>(i)]) + " " +
              std::to_string(dwellMs) + "\n";
    script += away;
  }
  return script;
}

// Feeds a parsed script to the session, starting at `startUs`; returns the end time.
inline std::int64_t play(HostSession& s, const InputScript& script, std::int64_t startUs) {
  for (InputEvent e : script.events) {
    e.tUs += startUs;
    s.handle(e);
  }
  s.advanceTo(startUs + script.endUs);
  return startUs + script.endUs;
}

}  // namespace drishti::host::test
