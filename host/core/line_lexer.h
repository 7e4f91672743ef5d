// LineLexer: the tokenizer shared by every line-oriented host file format.
//
// Represents: the common syntax of board, profile, state and script files
// (documented in host/data/README.md):
//   - one statement per line: a keyword and its arguments, separated by spaces
//     or tabs; blank lines are ignored; a CR before the LF is ignored;
//   - `#` at the start of a token starts a comment to the end of the line;
//   - "double quotes" keep spaces inside a token; in and out of quotes a
//     backslash takes the next character literally (\" \\ \# \@ \|), and \n
//     is a newline;
//   - an unquoted, unescaped `@` at the start of a token marks an action
//     (Token::action), and the first unquoted, unescaped `=` splits
//     name=value attributes (Token::equals).
// Ensures: each line is checked for valid UTF-8 and closed quotes; a bad line
// is reported with its number and skipped. Not thread-safe (one per parse).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace drishti::host {

// One word of a line, unquoted and unescaped, with how it was written.
struct Token {
  std::string text;                        // unquoted, unescaped
  bool action = false;                     // began with an unescaped '@' (kept in text)
  std::size_t equals = std::string::npos;  // index in text of the first unescaped '='
  bool quoted = false;                     // some part was in quotes

  // For name=value tokens: the parts around `equals`.
  std::string_view name() const;
  std::string_view value() const;
};

class LineLexer {
 public:
  // Reads `text` in place: it must outlive the lexer.
  explicit LineLexer(std::string_view text) : text_(text) {}

  // Advances to the next line with tokens; false at the end of the text.
  // On a malformed line, returns true with error() set and no tokens.
  bool next();

  int lineNumber() const { return line_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::string& error() const { return error_; }

 private:
  bool lex(std::string_view line);

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 0;
  std::vector<Token> tokens_;
  std::string error_;
};

// Quotes `text` so that LineLexer reads it back as one token with the same text.
std::string quoteToken(std::string_view text);

}  // namespace drishti::host
