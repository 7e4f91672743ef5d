// Writes the seed corpus of parsers_fuzzer: the repository's real files, each
// behind the byte that selects its parser (parsers_fuzzer.cpp), and the files
// the device writes: a calibration after a synthetic calibration, learned
// words, the saved text bar and the spoken history; and a calibration, learned
// words, a state and a history with keys a newer drishti of the same format
// version might add (skipped).
// Long files (the vocabulary) are cut at a line near 4 KB, so libFuzzer's
// mutations stay cheap.
//   write_parser_seeds <dir> <source dir>   (its old seed-* files removed first)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "host/core/calibration_format.h"
#include "host/core/learned_words.h"
#include "host/core/session_store.h"
#include "tests/host/core/calibration_fixture.h"

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSeed = 4096;

bool write(const fs::path& path, char selector, std::string text) {
  if (text.size() > kMaxSeed) {
    const std::size_t cut = text.rfind('\n', kMaxSeed);
    text.resize(cut == std::string::npos ? kMaxSeed : cut + 1);
  }
  std::ofstream f(path, std::ios::binary);
  f << selector << text;
  return static_cast<bool>(f);
}

// A calibration with `line` inserted before the first line starting with
// `before`, sealed again.
std::string calibrationWith(std::string text, const std::string& before, const std::string& line) {
  const std::size_t at = text.find("\n" + before);
  if (at != std::string::npos)
    text.insert(at + 1, line + "\n");
  return drishti::test::resealCalibration(text);
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <corpus dir> <source dir>\n", argv[0]);
    return 2;
  }
  const fs::path dir = argv[1];
  const fs::path src = argv[2];
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().starts_with("seed-"))
      fs::remove(entry.path(), ec);
  if (ec) {
    std::fprintf(stderr, "%s: cannot create: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  // Selector bytes: 0 board, 1 profile, 2 vocabulary, 3 calibration, 4 board ini,
  // 5 learned words, 6 saved state, 7 history.
  const std::pair<const char*, char> folders[] = {
      {"host/data/boards", 0},     {"host/data/phrases", 0},     {"host/data/profiles", 1},
      {"host/data/vocabulary", 2}, {"boards/generic-x86_64", 4}, {"boards/rpi4", 4},
      {"boards/rpi5", 4}};
  int written = 0;
  bool ok = true;
  for (const auto& [folder, selector] : folders) {
    for (const auto& entry : fs::directory_iterator(src / folder, ec)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".board" && ext != ".profile" && ext != ".words" && ext != ".ini")
        continue;
      const std::string name = "seed-" + entry.path().parent_path().filename().string() + "-" +
                               entry.path().filename().string();
      ok = write(dir / name, selector, readFile(entry.path())) && ok;
      ++written;
    }
    if (ec) {
      std::fprintf(stderr, "%s: %s\n", (src / folder).c_str(), ec.message().c_str());
      return 1;
    }
  }
  ok = write(dir / "seed-calibration-9.cal", 3,
             drishti::host::formatCalibration(drishti::test::makeCalibrationRecord())) &&
       ok;
  const std::string five = drishti::host::formatCalibration(
      drishti::test::makeCalibrationRecord("Ravi", drishti::host::PatternKind::kFive));
  ok = write(dir / "seed-calibration-5.cal", 3, five) && ok;
  ok = write(dir / "seed-calibration-newer-keys.cal", 3,
             calibrationWith(calibrationWith(five, "stats = ", "blink_rate = 12 per minute"),
                             "eye_range = ", "eye_lid_shape = 0.5 0.25")) &&
       ok;
  drishti::host::LearnedWords learned;
  learned.learn("i want water please");
  learned.learn("i want to sleep");
  ok = write(dir / "seed-learned.words", 5, learned.format()) && ok;
  ok = write(dir / "seed-anna.state", 6,
             drishti::host::formatSavedState({"en-abc", "I want \"tea\"", "hello"})) &&
       ok;
  ok = write(dir / "seed-anna.history", 7,
             drishti::host::formatHistory({"I need help", "Thank you", "पानी"})) &&
       ok;
  // As a newer drishti of the same format version might write them: a key
  // this one skips, with the rest kept.
  ok = write(dir / "seed-learned-newer-keys.words", 5,
             learned.format() + "last_used water 1700000000\n") &&
       ok;
  ok = write(dir / "seed-anna-newer-keys.state", 6,
             "drishti-state 1\nboard en-abc\ncaret 3\ntext \"I want\"\nundo \"\"\n") &&
       ok;
  ok = write(dir / "seed-anna-newer-keys.history", 7,
             "drishti-history 1\nmessage \"I need help\"\nspoken_at 1700000000\n") &&
       ok;
  written += 9;
  if (!ok || written < 10) {
    std::fprintf(stderr, "%s: could not write the seeds (%d)\n", dir.c_str(), written);
    return 1;
  }
  return 0;
}
