#include "host/speech/voice_profile.h"

#include <charconv>
#include <cstddef>
#include <cstdint>

namespace drishti::speech {
namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back()))
    s.remove_suffix(1);
  return s;
}

char lowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsFolded(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lowerAscii(a[i]) != lowerAscii(b[i]))
      return false;
  }
  return true;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (b0 < 0x80)
    return 1;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size())
    return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < minimum[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

// The first problem with the line's bytes, or empty.
std::string badBytes(std::string_view line) {
  for (std::size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x20 && c != '\t' && c != '\r')
      return "control character (byte " + std::to_string(c) + ") at column " +
             std::to_string(i + 1);
    const std::size_t n = utf8Length(line, i);
    if (n == 0)
      return "invalid UTF-8 at column " + std::to_string(i + 1);
    i += n;
  }
  return {};
}

// Removes a '#' comment: '#' at the start or after a space, outside [[phonemes]]
// (eSpeak phoneme names may contain '#').
std::string_view stripComment(std::string_view line) {
  bool inPhonemes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 2, "[[") == 0)
      inPhonemes = true;
    else if (line.compare(i, 2, "]]") == 0)
      inPhonemes = false;
    else if (line[i] == '#' && !inPhonemes && (i == 0 || isSpace(line[i - 1])))
      return line.substr(0, i);
  }
  return line;
}

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool isWordBreak(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x80)
    return false;  // part of a non-ASCII letter
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == '-');
}

struct IntSetting {
  const char* key;
  int VoiceProfile::*field;
  int min;
  int max;
};

constexpr IntSetting kIntSettings[] = {
    {"rate_wpm", &VoiceProfile::rateWpm, 80, 450},
    {"echo_rate_wpm", &VoiceProfile::echoRateWpm, 80, 450},
    {"pitch", &VoiceProfile::pitch, 0, 100},
    {"pitch_range", &VoiceProfile::pitchRange, 0, 100},
    {"volume", &VoiceProfile::volume, 0, 200},
    {"word_gap_ms", &VoiceProfile::wordGapMs, 0, 1000},
};

constexpr const char* kKnownKeys =
    "name, espeak_voice, variant, rate_wpm, echo_rate_wpm, pitch, pitch_range, volume, "
    "word_gap_ms";

class Parser {
 public:
  Parser(std::string_view origin, VoiceParseResult& result) : origin_(origin), result_(result) {}

  void error(int line, const std::string& what) {
    std::string where(origin_);
    if (line > 0)
      where += ":" + std::to_string(line);
    result_.errors.push_back({line, where + ": " + what});
  }

  void setting(int line, std::string_view key, std::string_view value, VoiceProfile& p) {
    for (const std::string& seen : seenKeys_) {
      if (seen == key) {
        error(line, "'" + std::string(key) + "' is set twice");
        return;
      }
    }
    seenKeys_.emplace_back(key);
    if (key == "espeak_voice")
      result_.espeakVoiceLine = line;
    if (key == "name") {
      p.name = value;
      return;
    }
    if (key == "espeak_voice" || key == "variant") {
      for (char c : value) {
        if (!isNameChar(c)) {
          error(line, std::string(key) + " '" + std::string(value) +
                          "' may contain only letters, digits, '-' and '_'");
          return;
        }
      }
      (key == "espeak_voice" ? p.espeakVoice : p.variant) = value;
      return;
    }
    for (const IntSetting& s : kIntSettings) {
      if (key != s.key)
        continue;
      int v = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
      if (ec != std::errc() || end != value.data() + value.size()) {
        error(line, std::string(key) + " must be a whole number, not '" + std::string(value) + "'");
      } else if (v < s.min || v > s.max) {
        error(line, std::string(key) + " " + std::string(value) + " is out of range " +
                        std::to_string(s.min) + ".." + std::to_string(s.max));
      } else {
        p.*(s.field) = v;
      }
      return;
    }
    error(line, "unknown setting '" + std::string(key) + "' (known: " + kKnownKeys + ")");
  }

  void lexicon(int line, std::string_view word, std::string_view replacement, VoiceProfile& p) {
    for (char c : word) {
      if (isWordBreak(c)) {
        error(line, "lexicon word '" + std::string(word) +
                        "' must be one word (letters, digits, ' and - only)");
        return;
      }
    }
    if (replacement.starts_with("[[") != replacement.ends_with("]]") ||
        (replacement.starts_with("[[") && replacement.size() < 5)) {
      error(line, "lexicon replacement '" + std::string(replacement) +
                      "' must be plain text or eSpeak phonemes inside [[ ]]");
      return;
    }
    for (const LexiconEntry& e : p.lexicon) {
      if (equalsFolded(e.word, word)) {
        error(line, "lexicon word '" + std::string(word) + "' is listed twice");
        return;
      }
    }
    p.lexicon.push_back({std::string(word), std::string(replacement)});
  }

 private:
  std::string_view origin_;
  VoiceParseResult& result_;
  std::vector<std::string> seenKeys_;
};

}  // namespace

std::string VoiceProfile::espeakVoiceName() const {
  return variant.empty() ? espeakVoice : espeakVoice + "+" + variant;
}

std::string VoiceProfile::applyLexicon(std::string_view text, bool& usesPhonemes) const {
  usesPhonemes = false;
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    if (isWordBreak(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !isWordBreak(text[end]))
      ++end;
    const std::string_view word = text.substr(i, end - i);
    const LexiconEntry* hit = nullptr;
    for (const LexiconEntry& e : lexicon) {
      if (equalsFolded(e.word, word)) {
        hit = &e;
        break;
      }
    }
    if (hit == nullptr) {
      out += word;
    } else {
      out += hit->replacement;
      usesPhonemes = usesPhonemes || hit->replacement.starts_with("[[");
    }
    i = end;
  }
  if (usesPhonemes) {
    // With phoneme input on, "[[" typed by the user would be read as phonemes.
    for (std::size_t p = out.find("[["); p != std::string::npos; p = out.find("[[", p + 2)) {
      bool ours = false;
      for (const LexiconEntry& e : lexicon)
        ours = ours || out.compare(p, e.replacement.size(), e.replacement) == 0;
      if (!ours)
        out[p] = '(';
    }
  }
  return out;
}

VoiceParseResult parseVoiceProfile(std::string_view text, std::string_view origin,
                                   std::string_view language) {
  VoiceParseResult result;
  Parser parser(origin, result);
  VoiceProfile profile;
  profile.language = language;
  bool inLexicon = false;
  int lineNo = 0;
  if (text.starts_with("\xEF\xBB\xBF"))
    text.remove_prefix(3);  // a byte-order mark some editors add
  while (!text.empty()) {
    ++lineNo;
    const std::size_t nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (const std::string bad = badBytes(raw); !bad.empty()) {
      parser.error(lineNo, bad);
      continue;
    }
    const std::string_view line = trim(stripComment(raw));
    if (line.empty())
      continue;
    if (line.front() == '[') {
      if (line == "[lexicon]")
        inLexicon = true;
      else
        parser.error(lineNo, "unknown section '" + std::string(line) + "' (known: [lexicon])");
      continue;
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      parser.error(lineNo, "expected 'key = value', got '" + std::string(line) + "'");
      continue;
    }
    const std::string_view key = trim(line.substr(0, eq));
    const std::string_view value = trim(line.substr(eq + 1));
    if (key.empty() || value.empty()) {
      parser.error(lineNo, key.empty() ? "missing key before '='" : "missing value after '='");
      continue;
    }
    if (inLexicon)
      parser.lexicon(lineNo, key, value, profile);
    else
      parser.setting(lineNo, key, value, profile);
  }
  if (profile.espeakVoice.empty())
    parser.error(0, "espeak_voice is missing (the eSpeak NG voice to use, e.g. 'en')");
  if (profile.name.empty())
    profile.name = profile.language;
  if (result.errors.empty())
    result.profile = std::move(profile);
  return result;
}

VoiceProfile defaultVoiceProfile(std::string_view language) {
  VoiceProfile p;
  p.language = language;
  p.name = language;
  p.espeakVoice = language == "cmn" ? "cmn-latn-pinyin" : std::string(language);
  return p;
}

}  // namespace drishti::speech
