#include "host/core/versioned_lexer.h"

namespace drishti::host {

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
      problems_.push_back({fileName_, line,
                           std::string(what_) + " has format version '" + t[1].text +
                               "', which this build does not read (it reads version 1)"});
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
