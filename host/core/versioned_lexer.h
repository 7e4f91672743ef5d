// VersionedLexer: LineLexer for a file whose first statement is "<magic> 1".
//
// Represents: the reading loop shared by the host's versioned text files
// (board, profile, saved state, history, vocabulary, learned words). Requires: `text`
// and `problems` outlive the reader. Ensures: a malformed line is reported to
// `problems` as file:line and skipped; the first well-formed statement must be
// the header, else "<what> must start with the line '<magic> 1'" is reported
// (or, for "<magic> N" with another N, that version N is not read) and
// reading ends; a file with no statement at all is reported as empty.
// next() yields only the statements after the header. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "host/core/line_lexer.h"
#include "host/core/problem.h"

namespace drishti::host {

class VersionedLexer {
 public:
  // `what` names the kind of file in messages, e.g. "a profile file".
  VersionedLexer(std::string_view text, std::string_view magic, std::string_view what,
                 const std::string& fileName, std::vector<Problem>& problems)
      : lexer_(text), magic_(magic), what_(what), fileName_(fileName), problems_(problems) {}

  // Advances to the next well-formed statement after the header; false at the
  // end of the text, or at a missing header (then headerOk() is false).
  bool next();
  // After next() returned false: whether the file had its header.
  bool headerOk() const { return header_; }

  int lineNumber() const { return lexer_.lineNumber(); }
  const std::vector<Token>& tokens() const { return lexer_.tokens(); }

 private:
  LineLexer lexer_;
  std::string_view magic_, what_;
  const std::string& fileName_;
  std::vector<Problem>& problems_;
  bool header_ = false;
  bool stopped_ = false;
};

}  // namespace drishti::host
