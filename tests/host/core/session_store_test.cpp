#include "host/core/session_store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "host/core/atomic_file.h"
#include "session_helpers.h"
#include "tests/support/test_data.h"

using namespace drishti::host;

namespace {

mode_t modeOf(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("atomic writes replace the file whole and leave no temporary behind") {
  const auto dir = drishti::test::scratchDir("atomic");
  const auto file = dir / "sub" / "f.txt";
  REQUIRE(writeFileAtomically(file, "one").empty());
  REQUIRE(writeFileAtomically(file, "two", 0600).empty());
  std::string error;
  CHECK(readWholeFile(file, error).value() == "two");
  CHECK(modeOf(file) == 0600);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir / "sub"))
    ++entries;
  CHECK(entries == 1);
  CHECK_THAT(writeFileAtomically("/proc/no/such/dir/f", "x"), Catch::Contains("/proc/no/such/dir"));
  CHECK_FALSE(readWholeFile(dir / "missing", error));
  CHECK_THAT(error, Catch::Contains("missing"));
}

TEST_CASE("saved state and history read back exactly, and are private") {
  const auto dir = drishti::test::scratchDir("store");
  SessionStore store(dir);
  SavedState s{"hi-varnamala", "मुझे \"पानी\"\nline two", "old text"};
  REQUIRE(store.saveState("asha", s).empty());
  std::vector<Problem> problems;
  const SavedState back = store.loadState("asha", problems);
  CHECK(problems.empty());
  CHECK(back.board == s.board);
  CHECK(back.text == s.text);
  CHECK(back.undo == s.undo);
  CHECK(modeOf(store.statePath("asha")) == 0600);

  REQUIRE(store.saveHistory("asha", {"i need water", "थैंक यू"}).empty());
  CHECK(modeOf(store.historyPath("asha")) == 0600);
  CHECK(store.loadHistory("asha", problems) == std::vector<std::string>{"i need water", "थैंक यू"});
  REQUIRE(store.clearHistory("asha").empty());
  CHECK_FALSE(std::filesystem::exists(store.historyPath("asha")));
  CHECK(store.loadHistory("asha", problems).empty());
  CHECK(problems.empty());
}

TEST_CASE("profiles are created from the default, listed and remembered as active") {
  const auto dir = drishti::test::scratchDir("profiles");
  SessionStore store(dir);
  CHECK(store.activeProfileName() == "default");
  std::vector<Problem> problems;
  const Profile p =
      store.loadProfile("ravi", test::dataDir() / "profiles" / "default.profile", problems);
  INFO(describeAll(problems));
  CHECK(problems.empty());
  CHECK(p.letterBoard == "en-abc");
  CHECK(std::filesystem::exists(store.profilePath("ravi")));
  REQUIRE(store.setActiveProfileName("ravi").empty());
  CHECK(store.activeProfileName() == "ravi");
  CHECK_FALSE(store.setActiveProfileName("../etc").empty());
  CHECK(store.profileNames() == std::vector<std::string>{"ravi"});
}

TEST_CASE("a damaged profile is reported with its line and the last good one is used") {
  const auto dir = drishti::test::scratchDir("lastgood");
  SessionStore store(dir);
  const auto seed = test::dataDir() / "profiles" / "default.profile";
  std::vector<Problem> problems;
  Profile p = store.loadProfile("p", seed, problems);
  p.access.method = MethodKind::kScan;
  REQUIRE(store.saveProfile("p", p).empty());
  REQUIRE(store.loadProfile("p", seed, problems).access.method ==
          MethodKind::kScan);  // now the last good
  REQUIRE(writeFileAtomically(store.profilePath("p"),
                              "drishti-profile 1\nmethod scan\ndwell.ms never\n")
              .empty());
  problems.clear();
  const Profile again = store.loadProfile("p", seed, problems);
  CHECK(again.access.method == MethodKind::kScan);
  const std::string all = describeAll(problems);
  CHECK_THAT(all, Catch::Contains("p.profile:3: dwell.ms must be"));
  CHECK_THAT(all, Catch::Contains("using the last good version"));
}

TEST_CASE("state file errors are reported with the line") {
  std::vector<Problem> problems;
  CHECK_FALSE(parseSavedState("drishti-state 1\ntext\n", "s.state", problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe() == "s.state:2: 'text' takes one value");
  problems.clear();
  CHECK_FALSE(parseHistory("drishti-history 1\nmesage \"x\"\n", "h", problems));
  CHECK(problems.at(0).line == 2);
}
