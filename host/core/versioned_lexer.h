// VersionedLexer: LineLexer for a file whose first statement is "<magic> 1".
//
// Represents: the reading loop shared by the host's versioned text files
// (board, profile, saved state, history, vocabulary, learned words). Requires: `text`
// and `problems` outlive the reader. Ensures: a malformed line is reported to
// `problems` as file:line and skipped; the first well-formed statement must be
// the header, else "<what> must start with the line '<magic> 1'" is reported
// (or, for "<magic> N" with a whole N > 1, "written by a newer drishti,
// version N; this one reads up to 1"; for another N, that it is not read) and
// reading ends; a file with no statement at all is reported as empty.
// next() yields only the statements after the header.
//
// The files the device writes itself (state, history, learned words, and the
// calibration files, which have their own syntax) follow one rule across
// drishti versions (host/data/README.md): within a version an unknown key
// spelled like a key (keyLike) is skipped with a warning naming file and line
// (skipUnknownKey), and a newer version is refused by name. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "host/core/line_lexer.h"
#include "host/core/problem.h"

namespace drishti::host {

// The start of the message that refuses a file of a newer format version.
inline constexpr std::string_view kNewerVersionMessage = "written by a newer drishti, version ";
// "written by a newer drishti, version N; this one reads up to M".
std::string newerVersionMessage(int version, int readsUpTo);
// Whether `message` holds one newerVersionMessage made.
bool isNewerVersionMessage(std::string_view message);
// A key as the device spells one: a-z first, then a-z, 0-9 and '_', at most 40 bytes.
bool keyLike(std::string_view key);
// N of a whole version number "N" (1-9 first, digits, fits an int), else 0.
int wholeVersion(std::string_view digits);

// The version N and line of a file's header "<magic> N" (its first statement),
// or {0, 0} when the first statement is not such a header.
struct FileVersion {
  int version = 0;
  int line = 0;
};
FileVersion fileVersion(std::string_view text, std::string_view magic);

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

  // For the statement next() yielded, whose keyword this reader does not
  // know: when it is spelled like a key (keyLike), a warning "unknown key
  // 'K' (written by a newer drishti?): skipped, the rest of the file is kept"
  // (file:line) goes to `warnings` (when given) and true is returned; else
  // false, and the caller reports the line as garbage.
  bool skipUnknownKey(std::vector<Problem>* warnings) const;

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
