// BoardLibrary: every board the device can show, loaded from folders.
//
// Represents: the boards in the given folders (*.board files; later folders
// override boards of the same id, so a caregiver's copy in the state folder
// replaces the installed one), in boards-menu order (Board::order, then id).
// A file that does not parse is reported (file:line) and its last good copy
// is used instead (last_good_file.h); references to unknown boards
// (`@board:ID`) are reported with their line.
//
// Boards are immutable once loaded; pointers returned by find() stay valid
// until the next load(). Not thread-safe.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "host/core/board.h"
#include "host/core/problem.h"

namespace drishti::host {

class BoardLibrary {
 public:
  // Replaces the library with the boards in `dirs` (missing folders are
  // skipped). `lastGoodDir` keeps last good copies; empty = no copies.
  void load(const std::vector<std::filesystem::path>& dirs,
            const std::filesystem::path& lastGoodDir);

  // Adds one parsed board (tests, simulations); replaces one with the same id.
  void add(Board board);

  const Board* find(std::string_view id) const;
  const std::vector<Board>& boards() const { return boards_; }
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  void sortAndCheck();

  std::vector<Board> boards_;
  std::vector<Problem> problems_;
};

}  // namespace drishti::host
