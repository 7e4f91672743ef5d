#include "host/core/board_library.h"

#include <algorithm>

#include "host/core/board_parser.h"
#include "host/core/last_good_file.h"

namespace drishti::host {

void BoardLibrary::load(const std::vector<std::filesystem::path>& dirs,
                        const std::filesystem::path& lastGoodDir) {
  boards_.clear();
  problems_.clear();
  for (const std::filesystem::path& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.path().extension() == ".board")
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> idsHere;
    for (const std::filesystem::path& file : files) {
      auto parse = [](std::string_view text, const std::string& name, std::vector<Problem>& out) {
        BoardParseResult r = parseBoard(text, name);
        out.insert(out.end(), r.problems.begin(), r.problems.end());
        return std::move(r.board);
      };
      std::optional<Board> board = loadWithLastGood<Board>(file, lastGoodDir, parse, problems_);
      if (!board)
        continue;
      board->file = file.string();
      if (std::find(idsHere.begin(), idsHere.end(), board->id) != idsHere.end()) {
        problems_.push_back({file.string(), 0,
                             "board id '" + board->id + "' is used by another file in " +
                                 dir.string() + "; this file is ignored"});
        continue;
      }
      idsHere.push_back(board->id);
      add(std::move(*board));
    }
  }
  sortAndCheck();
}

void BoardLibrary::add(Board board) {
  auto it = std::find_if(boards_.begin(), boards_.end(),
                         [&](const Board& b) { return b.id == board.id; });
  if (it != boards_.end())
    *it = std::move(board);
  else
    boards_.push_back(std::move(board));
  sortAndCheck();
}

const Board* BoardLibrary::find(std::string_view id) const {
  for (const Board& b : boards_)
    if (b.id == id)
      return &b;
  return nullptr;
}

void BoardLibrary::sortAndCheck() {
  std::sort(boards_.begin(), boards_.end(), [](const Board& a, const Board& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
  std::erase_if(problems_,
                [](const Problem& p) { return p.message.starts_with("no board has the id"); });
  for (const Board& b : boards_)
    for (const BoardGroup& g : b.groups)
      for (const BoardKey& k : g.keys)
        if (k.action == KeyAction::kBoard && find(k.value) == nullptr)
          problems_.push_back({b.file, k.line, "no board has the id '" + k.value + "'"});
}

}  // namespace drishti::host
