#include "host/sim/simulate_main.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "host/sim/phrase_set.h"
#include "host/sim/simulation.h"

namespace drishti::sim {
namespace {

constexpr const char* kHelp = R"(Usage: drishti-simulate [OPTIONS]

A simulated user (published eye-movement and blink figures, see
host/sim/user_params.h) spells phrases on the real host core with each access
method, then only reads the board for a while. Prints one line per method:
speed in words per minute (5 characters a word), characters per minute, the
uncorrected error rate, and false selections per minute while only reading
(the composed message in the text bar, then the board's keys).

  --method LIST        dwell, blink, scan (comma separated; default all three)
  --board ID           letter board (default en-abc)
  --scan-board ID      board for scanning (default en-scan: keys placed by
                       letter frequency along diagonals, fewest scan steps to
                       common letters, its own Delete; en-freq: rows in
                       frequency order)
  --noise DEG          tracker gaze error, 1 sigma per axis, degrees (default 1.0)
  --field-share F      share of that error's variance that is a smooth calibration
                       error, the rest per-frame jitter (default 0.5)
  --phrases N          phrases to type, 1-20 (default 20)
  --reading-minutes M  minutes of reading per method (default 10; 0 = skip)
  --seed N             random seed (default 1)
  --set KEY VALUE      a profile setting over the installed default profile,
                       any key of host/data/README.md "Profiles" (not
                       method: see --method), read by the device's profile
                       parser with its ranges and messages; repeatable, each
                       key once. E.g. --set dwell.ms 600 --set dwell.resize on
  --person NAME        novice (the default): looks at a neighbouring key first
                       for 30 % of the keys while searching (dwell);
                       practised: knows the layout, no search looks
                       (host/sim/user_params.h, practisedUser)
  Shorthands for settings used in docs/BENCHMARKS.md (each is one --set):
  --dwell-ms MS (dwell.ms), --hold-px PX (dwell.hold_px), --no-reading-guard
  (dwell.reading_guard off), --command-ms MS (dwell.command_ms), --likely-ms
  MS (dwell.likely_ms), --likely-letters N (dwell.likely_letters),
  --cascade-ms MS (dwell.cascade_ms), --cascade-step-ms MS, --cascade-back-ms
  MS, --cascade-pause-ms MS, --cascade-unlikely-ms MS (dwell.cascade_*),
  --spoken-ms MS (dwell.spoken_ms), --word-ms MS (dwell.word_ms), --resize
  (dwell.resize on), --resize-core F (dwell.resize_core, and dwell.resize on),
  --scan-mode MODE (scan.mode), --early-blink (scan.early_blink on),
  --scan-interval-ms MS (scan.interval_ms), --scan-first-delay-ms MS
  (scan.first_delay_ms), --scan-restart-delay-ms MS (scan.restart_delay_ms),
  --scan-gaze-start (scan.gaze_start on), --scan-adapt (scan.adapt on),
  --scan-adapt-min-ms MS (scan.adapt_min_ms), --letter-slots N
  (scan.letter_slots), --prediction-slots N (prediction.slots; 0: prediction
  off), --echo-letters (echo letters: the person also hears each letter),
  --saccade-restart / --no-saccade-restart (gaze.saccade_restart on / off)
  --after-typing-minutes M  dwell: also read the board's keys right after
                       typing (each phrase typed and spoken, then 20 s of
                       reading at once), M minutes in all (default 0 = skip)
  --word-in-place      dwell: the person keeps looking at a predicted word
                       found in the row to choose it; without it they look
                       for it again (a search look 30 % of the time, then a
                       saccade to it), as the figures were measured
  --look-min-letters N read the prediction slots before a letter when at least
                       N letters of the word are left (default 2; 99 = never)
  --look-after-letters N  ... and only once N letters of the word are written
                       (default 1; 0: from the word's start)
  --slip P             chance of aiming at a neighbouring key (default 0.01)
  --reaction-ms MS     median choice reaction to a scanning highlight
                       (default 380; a slower person: e.g. 550)
  --no-refine          give the raw gaze to the session (no filter, drift
                       correction or fixation centroid), to see what they add
  --no-fixation-gaze   the filtered point instead of the fixation centroid
  --saccade-min-deg D  the refined gaze starts again where the eyes landed
                       only after saccades longer than D degrees (implies
                       gaze.saccade_restart on; default 1.5, and at least
                       4 x the noise of a 3-sample mean)
  --filter-cutoff-hz F One Euro filter cutoff when still (default: the device's)
  --filter-beta B      One Euro filter speed coefficient (default: the device's)
  --data DIR           host data folder (default: the installed one, else the
                       source tree's)
  --breakdown          after each method's line, where the typing time went
  --help               this text
)";

bool parseDouble(std::string_view s, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(std::string(s), &used);
    return used == s.size();
  } catch (...) {
    return false;
  }
}

bool parseInt(std::string_view s, long long& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

struct Options {
  std::vector<host::MethodKind> methods{host::MethodKind::kDwell, host::MethodKind::kBlink,
                                        host::MethodKind::kScan};
  std::string board = "en-abc";
  std::string scanBoard = "en-scan";  // diagonal frequency layout: the scanning board
  double noise = 1.0;
  double fieldShare = 0.5;
  long long phrases = 20;
  double readingMinutes = 10;
  long long seed = 1;
  std::vector<ProfileSetting> settings;  // --set and its shorthands, in order
  bool practised = false;                // --person practised
  double slip = 0.01;
  double reactionMs = 380;
  long long lookMinLetters = -1;
  long long lookAfterLetters = -1;
  bool refine = true;
  double filterCutoffHz = -1;  // -1: the device's default
  double filterBeta = -1;
  bool fixationGaze = true;
  double saccadeMinDeg = -1;
  double afterTypingMinutes = 0;
  bool breakdown = false;
  bool wordInPlace = false;
  std::filesystem::path dataDir;
};

// --after-typing-minutes: the reading after each phrase, s (well past
// dwell.cascade_pause_ms, so each covers the whole time the cascade is down).
constexpr double kReadAfterTypingS = 20;

// Options of the simulation itself that switch something on or off.
struct FlagOption {
  std::string_view name;
  bool Options::*member;
  bool value;
};
const FlagOption kFlags[] = {
    {"--no-refine", &Options::refine, false},
    {"--breakdown", &Options::breakdown, true},
    {"--word-in-place", &Options::wordInPlace, true},
    {"--no-fixation-gaze", &Options::fixationGaze, false},
};

// Shorthands for profile settings that docs/BENCHMARKS.md's commands use:
// each adds one setting. `value` empty: the option takes the value.
struct SettingOption {
  std::string_view name;
  std::string_view key;
  std::string_view value;
};
const SettingOption kSettingOptions[] = {
    {"--dwell-ms", "dwell.ms", ""},
    {"--hold-px", "dwell.hold_px", ""},
    {"--no-reading-guard", "dwell.reading_guard", "off"},
    {"--command-ms", "dwell.command_ms", ""},
    {"--likely-ms", "dwell.likely_ms", ""},
    {"--likely-letters", "dwell.likely_letters", ""},
    {"--cascade-ms", "dwell.cascade_ms", ""},
    {"--cascade-step-ms", "dwell.cascade_step_ms", ""},
    {"--cascade-back-ms", "dwell.cascade_back_ms", ""},
    {"--cascade-pause-ms", "dwell.cascade_pause_ms", ""},
    {"--cascade-unlikely-ms", "dwell.cascade_unlikely_ms", ""},
    {"--spoken-ms", "dwell.spoken_ms", ""},
    {"--word-ms", "dwell.word_ms", ""},
    {"--resize", "dwell.resize", "on"},
    {"--resize-core", "dwell.resize_core", ""},
    {"--scan-mode", "scan.mode", ""},
    {"--early-blink", "scan.early_blink", "on"},
    {"--scan-interval-ms", "scan.interval_ms", ""},
    {"--scan-first-delay-ms", "scan.first_delay_ms", ""},
    {"--scan-restart-delay-ms", "scan.restart_delay_ms", ""},
    {"--scan-gaze-start", "scan.gaze_start", "on"},
    {"--scan-adapt", "scan.adapt", "on"},
    {"--scan-adapt-min-ms", "scan.adapt_min_ms", ""},
    {"--letter-slots", "scan.letter_slots", ""},
    {"--prediction-slots", "prediction.slots", ""},
    {"--echo-letters", "echo", "letters"},
    {"--saccade-restart", "gaze.saccade_restart", "on"},
    {"--no-saccade-restart", "gaze.saccade_restart", "off"},
};

// Options of the simulation that take a number in [lo, hi] ((lo, hi] when
// aboveLo); `range` is what the error message says after the option's name.
struct NumberOption {
  std::string_view name;
  std::variant<long long Options::*, double Options::*> member;
  double lo, hi;
  std::string_view range;
  bool aboveLo = false;
};
constexpr double kNoLimit = 1e18;
const NumberOption kNumbers[] = {
    {"--noise", &Options::noise, 0, 10, "a number of degrees 0-10"},
    {"--field-share", &Options::fieldShare, 0, 1, "a number 0-1"},
    {"--phrases", &Options::phrases, 1, 20, "1-20"},
    {"--reading-minutes", &Options::readingMinutes, 0, 600, "0-600"},
    {"--seed", &Options::seed, 0, kNoLimit, "a whole number >= 0"},
    {"--after-typing-minutes", &Options::afterTypingMinutes, 0, 600, "0-600"},
    {"--look-min-letters", &Options::lookMinLetters, 1, 99, "1-99"},
    {"--look-after-letters", &Options::lookAfterLetters, 0, 99, "0-99"},
    {"--slip", &Options::slip, 0, 0.5, "0-0.5"},
    {"--reaction-ms", &Options::reactionMs, 100, 3000, "100-3000 (ms)"},
    {"--filter-cutoff-hz", &Options::filterCutoffHz, 0, 30,
     "a number of Hz, above 0 and at most 30", true},
    {"--saccade-min-deg", &Options::saccadeMinDeg, 0.5, 30, "0.5-30 (degrees)"},
    {"--filter-beta", &Options::filterBeta, 0, 10, "0-10 (Hz per degree per second)"},
};

// Reads `v` into the option's member; false if it is not a number in range.
bool setNumber(const NumberOption& n, std::string_view v, Options& o) {
  const auto inRange = [&n](double x) { return (n.aboveLo ? x > n.lo : x >= n.lo) && x <= n.hi; };
  if (const auto* whole = std::get_if<long long Options::*>(&n.member)) {
    long long x = 0;
    if (!parseInt(v, x) || !inRange(static_cast<double>(x)))
      return false;
    o.** whole = x;
    return true;
  }
  double x = 0;
  if (!parseDouble(v, x) || !inRange(x))
    return false;
  o.*std::get<double Options::*>(n.member) = x;
  return true;
}

// Adds `key value` unless `key` is set already (a setting an option implies).
void imply(Options& o, std::string_view key, std::string_view value) {
  if (std::none_of(o.settings.begin(), o.settings.end(),
                   [key](const ProfileSetting& s) { return s.key == key; }))
    o.settings.push_back({std::string(key), std::string(value)});
}

// Returns "" or what is wrong.
std::string parse(int argc, char** argv, Options& o, bool& help) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h") {
      help = true;
      return {};
    }
    const auto flag = std::find_if(std::begin(kFlags), std::end(kFlags),
                                   [a](const FlagOption& f) { return f.name == a; });
    if (flag != std::end(kFlags)) {
      o.*(flag->member) = flag->value;
      continue;
    }
    const auto setting = std::find_if(std::begin(kSettingOptions), std::end(kSettingOptions),
                                      [a](const SettingOption& s) { return s.name == a; });
    if (setting != std::end(kSettingOptions) && !setting->value.empty()) {
      o.settings.push_back({std::string(setting->key), std::string(setting->value)});
      continue;
    }
    if (a == "--set") {
      if (i + 2 >= argc)
        return "--set: needs a key and a value (see --help)";
      o.settings.push_back({argv[i + 1], argv[i + 2]});
      i += 2;
      continue;
    }
    if (i + 1 >= argc)
      return std::string(a) + ": unknown option or missing value (see --help)";
    const std::string_view v = argv[++i];
    const auto number = std::find_if(std::begin(kNumbers), std::end(kNumbers),
                                     [a](const NumberOption& n) { return n.name == a; });
    if (setting != std::end(kSettingOptions)) {
      if (a == "--prediction-slots" && v == "0")
        o.settings.push_back({"prediction", "off"});
      else
        o.settings.push_back({std::string(setting->key), std::string(v)});
      if (a == "--resize-core")
        imply(o, "dwell.resize", "on");
    } else if (number != std::end(kNumbers)) {
      if (!setNumber(*number, v, o))
        return std::string(a) + ": " + std::string(number->range);
      if (a == "--saccade-min-deg")
        imply(o, "gaze.saccade_restart", "on");
    } else if (a == "--method") {
      o.methods.clear();
      std::size_t pos = 0;
      while (pos <= v.size()) {
        const std::size_t comma = std::min(v.find(',', pos), v.size());
        host::MethodKind k;
        if (!host::parseMethod(v.substr(pos, comma - pos), k) ||
            !(k == host::MethodKind::kDwell || k == host::MethodKind::kBlink ||
              k == host::MethodKind::kScan))
          return "--method: '" + std::string(v.substr(pos, comma - pos)) +
                 "' is not dwell, blink or scan";
        o.methods.push_back(k);
        pos = comma + 1;
      }
    } else if (a == "--person") {
      if (v != "novice" && v != "practised")
        return "--person: '" + std::string(v) + "' is not novice or practised";
      o.practised = v == "practised";
    } else if (a == "--board") {
      o.board = v;
    } else if (a == "--scan-board") {
      o.scanBoard = v;
    } else if (a == "--data") {
      o.dataDir = v;
    } else {
      return std::string(a) + ": unknown option (see --help)";
    }
  }
  return {};
}

}  // namespace

int simulateMain(int argc, char** argv) {
  Options o;
  bool help = false;
  if (const std::string error = parse(argc, argv, o, help); !error.empty()) {
    std::fprintf(stderr, "drishti-simulate: %s\n", error.c_str());
    return 2;
  }
  if (help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (o.dataDir.empty()) {
    // The installed data when there is some, else the source tree's.
    std::error_code ec;
    o.dataDir = std::filesystem::is_directory(DRISHTI_SIM_INSTALLED_DATA_DIR, ec)
                    ? std::filesystem::path(DRISHTI_SIM_INSTALLED_DATA_DIR)
                    : std::filesystem::path(DRISHTI_SIM_DATA_DIR);
  }
  if (!std::filesystem::is_directory(o.dataDir / "boards")) {
    std::fprintf(stderr, "drishti-simulate: %s: no boards folder (see --data)\n",
                 o.dataDir.string().c_str());
    return 3;
  }
  std::vector<std::string> phrases = defaultPhrases();
  phrases.resize(static_cast<std::size_t>(o.phrases));
  for (const host::MethodKind method : o.methods) {
    SimSetup setup;
    setup.dataDir = o.dataDir;
    setup.method = method;
    setup.board = method == host::MethodKind::kScan && !o.scanBoard.empty() ? o.scanBoard : o.board;
    setup.tracker.noiseDeg = o.noise;
    setup.tracker.fieldShare = o.fieldShare;
    if (o.practised)
      setup.user = practisedUser();
    setup.user.slipProbability = o.slip;
    setup.user.reactionMs = o.reactionMs;
    if (o.lookAfterLetters >= 0)
      setup.user.predictionAfterLetters = static_cast<std::size_t>(o.lookAfterLetters);
    if (o.lookMinLetters > 0)
      setup.user.predictionMinLetters = static_cast<std::size_t>(o.lookMinLetters);
    setup.refine = o.refine;
    if (o.filterCutoffHz > 0)
      setup.refiner.filter.minCutoffHz = o.filterCutoffHz;
    if (o.filterBeta >= 0)
      setup.refiner.filter.betaPerDeg = o.filterBeta;
    setup.refiner.fixationGaze = o.fixationGaze;
    if (o.saccadeMinDeg > 0)
      setup.refiner.saccadeMinDeg = o.saccadeMinDeg;
    setup.wordInPlace = o.wordInPlace;
    setup.settings = o.settings;
    setup.seed = static_cast<std::uint64_t>(o.seed);
    Simulation typing(setup);
    if (!typing.error().empty()) {
      std::fprintf(stderr, "drishti-simulate: %s\n", typing.error().c_str());
      return 2;
    }
    if (typing.session().board() == nullptr || typing.session().board()->id != setup.board) {
      std::fprintf(stderr, "drishti-simulate: there is no board '%s' in %s\n", setup.board.c_str(),
                   o.dataDir.string().c_str());
      return 3;
    }
    const TypingResult t = typing.type(phrases);
    // scan.adapt: the step the device came to (the status line shows it too).
    const std::uint32_t adaptedMs = typing.session().methodView().stepMs;
    std::string reading = "reading not simulated";
    if (o.readingMinutes > 0) {
      setup.seed += 1000;
      Simulation messageReader(setup);
      const ReadingResult m =
          messageReader.read(o.readingMinutes, false, Simulation::Reading::kMessage);
      setup.seed += 1000;
      Simulation boardReader(setup);
      const ReadingResult b =
          boardReader.read(o.readingMinutes, false, Simulation::Reading::kBoard);
      char buf[240];
      std::snprintf(buf, sizeof buf,
                    "false selections reading the message %.2f/min (%llu in %.0f min), "
                    "reading the keys %.2f/min (%llu in %.0f min)",
                    m.perMinute, static_cast<unsigned long long>(m.selections), m.minutes,
                    b.perMinute, static_cast<unsigned long long>(b.selections), b.minutes);
      reading = buf;
      if (adaptedMs > 0) {
        // The readers above start at scan.interval_ms; the typist reads the
        // keys at once, at the step the device came to while they typed.
        const ReadingResult a = typing.read(o.readingMinutes, false, Simulation::Reading::kBoard);
        std::snprintf(buf, sizeof buf,
                      ", reading the keys right after typing %.2f/min (%llu in %.0f min)",
                      a.perMinute, static_cast<unsigned long long>(a.selections), a.minutes);
        reading += buf;
      }
    }
    if (adaptedMs > 0) {
      char buf[80];
      std::snprintf(buf, sizeof buf, ", scan step after typing %u ms",
                    static_cast<unsigned>(adaptedMs));
      reading += buf;
    }
    if (o.afterTypingMinutes > 0 && method == host::MethodKind::kDwell) {
      setup.seed = static_cast<std::uint64_t>(o.seed) + 3000;
      Simulation typist(setup);
      const ReadingResult a =
          typist.readAfterTyping(phrases, o.afterTypingMinutes, kReadAfterTypingS);
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    ", reading the keys right after typing %.2f/min (%llu in %.0f min)",
                    a.perMinute, static_cast<unsigned long long>(a.selections), a.minutes);
      reading += buf;
    }
    std::printf(
        "%-5s %-8s noise %.1f deg: %.1f wpm, %.1f chars/min, uncorrected errors %.1f %%, "
        "%llu selections (%llu tries at Delete, %llu predicted words), %zu/%zu phrases "
        "abandoned, %s\n",
        std::string(host::methodName(method)).c_str(), setup.board.c_str(), o.noise, t.wpm, t.cpm,
        100.0 * t.errorRate, static_cast<unsigned long long>(t.selections),
        static_cast<unsigned long long>(t.backspaces),
        static_cast<unsigned long long>(t.predictionsChosen), t.gaveUp, t.phrases, reading.c_str());
    if (o.breakdown) {
      const TimeSpent& ts = t.time;
      const double n = static_cast<double>(std::max<std::uint64_t>(ts.keySelections, 1));
      std::printf(
          "  time %.0f s for %zu correct characters: keys %.0f s (%llu, %.2f s each, %.2f s of it "
          "to land on the key), "
          "prediction looks %.0f s, predicted words %.0f s, checks %.0f s, corrections %.0f s, "
          "other %.0f s, clearing and speaking not counted\n",
          t.seconds, t.chars, ts.keys, static_cast<unsigned long long>(ts.keySelections),
          ts.keys / n, ts.keysLanding / n, ts.predictionLooks, ts.words, ts.checks, ts.corrections,
          ts.other);
      if (method == host::MethodKind::kDwell)
        std::printf(
            "  dwell: progress lost on the key meant %llu times with the gaze on it, %llu after "
            "it left the key (%.0f s of dwell lost); wrong keys selected %llu before landing on "
            "the key meant, %llu after\n",
            static_cast<unsigned long long>(ts.restartsOnKey),
            static_cast<unsigned long long>(ts.restartsLeft), ts.restartLostS,
            static_cast<unsigned long long>(ts.wrongBeforeLanding),
            static_cast<unsigned long long>(ts.wrongAfterLanding));
      if (ts.codedSelections > 0) {
        const double m = static_cast<double>(ts.codedSelections);
        std::printf(
            "  huffman: %llu selections meant, %.2f lit sets answered each, %.2f questions in "
            "the code, %.2f bits of information (-log2 of the key's chance), %llu restarts from "
            "all "
            "keys\n",
            static_cast<unsigned long long>(ts.codedSelections),
            static_cast<double>(ts.questions) / m, ts.codeDepth / m, ts.bits / m,
            static_cast<unsigned long long>(ts.restarts));
      }
    }
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace drishti::sim
