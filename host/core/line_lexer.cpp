#include "host/core/line_lexer.h"

#include "host/core/utf8_text.h"

namespace drishti::host {

std::string_view Token::name() const {
  return equals == std::string::npos ? std::string_view()
                                     : std::string_view(text).substr(0, equals);
}

std::string_view Token::value() const {
  return equals == std::string::npos ? std::string_view(text)
                                     : std::string_view(text).substr(equals + 1);
}

bool LineLexer::next() {
  while (pos_ < text_.size()) {
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos)
      end = text_.size();
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    tokens_.clear();
    error_.clear();
    if (!lex(line)) {
      tokens_.clear();
      return true;
    }
    if (!tokens_.empty())
      return true;
  }
  return false;
}

bool LineLexer::lex(std::string_view line) {
  if (!isValidUtf8(line)) {
    error_ = "the line is not valid UTF-8 text (save the file as UTF-8)";
    return false;
  }
  std::size_t i = 0;
  const auto isSpace = [](char c) { return c == ' ' || c == '\t'; };
  while (true) {
    while (i < line.size() && isSpace(line[i]))
      ++i;
    if (i >= line.size() || line[i] == '#')
      return true;
    Token token;
    bool first = true;
    bool inQuotes = false;
    while (i < line.size() && (inQuotes || !isSpace(line[i]))) {
      const char c = line[i];
      if (c == '"') {
        inQuotes = !inQuotes;
        token.quoted = true;
        ++i;
      } else if (c == '\\') {
        if (i + 1 >= line.size()) {
          error_ = "a backslash at the end of the line has nothing to escape";
          return false;
        }
        token.text.push_back(line[i + 1] == 'n' ? '\n' : line[i + 1]);
        i += 2;
      } else {
        if (!inQuotes && first && c == '@')
          token.action = true;
        if (!inQuotes && c == '=' && token.equals == std::string::npos)
          token.equals = token.text.size();
        token.text.push_back(c);
        ++i;
      }
      first = false;
    }
    if (inQuotes) {
      error_ = "a quoted text is not closed (missing \")";
      return false;
    }
    tokens_.push_back(std::move(token));
  }
}

std::string quoteToken(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      // dropped: a CR inside a message has no meaning on screen or in speech
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace drishti::host
