// Word prediction: the base vocabulary, the learned words, the predictor,
// and the prediction row of a letter board in the session.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>

#include "host/core/atomic_file.h"
#include "host/core/host_session.h"
#include "host/core/learned_words.h"
#include "host/core/letter_predictor.h"
#include "host/core/vocabulary.h"
#include "host/core/word_predictor.h"
#include "method_test_helpers.h"
#include "session_helpers.h"
#include "tests/support/test_data.h"

using namespace drishti::host;
using namespace drishti::host::test;

namespace {

Vocabulary vocabularyOf(std::string_view text) {
  std::vector<Problem> problems;
  std::optional<Vocabulary> v = parseVocabulary(text, "test.words", problems);
  INFO(describeAll(problems));
  REQUIRE(v);
  return *v;
}

std::string firstProblem(std::string_view text) {
  std::vector<Problem> problems;
  CHECK_FALSE(parseVocabulary(text, "v.words", problems));
  REQUIRE_FALSE(problems.empty());
  return problems.front().describe();
}

std::vector<std::string> predict(std::string_view text, const Vocabulary* base,
                                 const LearnedWords& learned, std::size_t n = 4) {
  std::vector<std::string> out;
  predictWords(text, base, learned, n, out);
  return out;
}

// A session on the en-abc letter board with the repository's data.
SessionConfig enAbcConfig() {
  SessionConfig c;
  c.dataDir = dataDir();
  c.startBoard = "en-abc";
  return c;
}

int slotOf(const HostSession& s, std::string_view word) {
  for (std::size_t i = 0; i < s.keys().size(); ++i)
    if (s.keys()[i].role == KeyRole::kPrediction && s.keys()[i].labelOf() == word)
      return static_cast<int>(i);
  return -1;
}

constexpr const char* kSmall =
    "drishti-vocabulary 1\nlanguage en\nthe 50\nwater 9\nwant 12\nwater-free 1\nwe 20\n"
    "window 21\n";

constexpr std::int64_t kT0 = 1'000'000;

}  // namespace

TEST_CASE("a vocabulary reads its words sorted, and finds every word with a prefix") {
  const Vocabulary v = vocabularyOf(kSmall);
  CHECK(v.language == "en");
  CHECK(v.words.size() == 6);
  CHECK(v.total == 113);
  CHECK(v.countOf("want") == 12);
  CHECK(v.countOf("wa") == 0);
  const auto wa = v.withPrefix("wa");
  REQUIRE(wa.size() == 3);
  CHECK(wa[0].word == "want");
  CHECK(wa[2].word == "water-free");
  CHECK(v.withPrefix("").size() == 6);
  CHECK(v.withPrefix("z").empty());
}

TEST_CASE("a damaged vocabulary is refused with its file, line and problem") {
  CHECK(firstProblem("drishti-words 1\n") ==
        "v.words:1: a vocabulary file must start with the line "
        "'drishti-vocabulary 1'");
  CHECK(firstProblem("drishti-vocabulary 1\nthe 5\n")
            .find("v.words:2: the second line must be "
                  "'language CODE'") == 0);
  CHECK(firstProblem("drishti-vocabulary 1\nlanguage en\nthe 5\nwater x\n") ==
        "v.words:4: the count of 'water' must be a whole number from 1 to 4294967295");
  CHECK(firstProblem("drishti-vocabulary 1\nlanguage en\nthe 5\nWater 3\n")
            .find("v.words:4: "
                  "'Water' is not "
                  "a word") == 0);
  CHECK(firstProblem("drishti-vocabulary 1\nlanguage en\nthe 5\nwe 2\nthe 1\n") ==
        "v.words:5: 'the' is listed twice (first on line 3)");
  CHECK(firstProblem("drishti-vocabulary 1\nlanguage en\nthe 5 6\n").find("v.words:3:") == 0);
  CHECK(firstProblem("") ==
        "v.words: the file is empty: a vocabulary file must start with the line "
        "'drishti-vocabulary 1'");
}

TEST_CASE("the shipped English vocabulary reads, with the word 'language' among its words") {
  std::string error;
  const auto text = readWholeFile(dataDir() / "vocabulary" / "en.words", error);
  REQUIRE(text);
  const Vocabulary v = vocabularyOf(*text);
  CHECK(v.language == "en");
  CHECK(v.words.size() > 5000);
  CHECK(v.countOf("the") > v.countOf("water"));
  CHECK(v.countOf("language") > 0);
}

TEST_CASE("learned words count words and pairs, and read back from their file") {
  LearnedWords w;
  w.learn("i need water");
  w.learn("i need  help ");
  CHECK(w.count("i") == 2);
  CHECK(w.count("need") == 2);
  CHECK(w.count("help") == 1);
  CHECK(w.total() == 6);
  CHECK(w.pairCount("i", "need") == 2);
  CHECK(w.pairCount("need", "help") == 1);
  CHECK(w.pairCount("water", "i") == 0);  // messages are not joined
  std::vector<Problem> problems;
  const std::optional<LearnedWords> back = parseLearnedWords(w.format(), "w", problems);
  REQUIRE(back);
  CHECK(back->format() == w.format());
  CHECK(back->pairCount("i", "need") == 2);
}

TEST_CASE("learned words stay bounded, keeping the most used") {
  LearnedWords w;
  for (int i = 0; i < 5; ++i)
    w.learn("water");
  for (std::size_t i = 0; i < LearnedWords::kMaxWords + 500; ++i)
    w.learn("word" + std::to_string(i) + " next" + std::to_string(i % 7) + " x" +
            std::to_string(i));
  CHECK(w.wordCount() == LearnedWords::kMaxWords);
  CHECK(w.pairTotal() <= LearnedWords::kMaxPairs);
  CHECK(w.count("water") == 5);
  CHECK(w.format().size() < 200'000);
}

TEST_CASE("a damaged learned-words file is refused with its line") {
  std::vector<Problem> problems;
  CHECK_FALSE(parseLearnedWords("drishti-words 1\nword water 3\nword water 2\n", "f", problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].describe().find("f:3:") == 0);
  problems.clear();
  CHECK_FALSE(parseLearnedWords("drishti-words 1\npair i 3\n", "f", problems));
  CHECK(problems.at(0).describe() == "f:2: expected 'word WORD COUNT' or 'pair WORD NEXT COUNT'");
  problems.clear();
  CHECK_FALSE(parseLearnedWords("drishti-words 1\nword i 0\n", "f", problems));
  CHECK(problems.at(0).describe().find("f:2: the count must be") == 0);
}

TEST_CASE("predictions complete the word being written, most likely first") {
  const Vocabulary v = vocabularyOf(kSmall);
  LearnedWords none;
  CHECK(predict("i wa", &v, none) == std::vector<std::string>{"want", "water", "water-free"});
  CHECK(predict("i WA", &v, none) == std::vector<std::string>{"want", "water", "water-free"});
  CHECK(predict("", &v, none, 2) == std::vector<std::string>{"the", "window"});
  CHECK(predict("i want", &v, none).empty());  // nothing longer starts with it
  CHECK(predict("i want.", &v, none).empty());
  CHECK(predict("x", nullptr, none).empty());
}

TEST_CASE("what the person said soon outranks the base words, and follows its word") {
  const Vocabulary v = vocabularyOf(kSmall);
  LearnedWords said;
  said.learn("open the window");
  CHECK(predict("w", &v, said).front() == "window");
  said.learn("i need water");
  said.learn("i need water");
  // After "need", the learned pair puts "water" first even before a letter.
  CHECK(predict("please need ", &v, said).front() == "water");
  // A learned word missing from the base vocabulary is offered too.
  said.learn("my wheelchair");
  CHECK(predict("my wh", &v, said) == std::vector<std::string>{"wheelchair"});
}

TEST_CASE("an English letter board has a row of predicted words, first in scan order") {
  SessionConfig c = enAbcConfig();
  HostSession s(c, nullptr);
  REQUIRE(s.problems().empty());
  REQUIRE(s.predictions().size() == 4);
  const int firstLetter = s.findTarget("a");
  REQUIRE(firstLetter >= 0);
  for (int i = 0; i < 4; ++i) {
    const ScreenKey& k = s.keys()[static_cast<std::size_t>(i)];
    CHECK(k.role == KeyRole::kPrediction);
    CHECK(k.labelOf() == s.predictions()[static_cast<std::size_t>(i)]);
    CHECK(s.targets()[static_cast<std::size_t>(i)].rect.y <
          s.targets()[static_cast<std::size_t>(firstLetter)].rect.y);
  }
  CHECK(firstLetter == 4);
}

// The selection events drain to the last kSelected one.
SessionEvent lastSelection(HostSession& s) {
  SessionEvent e, last;
  while (s.pollEvent(e))
    if (e.kind == SessionEventKind::kSelected)
      last = e;
  return last;
}

TEST_CASE("a selection reports the key chosen, even once the row of predicted words has changed") {
  // The app and the simulation teach drift correction from the key's centre:
  // the word's slot shows another word once it is chosen, so the key must
  // come with the event, not be looked up again by its label.
  SessionConfig c = enAbcConfig();
  HostSession s(c, nullptr);
  s.setGazeCalibrated(true);
  std::int64_t t = dwellOn(s, "w", kT0);
  const Rect wRect = s.targets()[static_cast<std::size_t>(s.findTarget("w"))].rect;
  SessionEvent e = lastSelection(s);
  CHECK(e.text == "w");
  CHECK(e.keyRole == KeyRole::kBoardKey);
  CHECK(e.keyRect == wRect);
  CHECK(selectionShowsGaze(e));

  t = dwellOn(s, "a", t);
  lastSelection(s);
  REQUIRE(s.predictions().size() == 4);
  const std::string word = s.predictions()[2];
  const int slot = slotOf(s, word);
  REQUIRE(slot >= 0);
  const Rect slotRect = s.targets()[static_cast<std::size_t>(slot)].rect;
  t = dwellOnTarget(s, slot, t);
  REQUIRE(s.text() == word + " ");
  CHECK(slotOf(s, word) < 0);  // the row shows other words now
  e = lastSelection(s);
  CHECK(e.text == word);
  CHECK(e.keyRole == KeyRole::kPrediction);
  CHECK(e.keyRect == slotRect);
  CHECK_FALSE(selectionShowsGaze(e));  // a wide slot: where the eyes rested is unknown

  dwellOn(s, "Delete", t);
  e = lastSelection(s);
  CHECK(e.keyAction == KeyAction::kBackspace);
  CHECK_FALSE(selectionShowsGaze(e));  // undoing a mistake teaches nothing
}

TEST_CASE("choosing a predicted word completes it with a space, and speaking teaches it") {
  const auto state = drishti::test::scratchDir("prediction-learn");
  SessionConfig c;
  c.dataDir = dataDir();
  c.stateDir = state;
  c.startBoard = "en-abc";
  {
    HostSession s(c, nullptr);
    s.setGazeCalibrated(true);
    std::int64_t t = dwellOn(s, "w", kT0);
    t = dwellOn(s, "a", t);
    REQUIRE(s.predictions().size() == 4);
    for (const std::string& w : s.predictions())
      CHECK(w.starts_with("wa"));
    const std::string word = s.predictions()[1];
    t = dwellOnTarget(s, slotOf(s, word), t);
    CHECK(s.text() == word + " ");
    t = dwellOn(s, "Speak", t);
    CHECK(s.learnedWords().count(word) == 1);
    // Said once, the word now comes first for its first letter.
    t = dwellOn(s, "Clear", t);
    t = dwellOn(s, "w", t);
    CHECK(s.predictions().front() == word);
    const auto file = state / "profiles" / "default.words";
    REQUIRE(std::filesystem::exists(file));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  // A new session (a restart) predicts from what was said before.
  HostSession again(c, nullptr);
  CHECK(again.learnedWords().total() == 1);
  CHECK(again.forgetLearnedWords().empty());
  CHECK(again.learnedWords().empty());
  CHECK_FALSE(std::filesystem::exists(state / "profiles" / "default.words"));
}

TEST_CASE("a damaged learned-words file is reported and the person starts afresh") {
  const auto state = drishti::test::scratchDir("prediction-damaged");
  REQUIRE(
      writeFileAtomically(state / "profiles" / "default.words", "drishti-words 1\nword\n").empty());
  SessionConfig c;
  c.dataDir = dataDir();
  c.stateDir = state;
  HostSession s(c, nullptr);
  bool reported = false;
  for (const Problem& p : s.problems())
    reported = reported || (p.file.ends_with("default.words") && p.line == 2);
  CHECK(reported);
  CHECK(s.learnedWords().empty());
  CHECK(s.predictions().size() == 4);  // the base vocabulary still predicts
}

TEST_CASE("boards of a language without a vocabulary, and prediction off, have no row") {
  SessionConfig c;
  c.dataDir = dataDir();
  c.startBoard = "hi-varnamala";
  HostSession hindi(c, nullptr);
  CHECK(hindi.predictions().empty());
  for (const ScreenKey& k : hindi.keys())
    CHECK(k.role != KeyRole::kPrediction);

  const auto state = drishti::test::scratchDir("prediction-off");
  REQUIRE(writeFileAtomically(state / "profiles" / "default.profile",
                              "drishti-profile 1\nprediction off\n")
              .empty());
  c.stateDir = state;
  c.startBoard = "en-abc";
  HostSession off(c, nullptr);
  CHECK(off.predictions().empty());
  CHECK(off.findTarget("a") == 0);
}

TEST_CASE("predicted letters follow the words with the prefix, and only typable ones") {
  const Vocabulary v = vocabularyOf(kSmall);
  const LearnedWords none;
  // After "w": water 9 + water-free 1 + want 12 vote 'a' (22), window 21 'i', we 20 'e'.
  CHECK(predictLetters("w", &v, none, "abcdefghijklmnopqrstuvwxyz ", 3) == "aie");
  CHECK(predictLetters("w", &v, none, "ei", 3) == "ie");  // a is not on this board
  // "we" is a word: the space that ends it is offered; "the" has nothing after it.
  CHECK(predictLetters("we", &v, none, "abcdefghijklmnopqrstuvwxyz ", 3) == " ");
  CHECK(predictLetters("the", &v, none, "abcdefghijklmnopqrstuvwxyz ", 3) == " ");
  // At the start of a word every word votes for its first letter, never a space.
  CHECK(predictLetters("", &v, none, "abcdefghijklmnopqrstuvwxyz ", 2) == "wt");
  CHECK(predictLetters("5", &v, none, "abcdefghijklmnopqrstuvwxyz ", 2).empty());
  CHECK(predictLetters("w", &v, none, "abc", 0).empty());
}

TEST_CASE("next-letter chances follow the words with the prefix and still allow any letter") {
  const Vocabulary v = vocabularyOf(kSmall);
  LearnedWords learned;
  std::array<float, 256> c{};
  const std::string typable = "aeiwtz ";
  letterChances("w", &v, learned, typable, c);
  double sum = 0;
  for (char ch : typable)
    sum += c[static_cast<unsigned char>(ch)];
  CHECK(sum == Approx(1.0).epsilon(1e-5));
  // After "w": window (21) votes i, want (12) and water (9) a, we (20) e.
  CHECK(c['i'] > c['e']);
  CHECK(c['a'] > c['e']);
  CHECK(c['e'] > c['z']);
  CHECK(c['z'] == Approx(kUniformShare / typable.size()).epsilon(1e-5));  // no word: the even share
  CHECK(c['q'] == 0);                                                     // not typable
  // "we" is a word: Space may come next.
  letterChances("we", &v, learned, typable, c);
  CHECK(c[' '] > c['z']);
  // Nothing known about the prefix: every letter alike.
  letterChances("xq", &v, learned, typable, c);
  CHECK(c['a'] == Approx(1.0 / typable.size()));
  CHECK(c['z'] == Approx(c['a']));
}

TEST_CASE("Huffman scanning weighs the keys of a letter board by the next-letter chances") {
  SessionConfig c = enAbcConfig();
  HostSession s(c, nullptr);
  Profile p = s.profile();
  p.access.method = MethodKind::kScan;
  p.access.scan.mode = ScanMode::kRows;
  REQUIRE(s.saveProfile(p).empty());
  s.advanceTo(kT0);
  const auto weightOf = [&](std::string_view label) {
    const int i = s.findTarget(label);
    REQUIRE(i >= 0);
    return s.targets()[static_cast<std::size_t>(i)].scanWeight;
  };
  CHECK(weightOf("t") == 0);  // rows: no weights
  p.access.scan.mode = ScanMode::kHuffman;
  REQUIRE(s.saveProfile(p).empty());
  CHECK(weightOf("t") > weightOf("z"));  // at the start of a word
  CHECK(weightOf("Speak") > 0);
  CHECK(s.methodView().candidates.size() > 26);
  CHECK(!s.methodView().lit.empty());
  // The chances follow the text: after "q", "u" is the likeliest by far.
  const int q = s.findTarget("q");
  REQUIRE(q >= 0);
  std::int64_t t = kT0 / 1000;
  // Answers each question about q's key (a blink when it is lit, else the
  // step runs out) until it is typed.
  for (int step = 0; step < 60 && s.text().empty(); ++step) {
    const MethodView v = s.methodView();
    if (std::find(v.lit.begin(), v.lit.end(), q) != v.lit.end()) {
      s.handle(blink(t + 500, 500));  // the eyes closed now
      t += 500;
      continue;
    }
    const int* shown = v.lit.data();
    const std::size_t size = v.lit.size();
    for (int wait = 0; wait < 100; ++wait) {
      t += 100;
      s.advanceTo(t * 1000);
      const MethodView now = s.methodView();
      if (now.lit.data() != shown || now.lit.size() != size)
        break;
    }
  }
  REQUIRE(s.text() == "q");
  CHECK(weightOf("u") > 0.3F);
}

TEST_CASE("Huffman scanning gives each character's chance to one key, the text bar's Space too") {
  SessionConfig c;
  c.dataDir = dataDir();
  for (const char* board : {"en-abc", "en-scan"}) {
    INFO(board);
    c.startBoard = board;
    HostSession s(c, nullptr);
    Profile p = s.profile();
    p.access.method = MethodKind::kScan;
    p.access.scan.mode = ScanMode::kHuffman;
    REQUIRE(s.saveProfile(p).empty());
    s.advanceTo(kT0);
    int spaces = 0, weighedSpaces = 0, deletes = 0, weighedDeletes = 0;
    float space = 0;
    for (std::size_t i = 0; i < s.keys().size(); ++i) {
      const float w = s.targets()[i].scanWeight;
      if (s.keys()[i].action == KeyAction::kSpace) {
        ++spaces;
        weighedSpaces += w > 0 ? 1 : 0;
        space = std::max(space, w);
      }
      if (s.keys()[i].action == KeyAction::kBackspace) {
        ++deletes;
        weighedDeletes += w > 0 ? 1 : 0;
      }
    }
    // en-abc: only the text bar's Space; en-scan: its own and the text bar's.
    CHECK(spaces == (std::string_view(board) == "en-abc" ? 1 : 2));
    CHECK(weighedSpaces == 1);  // the first in screen order; a second gets the code's floor
    CHECK(weighedDeletes == 1);
    CHECK(deletes >= 1);
    const int z = s.findTarget("z");
    REQUIRE(z >= 0);
    CHECK(space > 0);
    CHECK(s.targets()[static_cast<std::size_t>(z)].scanWeight > 0);
  }
}

TEST_CASE("with dwell.likely_ms the likely next letters need a shorter dwell, the others do not") {
  SessionConfig c = enAbcConfig();
  const auto session = [&c](std::uint32_t likelyMs) {
    auto s = std::make_unique<HostSession>(c, nullptr);
    Profile p = s->profile();
    CHECK(p.access.dwell.likelyMs == 0);  // off by default
    p.access.dwell.likelyMs = likelyMs;
    p.access.dwell.cascadeMs = 0;  // dwell.likely_ms applies without the cascade
    p.access.dwell.likelyLetters = 4;
    REQUIRE(s->saveProfile(p).empty());
    s->setGazeCalibrated(true);
    return s;
  };
  // After "q" the likeliest next letter is "u"; "x" is not among the 4.
  // 700 ms is the lock-on (150) and 400 ms with room, well short of 1000.
  for (std::uint32_t likelyMs : {0U, 400U}) {
    INFO("likely_ms " << likelyMs);
    auto s = session(likelyMs);
    std::int64_t t = dwellOn(*s, "q", kT0);
    REQUIRE(s->text() == "q");
    t = dwellOnTarget(*s, s->findTarget("u"), t, 700);
    CHECK(s->text() == (likelyMs > 0 ? "qu" : "q"));
    const int x = s->findTarget("x");
    dwellOnTarget(*s, x, t, 700);
    CHECK(s->text() == (likelyMs > 0 ? "qu" : "q"));
  }
}

TEST_CASE(
    "with dwell.cascade_ms each typing key's dwell follows its next-letter chance, the floor "
    "comes down as the person types, goes up on Delete and is back at dwell.ms after a pause") {
  SessionConfig c = enAbcConfig();
  CHECK(Profile{}.access.dwell.cascadeMs == 500);  // on by default
  CHECK(Profile{}.access.dwell.cascadeStepMs == 100);
  const auto session = [&c](std::uint32_t cascadeMs) {
    auto s = std::make_unique<HostSession>(c, nullptr);
    Profile p = s->profile();
    p.access.dwell.cascadeMs = cascadeMs;
    p.access.dwell.cascadeStepMs = 200;
    p.access.dwell.cascadeBackMs = 300;
    p.access.dwell.cascadePauseMs = 5000;
    p.access.dwell.cascadeUnlikelyMs = 1200;
    REQUIRE(s->saveProfile(p).empty());
    s->setGazeCalibrated(true);
    return s;
  };
  for (std::uint32_t cascadeMs : {0U, 400U}) {
    INFO("cascade_ms " << cascadeMs);
    const bool on = cascadeMs > 0;
    auto s = session(cascadeMs);
    const auto dwellOf = [&s](std::string_view label) {
      return s->dwellMsOf(s->findTarget(label));
    };
    // Before any typing the floor is dwell.ms: no key is shorter, an unlikely one longer.
    CHECK(s->cascadeFloorMs() == 1000);
    CHECK(dwellOf("t") == 1000);  // the likeliest first letter here
    CHECK(dwellOf("x") >= (on ? 1150U : 1000U));
    std::int64_t t = dwellOn(*s, "t", kT0);
    t = dwellOn(*s, "h", t);
    REQUIRE(s->text() == "th");
    // Two letters: the floor 200 ms lower for each, and "e", the likeliest
    // after "th", needs just that; "x" stays long.
    CHECK(s->cascadeFloorMs() == (on ? 600U : 1000U));
    CHECK(dwellOf("e") == (on ? 600U : 1000U));
    CHECK(dwellOf("x") >= (on ? 1150U : 1000U));
    CHECK(dwellOf("Speak") == 1000);  // commands keep theirs
    // A 900 ms look (lock-on 150 + 600 with room) types "e" only with the
    // cascade; the same look at an unlikely key types nothing.
    t = dwellOn(*s, "e", t, 900);
    CHECK(s->text() == (on ? "the" : "th"));
    t = dwellOn(*s, "x", t, 900);
    CHECK(s->text() == (on ? "the" : "th"));
    if (!on)
      continue;
    CHECK(s->cascadeFloorMs() == 400);  // at cascade_ms, no lower
    t = dwellOn(*s, "Delete", t);
    CHECK(s->text() == "th");
    CHECK(s->cascadeFloorMs() == 700);  // a correction: 300 ms slower again
    // A pause of 5 s (looking at the message) puts it back to dwell.ms,
    // and the same 900 ms look at the likeliest key selects nothing.
    for (const std::int64_t end = t + 5200; t < end; t += 33)
      s->handle(gaze(t, 640, 30));
    CHECK(s->cascadeFloorMs() == 1000);
    CHECK(dwellOf("e") == 1000);
    t = dwellOn(*s, "e", t, 900);
    CHECK(s->text() == "th");
    // A dwell under way when the pause passes is not restarted: "e" typed
    // (selected about 550 ms before dwellOn returns), 4 s on the message,
    // then a 1600 ms look at "x" (about 1200 ms): the pause passes 450 ms
    // into it, and a restart then would need until 1800 ms into the look.
    t = dwellOn(*s, "e", t);
    REQUIRE(s->text() == "the");
    for (const std::int64_t end = t + 4000; t < end; t += 33)
      s->handle(gaze(t, 640, 30));
    REQUIRE(s->cascadeFloorMs() < 1000);
    dwellOn(*s, "x", t, 1600);
    CHECK(s->text() == "thex");
    CHECK(s->cascadeFloorMs() == 800);  // back to 1000 at the pause, then "x" typed
  }
}

TEST_CASE(
    "with dwell.spoken_ms, after Speak the keys that change the message need a long look until "
    "the next selection, and the commands do not") {
  SessionConfig c = enAbcConfig();
  CHECK(Profile{}.access.dwell.spokenMs == 2000);  // on by default
  // With the cascade (the default) and with a static dwell: the static
  // dwell gives the targets again only when something else changes them.
  for (std::uint32_t cascadeMs : {0U, 500U})
    for (std::uint32_t spokenMs : {0U, 2000U}) {
      INFO("cascade_ms " << cascadeMs << ", spoken_ms " << spokenMs);
      const bool on = spokenMs > 0;
      HostSession s(c, nullptr);
      Profile p = s.profile();
      p.access.dwell.cascadeMs = cascadeMs;
      p.access.dwell.spokenMs = spokenMs;
      REQUIRE(s.saveProfile(p).empty());
      s.setGazeCalibrated(true);
      const auto dwellOf = [&s](std::string_view label) {
        return s.dwellMsOf(s.findTarget(label));
      };
      std::int64_t t = dwellOn(s, "h", kT0);
      t = dwellOn(s, "i", t);
      REQUIRE(s.text() == "hi");
      CHECK(dwellOf("e") <= 1000);
      t = dwellOn(s, "Speak", t);
      REQUIRE(s.text() == "hi");  // spoken, kept (clear_after_speak off)
      // The message is finished: letters, Space, Delete and the predicted
      // words need 2 s; Clear and Speak keep their 1 s.
      CHECK(dwellOf("e") >= (on ? 2000U : 0U));
      CHECK(dwellOf("Space") >= (on ? 2000U : 0U));
      CHECK(dwellOf("Delete") >= (on ? 2000U : 0U));
      if (!s.predictions().empty())
        CHECK(s.dwellMsOf(slotOf(s, s.predictions()[0])) >= (on ? 2000U : 0U));
      CHECK(dwellOf("Clear") == 1000);
      CHECK(dwellOf("Speak") == 1000);
      // A 1.4 s look (lock-on 150 + 1000 with room), the first look of a
      // reading, adds nothing; a 2.5 s look does.
      t = dwellOn(s, "e", t);
      CHECK(s.text() == (on ? "hi" : "hie"));
      if (!on)
        continue;
      t = dwellOn(s, "e", t, 2500);
      CHECK(s.text() == "hie");
      // That selection ends it: the keys' own dwell again.
      CHECK(dwellOf("s") <= 1000);
      t = dwellOn(s, "s", t);
      CHECK(s.text() == "hies");
      // Spoken again, then Clear at its usual dwell, which ends it too.
      t = dwellOn(s, "Speak", t);
      CHECK(dwellOf("a") >= 2000);
      t = dwellOn(s, "Clear", t);
      CHECK(s.text().empty());
      CHECK(dwellOf("a") <= 1000);
      dwellOn(s, "a", t);
      CHECK(s.text() == "a");
    }
}

TEST_CASE("with dwell.word_ms a predicted word needs a shorter dwell than a key") {
  SessionConfig c = enAbcConfig();
  for (std::uint32_t wordMs : {0U, 400U}) {
    INFO("word_ms " << wordMs);
    HostSession s(c, nullptr);
    Profile p = s.profile();
    p.access.dwell.wordMs = wordMs;
    REQUIRE(s.saveProfile(p).empty());
    s.setGazeCalibrated(true);
    std::int64_t t = dwellOn(s, "w", kT0);
    REQUIRE(s.text() == "w");
    REQUIRE_FALSE(s.predictions().empty());
    const std::string word = s.predictions()[0];
    // 700 ms: the lock-on (150) and 400 ms with room, well short of 1000.
    t = dwellOnTarget(s, slotOf(s, word), t, 700);
    CHECK(s.text() == (wordMs > 0 ? word + " " : std::string("w")));
    // The letter keys keep dwell.ms.
    dwellOn(s, "k", t, 700);
    CHECK(s.text() == (wordMs > 0 ? word + " " : std::string("w")));
  }
}

TEST_CASE(
    "with a short dwell.ms, Speak and the other commands keep dwell.command_ms, but Delete and "
    "Space do not") {
  SessionConfig c = enAbcConfig();
  // dwell.ms 500: a held look of 800 ms (lock-on 150 + 500 with room)
  // types a letter, but must not speak the message unless command_ms is off.
  for (std::uint32_t commandMs : {0U, 1000U}) {
    INFO("command_ms " << commandMs);
    HostSession s(c, nullptr);
    Profile p = s.profile();
    p.access.dwell.dwellMs = 500;
    p.access.dwell.commandMs = commandMs;
    // Without command_ms the short look speaks the message; Space after it
    // would then meet dwell.spoken_ms (its own test above): off here.
    p.access.dwell.spokenMs = 0;
    REQUIRE(s.saveProfile(p).empty());
    s.setGazeCalibrated(true);
    std::int64_t t = dwellOn(s, "h", kT0, 800);
    t = dwellOn(s, "i", t, 800);
    REQUIRE(s.text() == "hi");
    const auto spoken = [&s] {
      SessionEvent ev;
      bool any = false;
      while (s.pollEvent(ev))
        any = any || (ev.kind == SessionEventKind::kSelected && ev.text == "Speak");
      return any;
    };
    spoken();
    t = dwellOnTarget(s, s.findTarget("Speak"), t, 800);
    CHECK(spoken() == (commandMs == 0));
    t = dwellOnTarget(s, s.findTarget("Space"), t, 800);
    CHECK(s.text() == "hi ");
    t = dwellOnTarget(s, s.findTarget("Delete"), t, 800);
    CHECK(s.text() == "hi");
    // Held long enough, Speak is chosen.
    spoken();
    dwellOnTarget(s, s.findTarget("Speak"), t, 1400);
    CHECK(spoken());
  }
}

TEST_CASE("with dwell.resize a look at the edge of an unlikely key goes to the likely neighbour") {
  SessionConfig c = enAbcConfig();
  for (bool resize : {false, true}) {
    INFO("resize " << resize);
    HostSession s(c, nullptr);
    Profile p = s.profile();
    p.access.dwell.resize = resize;
    REQUIRE(s.saveProfile(p).empty());
    s.setGazeCalibrated(true);
    s.setGazePrecision(1.0F, 44.0F);
    std::int64_t t = dwellOn(s, "q", kT0);
    REQUIRE(s.text() == "q");
    // After "q" comes "u"; "v" beside it is unlikely. A look 10 % inside
    // v's edge next to u.
    const Rect u = s.targets()[static_cast<std::size_t>(s.findTarget("u"))].rect;
    const Rect v = s.targets()[static_cast<std::size_t>(s.findTarget("v"))].rect;
    REQUIRE(u.y == v.y);
    REQUIRE(v.x > u.x);
    const float x = v.x + 0.1F * v.w;
    const float y = v.y + v.h / 2;
    const auto lookAtEdge = [&] {
      for (const std::int64_t end = t + 1400; t < end; t += 33)
        s.handle(gaze(t, x, y));
      for (const std::int64_t end = t + 300; t < end; t += 33)
        s.handle(gaze(t, 640, 30));  // away, at the message
    };
    lookAtEdge();
    REQUIRE(s.text() == (resize ? "qu" : "qv"));
    if (!resize)
      continue;
    // Delete says that was wrong: the next look there is taken as drawn, so
    // resizing never keeps the person from the key they meant.
    t = dwellOn(s, "Delete", t);
    REQUIRE(s.text() == "q");
    lookAtEdge();
    CHECK(s.text() == "qv");
  }
}
