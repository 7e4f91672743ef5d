// parseBoard: reads one board file (format: host/data/README.md, "Boards").
//
// Requires: the file's bytes and the name to use in messages.
// Ensures: either a complete, checked Board and no problems, or no board and
// at least one Problem naming the line and what is wrong (every bad line is
// reported, not only the first). Checks: the header `drishti-board 1`,
// required fields, known keywords, actions and attributes, UTF-8, limits that
// keep targets large (at most kMaxRows rows of kMaxColumns keys), unique blink
// codes and look directions. References to other boards (`@board:ID`) are
// checked by BoardLibrary, which knows all boards. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "host/core/board.h"
#include "host/core/problem.h"

namespace drishti::host {

inline constexpr std::size_t kMaxRows = 10;     // grid rows, E-tran groups, categories
inline constexpr std::size_t kMaxColumns = 14;  // keys in one row or group
inline constexpr std::size_t kMaxTabKeys = 24;  // phrases in one category

// A board, or the reasons there is none (never both).
struct BoardParseResult {
  std::optional<Board> board;
  std::vector<Problem> problems;
  bool ok() const { return board.has_value(); }
};

BoardParseResult parseBoard(std::string_view text, std::string_view fileName);

// Parses "left", "right", "up", "down"; kNone otherwise.
Direction parseDirection(std::string_view word);
std::string_view directionName(Direction d);

}  // namespace drishti::host
