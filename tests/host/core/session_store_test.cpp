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
  // Garbage (not even spelled like a key) is refused, naming the line.
  CHECK_FALSE(parseHistory("drishti-history 1\nMessage \"x\"\n", "h", problems));
  CHECK(problems.at(0).describe() == "h:2: expected: message \"text\"");
  problems.clear();
  CHECK_FALSE(parseSavedState("drishti-state 1\nBoard x\n", "s", problems));
  CHECK(problems.at(0).describe() == "s:2: unknown entry 'Board'");
  problems.clear();
  CHECK_FALSE(parseLearnedWords("drishti-words 1\nWord i 3\n", "w", problems));
  CHECK(problems.at(0).line == 2);
  problems.clear();
  // A known key with the wrong values is garbage too, not skipped.
  CHECK_FALSE(parseHistory("drishti-history 1\nmessage\n", "h", problems));
  CHECK(problems.at(0).line == 2);
}

TEST_CASE("the device's own files skip a key a newer drishti added, naming file and line") {
  std::vector<Problem> problems, warnings;
  const auto state =
      parseSavedState("drishti-state 1\nboard en-abc\ncaret 4 2\ntext \"hello\"\nundo \"\"\n",
                      "s.state", problems, &warnings);
  REQUIRE(state.has_value());
  CHECK(problems.empty());
  CHECK(state->board == "en-abc");
  CHECK(state->text == "hello");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].describe() ==
        "s.state:3: unknown key 'caret' (written by a newer drishti?): skipped, the rest of the "
        "file is kept");
  warnings.clear();
  const auto history =
      parseHistory("drishti-history 1\nmessage \"one\"\npinned \"one\"\nmessage \"two\"\n", "h",
                   problems, &warnings);
  CHECK(history == std::vector<std::string>{"one", "two"});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].line == 3);
  warnings.clear();
  const auto words =
      parseLearnedWords("drishti-words 1\nword water 3\ntriple i need water 2\npair i need 2\n",
                        "w", problems, &warnings);
  REQUIRE(words.has_value());
  CHECK(words->count("water") == 3);
  CHECK(words->pairCount("i", "need") == 2);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].describe().starts_with("w:3: unknown key 'triple'"));
  CHECK(problems.empty());

  // Through the store: the warning reaches the problems (the log and the
  // status line), and the file is kept.
  const auto dir = drishti::test::scratchDir("store-skip");
  SessionStore store(dir);
  REQUIRE(writeFileAtomically(store.wordsPath("asha"),
                              "drishti-words 1\nword water 3\nlast_used water 1700000000\n", 0600)
              .empty());
  REQUIRE(writeFileAtomically(store.statePath("asha"),
                              "drishti-state 1\nboard en-abc\ntext hi\nundo \"\"\ncaret 2\n", 0600)
              .empty());
  REQUIRE(writeFileAtomically(store.historyPath("asha"),
                              "drishti-history 1\nspoken_at 3\nmessage hi\n", 0600)
              .empty());
  problems.clear();
  CHECK(store.loadWords("asha", problems).count("water") == 3);
  CHECK(store.loadState("asha", problems).text == "hi");
  CHECK(store.loadHistory("asha", problems) == std::vector<std::string>{"hi"});
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].describe().starts_with(store.wordsPath("asha").string() +
                                           ":3: unknown key 'last_used'"));
  CHECK(problems[1].describe().starts_with(store.statePath("asha").string() +
                                           ":5: unknown key 'caret'"));
  CHECK(problems[2].describe().starts_with(store.historyPath("asha").string() +
                                           ":2: unknown key 'spoken_at'"));
}

TEST_CASE("a device file of a newer version is kept aside, never overwritten, and cleared") {
  const auto dir = drishti::test::scratchDir("store-newer");
  SessionStore store(dir);
  std::string error;
  const std::string newerWords = "drishti-words 2\nword water 9 1700000000\n";
  REQUIRE(writeFileAtomically(store.wordsPath("asha"), newerWords, 0600).empty());
  std::vector<Problem> problems;
  LearnedWords words = store.loadWords("asha", problems);
  CHECK(words.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe() ==
        store.wordsPath("asha").string() +
            ":1: the learned-words file was written by a newer drishti, version 2; this one "
            "reads up to 1: kept unchanged as asha.words.v2 (for that drishti: rename it back), "
            "and a new one is started");
  const auto aside = store.wordsPath("asha").string() + ".v2";
  CHECK(readWholeFile(aside, error).value() == newerWords);
  CHECK(modeOf(aside) == 0600);
  // This drishti saves its own words; the newer file is not touched.
  words.learn("i need tea");
  REQUIRE(store.saveWords("asha", words).empty());
  CHECK(readWholeFile(aside, error).value() == newerWords);
  problems.clear();
  CHECK(store.loadWords("asha", problems).count("tea") == 1);
  CHECK(problems.empty());
  // A second newer file does not replace the first one kept aside.
  REQUIRE(writeFileAtomically(store.wordsPath("asha"), "drishti-words 3\n", 0600).empty());
  store.loadWords("asha", problems);
  CHECK(readWholeFile(store.wordsPath("asha").string() + ".v3", error).value() ==
        "drishti-words 3\n");
  REQUIRE(writeFileAtomically(store.wordsPath("asha"), "drishti-words 2\n", 0600).empty());
  store.loadWords("asha", problems);
  CHECK(readWholeFile(aside, error).value() == newerWords);
  CHECK(readWholeFile(aside + "-2", error).value() == "drishti-words 2\n");

  // History and state alike.
  const std::string newerHistory = "drishti-history 2\nmessage hi 1700000000\n";
  REQUIRE(writeFileAtomically(store.historyPath("asha"), newerHistory, 0600).empty());
  problems.clear();
  CHECK(store.loadHistory("asha", problems).empty());
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("written by a newer drishti, version 2"));
  REQUIRE(store.saveHistory("asha", {"bye"}).empty());
  CHECK(readWholeFile(store.historyPath("asha").string() + ".v2", error).value() == newerHistory);
  const std::string newerState = "drishti-state 2\nboard en-abc\n";
  REQUIRE(writeFileAtomically(store.statePath("asha"), newerState, 0600).empty());
  problems.clear();
  CHECK(store.loadState("asha", problems).board.empty());
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("kept unchanged as asha.state.v2"));
  CHECK(readWholeFile(store.statePath("asha").string() + ".v2", error).value() == newerState);

  // Clearing the private files clears what was kept aside too.
  REQUIRE(store.clearHistory("asha").empty());
  REQUIRE(store.clearWords("asha").empty());
  for (const auto& e : std::filesystem::directory_iterator(dir / "profiles")) {
    INFO(e.path());
    CHECK_FALSE(e.path().filename().string().starts_with("asha.history"));
    CHECK_FALSE(e.path().filename().string().starts_with("asha.words"));
  }
  CHECK(std::filesystem::exists(store.statePath("asha").string() + ".v2"));
}
