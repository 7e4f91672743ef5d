#include "host/core/profile.h"

#include <charconv>
#include <cstdio>
#include <map>

#include "host/core/versioned_lexer.h"

namespace drishti::host {

std::string_view methodName(MethodKind kind) {
  switch (kind) {
    case MethodKind::kDwell:
      return "dwell";
    case MethodKind::kBlink:
      return "blink";
    case MethodKind::kScan:
      return "scan";
    case MethodKind::kGesture:
      return "gesture";
    case MethodKind::kBlinkCode:
      return "blink-code";
  }
  return "dwell";
}

bool parseMethod(std::string_view name, MethodKind& out) {
  for (MethodKind k : {MethodKind::kDwell, MethodKind::kBlink, MethodKind::kScan,
                       MethodKind::kGesture, MethodKind::kBlinkCode}) {
    if (methodName(k) == name) {
      out = k;
      return true;
    }
  }
  return false;
}

namespace {

// One profile setting: how to read it from its words and write it back.
struct Field {
  const char* name;
  // Sets the field from its value tokens; returns an error sentence or "".
  std::string (*set)(Profile&, const std::vector<Token>&);
  std::string (*get)(const Profile&);
};

std::string joinRest(const std::vector<Token>& t) {
  return t.size() == 2 ? t[1].text : std::string();
}

template <std::uint32_t Lo, std::uint32_t Hi>
std::string setMs(std::uint32_t& field, const std::vector<Token>& t) {
  std::uint32_t v = 0;
  const std::string s = joinRest(t);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (t.size() != 2 || ec != std::errc() || end != s.data() + s.size() || v < Lo || v > Hi)
    return "must be a whole number from " + std::to_string(Lo) + " to " + std::to_string(Hi);
  field = v;
  return {};
}

std::string setFloat(float& field, const std::vector<Token>& t, float lo, float hi) {
  const std::string s = joinRest(t);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (t.size() != 2 || ec != std::errc() || end != s.data() + s.size() || !(v >= lo && v <= hi)) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "must be a number from %g to %g", lo, hi);
    return buf;
  }
  field = static_cast<float>(v);
  return {};
}

std::string setOnOff(bool& field, const std::vector<Token>& t) {
  if (t.size() == 2 && (t[1].text == "on" || t[1].text == "off")) {
    field = t[1].text == "on";
    return {};
  }
  return "must be on or off";
}

std::string setText(std::string& field, const std::vector<Token>& t) {
  if (t.size() != 2)
    return "takes one value (put text with spaces in \"quotes\")";
  field = t[1].text;
  return {};
}

std::string num(std::uint32_t v) {
  return std::to_string(v);
}
std::string num(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", static_cast<double>(v));
  return buf;
}
std::string onOff(bool v) {
  return v ? "on" : "off";
}

std::string_view eyesName(EyeChoice e) {
  switch (e) {
    case EyeChoice::kBoth:
      return "both";
    case EyeChoice::kLeft:
      return "left";
    case EyeChoice::kRight:
      return "right";
    case EyeChoice::kEither:
      return "either";
  }
  return "both";
}

std::string_view scanModeName(ScanMode m) {
  switch (m) {
    case ScanMode::kRows:
      return "rows";
    case ScanMode::kGroups:
      return "groups";
    case ScanMode::kLinear:
      return "linear";
    case ScanMode::kHuffman:
      return "huffman";
  }
  return "rows";
}

#define DR_MS(key, member, lo, hi)                                                           \
  Field {                                                                                    \
    key, [](Profile& p, const std::vector<Token>& t) { return setMs<lo, hi>(p.member, t); }, \
        [](const Profile& p) { return num(p.member); }                                       \
  }
#define DR_TEXT(key, member)                                                           \
  Field {                                                                              \
    key, [](Profile& p, const std::vector<Token>& t) { return setText(p.member, t); }, \
        [](const Profile& p) { return quoteToken(p.member); }                          \
  }
#define DR_FLOAT(key, member, lo, hi)                                                           \
  Field {                                                                                       \
    key, [](Profile& p, const std::vector<Token>& t) { return setFloat(p.member, t, lo, hi); }, \
        [](const Profile& p) { return num(p.member); }                                          \
  }
#define DR_ONOFF(key, member)                                                           \
  Field {                                                                               \
    key, [](Profile& p, const std::vector<Token>& t) { return setOnOff(p.member, t); }, \
        [](const Profile& p) { return onOff(p.member); }                                \
  }

const Field kFields[] = {
    DR_TEXT("name", name),
    DR_TEXT("language", language),
    DR_TEXT("voice", voice),
    DR_TEXT("board", letterBoard),
    DR_TEXT("phrases", phraseBoard),
    DR_TEXT("yesno", yesNoBoard),
    {"menu",
     [](Profile& p, const std::vector<Token>& t) {
       p.menu.clear();
       for (std::size_t i = 1; i < t.size(); ++i)
         p.menu.push_back(t[i].text);
       return std::string();
     },
     [](const Profile& p) {
       std::string out;
       for (const std::string& id : p.menu) {
         if (!out.empty())
           out += ' ';
         out += quoteToken(id);
       }
       return out;
     }},
    {"method",
     [](Profile& p, const std::vector<Token>& t) {
       if (t.size() == 2 && parseMethod(t[1].text, p.access.method))
         return std::string();
       return std::string("must be dwell, blink, scan, gesture or blink-code");
     },
     [](const Profile& p) { return std::string(methodName(p.access.method)); }},
    {"echo",
     [](Profile& p, const std::vector<Token>& t) {
       const std::string v = joinRest(t);
       if (v != "off" && v != "letters" && v != "words" && v != "both")
         return std::string("must be off, letters, words or both");
       p.echoLetters = v == "letters" || v == "both";
       p.echoWords = v == "words" || v == "both";
       return std::string();
     },
     [](const Profile& p) {
       return std::string(p.echoLetters ? (p.echoWords ? "both" : "letters")
                                        : (p.echoWords ? "words" : "off"));
     }},
    DR_ONOFF("speak.clear_after", clearAfterSpeak),
    DR_ONOFF("history", keepHistory),
    DR_ONOFF("calibration.appearance_y", calibrationAppearanceY),
    {"phrases.action",
     [](Profile& p, const std::vector<Token>& t) {
       const std::string v = joinRest(t);
       if (v != "speak" && v != "insert")
         return std::string("must be speak or insert");
       p.phraseAction = v == "speak" ? PhraseAction::kSpeak : PhraseAction::kInsert;
       return std::string();
     },
     [](const Profile& p) {
       return std::string(p.phraseAction == PhraseAction::kSpeak ? "speak" : "insert");
     }},
    DR_TEXT("help.command", helpCommand),
    DR_TEXT("help.message", helpMessage),
    DR_MS("dwell.ms", access.dwell.dwellMs, 200, 10000),
    DR_MS("dwell.lock_on_ms", access.dwell.lockOnMs, 0, 2000),
    DR_MS("dwell.loss_grace_ms", access.dwell.lossGraceMs, 0, 2000),
    DR_FLOAT("dwell.margin_px", access.dwell.marginPx, 0, 100),
    DR_ONOFF("dwell.landed", access.dwell.landedOnly),
    DR_FLOAT("dwell.refixation_px", access.dwell.refixationPx, 0, 400),
    DR_FLOAT("dwell.hold_px", access.dwell.holdPx, 0, 400),
    DR_ONOFF("dwell.reading_guard", access.dwell.readingGuard),
    DR_FLOAT("dwell.reading_step_px", access.dwell.readingStepPx, 20, 1000),
    DR_MS("dwell.reading_look_ms", access.dwell.readingLookMs, 100, 5000),
    DR_FLOAT("dwell.guard_max_deg", access.dwell.guardMaxDeg, 0, 10),
    DR_MS("dwell.likely_ms", access.dwell.likelyMs, 0, 10000),
    DR_MS("dwell.likely_letters", access.dwell.likelyLetters, 1, 8),
    DR_MS("dwell.cascade_ms", access.dwell.cascadeMs, 0, 10000),
    DR_MS("dwell.cascade_step_ms", access.dwell.cascadeStepMs, 1, 1000),
    DR_MS("dwell.cascade_back_ms", access.dwell.cascadeBackMs, 0, 10000),
    DR_MS("dwell.cascade_pause_ms", access.dwell.cascadePauseMs, 500, 60000),
    DR_MS("dwell.cascade_unlikely_ms", access.dwell.cascadeUnlikelyMs, 0, 10000),
    DR_MS("dwell.spoken_ms", access.dwell.spokenMs, 0, 10000),
    DR_MS("dwell.word_ms", access.dwell.wordMs, 0, 10000),
    DR_MS("dwell.command_ms", access.dwell.commandMs, 0, 10000),
    DR_ONOFF("dwell.resize", access.dwell.resize),
    DR_FLOAT("dwell.resize_core", access.dwell.resizeCore, 0.1F, 1),
    DR_ONOFF("gaze.saccade_restart", gaze.saccadeRestart),
    DR_ONOFF("prediction", prediction.enabled),
    DR_MS("prediction.slots", prediction.slots, 1, 6),
    DR_ONOFF("prediction.learn", prediction.learn),
    DR_MS("blink.min_ms", access.blink.minMs, 50, 3000),
    DR_MS("blink.max_ms", access.blink.maxMs, 100, 5000),
    {"blink.eyes",
     [](Profile& p, const std::vector<Token>& t) {
       for (EyeChoice e :
            {EyeChoice::kBoth, EyeChoice::kLeft, EyeChoice::kRight, EyeChoice::kEither})
         if (joinRest(t) == eyesName(e)) {
           p.access.blink.eyes = e;
           return std::string();
         }
       return std::string("must be both, left, right or either");
     },
     [](const Profile& p) { return std::string(eyesName(p.access.blink.eyes)); }},
    {"scan.mode",
     [](Profile& p, const std::vector<Token>& t) {
       for (ScanMode m :
            {ScanMode::kRows, ScanMode::kGroups, ScanMode::kLinear, ScanMode::kHuffman})
         if (joinRest(t) == scanModeName(m)) {
           p.access.scan.mode = m;
           return std::string();
         }
       return std::string("must be rows, groups, linear or huffman");
     },
     [](const Profile& p) { return std::string(scanModeName(p.access.scan.mode)); }},
    DR_MS("scan.interval_ms", access.scan.intervalMs, 300, 10000),
    DR_MS("scan.letter_slots", access.scan.letterSlots, 0, 8),
    DR_ONOFF("scan.early_blink", access.scan.earlyBlink),
    DR_ONOFF("scan.gaze_start", access.scan.gazeStart),
    DR_ONOFF("scan.adapt", access.scan.adapt),
    DR_MS("scan.adapt_min_ms", access.scan.adaptMinMs, 300, 10000),
    DR_MS("scan.first_delay_ms", access.scan.firstDelayMs, 0, 10000),
    DR_MS("scan.restart_delay_ms", access.scan.restartDelayMs, 0, 10000),
    DR_MS("scan.loops", access.scan.loops, 1, 20),
    DR_MS("scan.back_max_ms", access.scan.backMaxMs, 200, 8000),
    DR_MS("gesture.hold_ms", access.gesture.holdMs, 200, 5000),
    DR_FLOAT("gesture.edge", access.gesture.edge, 0.05F, 0.45F),
    DR_MS("code.gap_ms", access.code.gapMs, 300, 5000),
    DR_MS("safety.long_blink_min_ms", access.safety.longBlinkMinMs, 500, 10000),
    DR_MS("safety.long_blink_max_ms", access.safety.longBlinkMaxMs, 1000, 20000),
    DR_MS("safety.gap_ms", access.safety.gapMs, 500, 20000),
    DR_MS("safety.help_blinks", access.safety.helpBlinks, 2, 6),
    DR_MS("safety.rest_blinks", access.safety.restBlinks, 2, 6),
    DR_MS("safety.wake_dwell_ms", access.safety.wakeDwellMs, 500, 15000),
    DR_MS("safety.help_repeat_ms", access.safety.helpRepeatMs, 0, 600000),
    DR_MS("tracking.lost_delay_ms", access.safety.trackingLostDelayMs, 0, 10000),
    DR_MS("screen.width_mm", screenWidthMm, 50, 3000),
    DR_MS("screen.height_mm", screenHeightMm, 50, 3000),
    DR_MS("screen.distance_mm", viewingDistanceMm, 150, 3000),
    {"calibration.points",
     [](Profile& p, const std::vector<Token>& t) {
       const std::string v = joinRest(t);
       if (v != "5" && v != "9" && v != "13")
         return std::string("must be 5, 9 or 13");
       p.calibrationPoints = static_cast<std::uint32_t>(std::stoi(v));
       return std::string();
     },
     [](const Profile& p) { return num(p.calibrationPoints); }},
};

#undef DR_MS
#undef DR_FLOAT
#undef DR_TEXT
#undef DR_ONOFF

}  // namespace

std::optional<Profile> parseProfile(std::string_view text, const std::string& fileName,
                                    std::vector<Problem>& problems) {
  Profile p;
  VersionedLexer lexer(text, "drishti-profile", "a profile file", fileName, problems);
  std::size_t before = problems.size();
  std::map<std::string, int> lines;
  while (lexer.next()) {
    const int line = lexer.lineNumber();
    const auto& t = lexer.tokens();
    const Field* field = nullptr;
    for (const Field& f : kFields)
      if (t[0].text == f.name)
        field = &f;
    if (field == nullptr) {
      problems.push_back({fileName, line, "unknown setting '" + t[0].text + "'"});
      continue;
    }
    const auto [it, fresh] = lines.emplace(t[0].text, line);
    if (!fresh) {
      problems.push_back(
          {fileName, line,
           "'" + t[0].text + "' is set twice (first on line " + std::to_string(it->second) + ")"});
      continue;
    }
    const std::string error = field->set(p, t);
    if (!error.empty())
      problems.push_back({fileName, line, t[0].text + " " + error});
  }
  if (!lexer.headerOk())
    return std::nullopt;
  const auto lineOf = [&](const char* key) {
    const auto it = lines.find(key);
    return it == lines.end() ? 0 : it->second;
  };
  const AccessParams& a = p.access;
  if (a.blink.minMs >= a.blink.maxMs)
    problems.push_back(
        {fileName, lineOf("blink.max_ms"), "blink.max_ms must be longer than blink.min_ms"});
  if (a.scan.backMaxMs <= a.blink.maxMs)
    problems.push_back(
        {fileName, lineOf("scan.back_max_ms"),
         "scan.back_max_ms must be longer than blink.max_ms (longer blinks step back)"});
  if (a.safety.longBlinkMinMs < a.scan.backMaxMs)
    problems.push_back({fileName, lineOf("safety.long_blink_min_ms"),
                        "safety.long_blink_min_ms must be at least scan.back_max_ms, so a long "
                        "blink for help or rest is never taken for a selection"});
  if (a.safety.longBlinkMaxMs <= a.safety.longBlinkMinMs)
    problems.push_back({fileName, lineOf("safety.long_blink_max_ms"),
                        "safety.long_blink_max_ms must be longer than safety.long_blink_min_ms"});
  if (a.safety.restBlinks >= a.safety.helpBlinks)
    problems.push_back({fileName, lineOf("safety.rest_blinks"),
                        "safety.rest_blinks must be fewer than safety.help_blinks"});
  if (problems.size() != before)
    return std::nullopt;
  return p;
}

std::string formatProfile(const Profile& profile) {
  std::string out = "drishti-profile 1\n";
  for (const Field& f : kFields) {
    out += f.name;
    out += ' ';
    out += f.get(profile);
    out += '\n';
  }
  return out;
}

}  // namespace drishti::host
