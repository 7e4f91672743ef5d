#include "host/core/line_lexer.h"

#include <catch2/catch.hpp>

#include "host/core/versioned_lexer.h"

using namespace drishti::host;

TEST_CASE("lexer splits words, keeps quoted spaces and skips comments") {
  LineLexer lx("  # a comment\n\nrow a \"b c\" d # tail\r\nkey x label=\"two words\"\n");
  REQUIRE(lx.next());
  CHECK(lx.lineNumber() == 3);
  REQUIRE(lx.tokens().size() == 4);
  CHECK(lx.tokens()[2].text == "b c");
  CHECK(lx.tokens()[2].quoted);
  CHECK(lx.tokens()[3].text == "d");
  REQUIRE(lx.next());
  CHECK(lx.lineNumber() == 4);
  CHECK(lx.tokens()[2].name() == "label");
  CHECK(lx.tokens()[2].value() == "two words");
  CHECK_FALSE(lx.next());
}

TEST_CASE("lexer marks actions and honours escapes") {
  LineLexer lx(R"(row @space \@ \# "@x" a\ b "q\"q" \\)");
  REQUIRE(lx.next());
  const auto& t = lx.tokens();
  REQUIRE(t.size() == 8);
  CHECK(t[1].action);
  CHECK(t[1].text == "@space");
  CHECK_FALSE(t[2].action);
  CHECK(t[2].text == "@");
  CHECK(t[3].text == "#");
  CHECK_FALSE(t[4].action);
  CHECK(t[5].text == "a b");
  CHECK(t[6].text == "q\"q");
  CHECK(t[7].text == "\\");
}

TEST_CASE("lexer reports an unclosed quote and bad UTF-8 with the line") {
  LineLexer lx("ok\nrow \"open\nrow \xC3\x28\n");
  REQUIRE(lx.next());
  CHECK(lx.error().empty());
  REQUIRE(lx.next());
  CHECK(lx.lineNumber() == 2);
  CHECK_THAT(lx.error(), Catch::Contains("not closed"));
  REQUIRE(lx.next());
  CHECK(lx.lineNumber() == 3);
  CHECK_THAT(lx.error(), Catch::Contains("UTF-8"));
}

TEST_CASE("quoteToken output reads back as the same single token") {
  for (std::string s :
       {"plain", "two words", "quote \" here", "back\\slash", "", "line\nbreak", "# @ ="}) {
    const std::string line = "x " + quoteToken(s);  // the lexer reads it in place
    LineLexer lx(line);
    REQUIRE(lx.next());
    REQUIRE(lx.tokens().size() == 2);
    CHECK(lx.tokens()[1].text == s);
    CHECK_FALSE(lx.tokens()[1].action);
  }
}

TEST_CASE("a versioned file yields the statements after its header and reports bad lines") {
  std::vector<drishti::host::Problem> problems;
  const std::string file = "f.txt";
  drishti::host::VersionedLexer in("# made by hand\ndrishti-thing 1\na \"b\nc d\n", "drishti-thing",
                                   "a thing file", file, problems);
  REQUIRE(in.next());
  CHECK(in.lineNumber() == 4);  // line 3's open quote is reported and skipped
  CHECK(in.tokens().size() == 2);
  CHECK_FALSE(in.next());
  CHECK(in.headerOk());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe().starts_with("f.txt:3:"));
}

TEST_CASE("a versioned file without its header, or empty, is refused once with a clear message") {
  std::vector<drishti::host::Problem> problems;
  const std::string file = "f.txt";
  drishti::host::VersionedLexer wrong("drishti-thing 2\na b\n", "drishti-thing", "a thing file",
                                      file, problems);
  CHECK_FALSE(wrong.next());
  CHECK_FALSE(wrong.next());  // stays stopped
  CHECK_FALSE(wrong.headerOk());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe() ==
        "f.txt:1: a thing file written by a newer drishti, version 2; this one reads up to 1");
  CHECK(isNewerVersionMessage(problems[0].message));
  CHECK(fileVersion("# c\ndrishti-thing 2\n", "drishti-thing").version == 2);
  CHECK(fileVersion("# c\ndrishti-thing 2\n", "drishti-thing").line == 2);
  CHECK(fileVersion("drishti-other 2\n", "drishti-thing").version == 0);
  problems.clear();
  // Not a version number at all: not blamed on a newer drishti.
  drishti::host::VersionedLexer odd("drishti-thing 02\n", "drishti-thing", "a thing file", file,
                                    problems);
  CHECK_FALSE(odd.next());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe() ==
        "f.txt:1: a thing file has format version '02', which this build does not read (it "
        "reads version 1)");
  CHECK_FALSE(isNewerVersionMessage(problems[0].message));
  problems.clear();
  drishti::host::VersionedLexer other("drishti-other 1\na b\n", "drishti-thing", "a thing file",
                                      file, problems);
  CHECK_FALSE(other.next());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe() ==
        "f.txt:1: a thing file must start with the line 'drishti-thing 1'");
  problems.clear();
  drishti::host::VersionedLexer empty("# nothing\n\n", "drishti-thing", "a thing file", file,
                                      problems);
  CHECK_FALSE(empty.next());
  CHECK_FALSE(empty.headerOk());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe() ==
        "f.txt: the file is empty: a thing file must start with the line 'drishti-thing 1'");
}
