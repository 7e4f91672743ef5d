#include "host/core/versioned_lexer.h"

#include <algorithm>
#include <charconv>

namespace drishti::host {

std::string newerVersionMessage(int version, int readsUpTo) {
  return std::string(kNewerVersionMessage) + std::to_string(version) + "; this one reads up to " +
         std::to_string(readsUpTo);
}

bool isNewerVersionMessage(std::string_view message) {
  return message.find(kNewerVersionMessage) != std::string_view::npos;
}

bool keyLike(std::string_view key) {
  return !key.empty() && key.size() <= 40 && key.front() >= 'a' && key.front() <= 'z' &&
         std::all_of(key.begin(), key.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

int wholeVersion(std::string_view digits) {
  int v = 0;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (digits.empty() || digits.front() < '1' || digits.front() > '9' || r.ec != std::errc() ||
      r.ptr != digits.data() + digits.size())
    return 0;
  return v;
}

FileVersion fileVersion(std::string_view text, std::string_view magic) {
  LineLexer lexer(text);
  while (lexer.next()) {
    if (!lexer.error().empty())
      continue;  // as VersionedLexer: a malformed line before the header is skipped
    const auto& t = lexer.tokens();
    if (t.size() == 2 && t[0].text == magic)
      return {wholeVersion(t[1].text), lexer.lineNumber()};
    return {};
  }
  return {};
}

bool VersionedLexer::skipUnknownKey(std::vector<Problem>* warnings) const {
  const std::string& key = lexer_.tokens().front().text;
  if (!keyLike(key))
    return false;
  if (warnings != nullptr)
    warnings->push_back({fileName_, lexer_.lineNumber(),
                         "unknown key '" + key +
                             "' (written by a newer drishti?): skipped, the rest of the file is "
                             "kept"});
  return true;
}

bool VersionedLexer::next() {
  while (!stopped_ && lexer_.next()) {
    const int line = lexer_.lineNumber();
    if (!lexer_.error().empty()) {
      problems_.push_back({fileName_, line, lexer_.error()});
      continue;
    }
    if (header_)
      return true;
    const auto& t = lexer_.tokens();
    if (t.size() == 2 && t[0].text == magic_ && t[1].text != "1") {
      // A file from a newer (or broken) build: say so rather than blame the header.
      const int version = wholeVersion(t[1].text);
      problems_.push_back({fileName_, line,
                           version > 1 ? std::string(what_) + " " + newerVersionMessage(version, 1)
                                       : std::string(what_) + " has format version '" + t[1].text +
                                             "', which this build does not read (it reads "
                                             "version 1)"});
      stopped_ = true;
      return false;
    }
    if (t.size() != 2 || t[0].text != magic_) {
      problems_.push_back(
          {fileName_, line,
           std::string(what_) + " must start with the line '" + std::string(magic_) + " 1'"});
      stopped_ = true;
      return false;
    }
    header_ = true;
  }
  if (!stopped_ && !header_)
    problems_.push_back({fileName_, 0,
                         "the file is empty: " + std::string(what_) +
                             " must start with the line '" + std::string(magic_) + " 1'"});
  stopped_ = true;
  return false;
}

}  // namespace drishti::host
