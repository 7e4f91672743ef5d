#include "host/core/board_library.h"

#include <catch2/catch.hpp>

#include "host/core/atomic_file.h"
#include "host/core/last_good_file.h"
#include "tests/support/test_data.h"

using namespace drishti::host;

namespace {

std::string board(const std::string& id, const std::string& title, const std::string& rows,
                  int order = 100) {
  return "drishti-board 1\nid " + id + "\ntitle \"" + title +
         "\"\nlanguage en\nscript latin\norder " + std::to_string(order) + "\n" + rows;
}

}  // namespace

TEST_CASE("boards load from folders in menu order, and a later folder overrides by id") {
  const auto dir = drishti::test::scratchDir("library");
  REQUIRE(writeFileAtomically(dir / "sys" / "b.board", board("b", "B", "row x\n", 2)).empty());
  REQUIRE(writeFileAtomically(dir / "sys" / "a.board", board("a", "A", "row y\n", 1)).empty());
  REQUIRE(writeFileAtomically(dir / "sys" / "notes.txt", "not a board").empty());
  REQUIRE(
      writeFileAtomically(dir / "user" / "mine.board", board("b", "My B", "row z\n", 2)).empty());
  BoardLibrary lib;
  lib.load({dir / "sys", dir / "missing", dir / "user"}, {});
  INFO(describeAll(lib.problems()));
  CHECK(lib.problems().empty());
  REQUIRE(lib.boards().size() == 2);
  CHECK(lib.boards()[0].id == "a");
  CHECK(lib.find("b")->title == "My B");
  CHECK(lib.find("nope") == nullptr);
}

TEST_CASE("two files with one id in a folder, and links to unknown boards, are reported") {
  const auto dir = drishti::test::scratchDir("library-dup");
  REQUIRE(writeFileAtomically(dir / "1.board", board("same", "One", "row @board:ghost\n")).empty());
  REQUIRE(writeFileAtomically(dir / "2.board", board("same", "Two", "row b\n")).empty());
  BoardLibrary lib;
  lib.load({dir}, {});
  const std::string all = describeAll(lib.problems());
  CHECK_THAT(all, Catch::Contains("2.board: board id 'same' is used by another file"));
  CHECK_THAT(all, Catch::Contains("1.board:7: no board has the id 'ghost'"));
  CHECK(lib.find("same")->title == "One");
}

TEST_CASE("a broken board falls back to its last good copy, and a fixed one refreshes the copy") {
  const auto dir = drishti::test::scratchDir("library-lastgood");
  const auto file = dir / "boards" / "fam.board";
  const auto keep = dir / "last-good";
  REQUIRE(writeFileAtomically(file, board("fam", "Family v1", "row a\n")).empty());
  BoardLibrary lib;
  lib.load({dir / "boards"}, keep);
  REQUIRE(std::filesystem::exists(lastGoodPath(keep, file)));
  REQUIRE(writeFileAtomically(file, board("fam", "Family v2", "row a\nrow @oops\n")).empty());
  lib.load({dir / "boards"}, keep);
  REQUIRE(lib.find("fam") != nullptr);
  CHECK(lib.find("fam")->title == "Family v1");
  CHECK_THAT(describeAll(lib.problems()), Catch::Contains("fam.board:8: unknown action '@oops'"));
  REQUIRE(writeFileAtomically(file, board("fam", "Family v3", "row a\n")).empty());
  lib.load({dir / "boards"}, keep);
  CHECK(lib.find("fam")->title == "Family v3");
  CHECK(lib.problems().empty());
  // Broken again: now v3 is the last good one.
  REQUIRE(writeFileAtomically(file, "garbage").empty());
  lib.load({dir / "boards"}, keep);
  CHECK(lib.find("fam")->title == "Family v3");
}

TEST_CASE("a broken board with no last good copy is reported and left out") {
  const auto dir = drishti::test::scratchDir("library-nocopy");
  REQUIRE(writeFileAtomically(dir / "x.board", "drishti-board 1\nid x\n").empty());
  BoardLibrary lib;
  lib.load({dir}, dir / "last-good");
  CHECK(lib.boards().empty());
  const std::string all = describeAll(lib.problems());
  CHECK_THAT(all, Catch::Contains("x.board: the board has no 'title' line"));
  CHECK_THAT(all, Catch::Contains("no last good copy"));
}
