// File format (one key per line, '#' starts a comment line):
//   format = drishti-calibration 2    (1: no eye_y / eye_appearance* keys; still read,
//                                      as pupil-only y; written: always 2)
//   profile = <name>                  created = <text>
//   screen = <widthPx> <heightPx> <widthMm> <heightMm> <distanceMm>
//   pattern = 5 | 9 | 13              grade = good | fair | poor | failed
//   gaze_params = <minEyeConfidence> <minOpenness> <extrapolationMargin>
//   eye = 0 | 1 [invalid]             starts one eye's block; the eye_* keys follow it:
//     eye_frame = <meanU> <meanV> <scaleU> <scaleV> <sphereRatio> <headTerms 0|1>
//     eye_head_mean = <yaw> <pitch> <x> <y> <z>
//     eye_roll = <rollMean> <centreX> <centreY>   optional; absent = roll not used
//     eye_coef_x = <11 numbers>       eye_coef_y = <11 numbers>
//     eye_range = <minU> <maxU> <minV> <maxV>
//     eye_fit = <residualPx> <points> <lambda>
//     eye_y = pupil|appearance <heldOutPupilPx> [<heldOutAppearancePx>]   format 2, required:
//             which cue gives y (GazeAppearanceY); the second figure only when the
//             appearance was fitted, and then these three follow:
//     eye_appearance = <scale> <lambda> <minY> <maxY>
//     eye_appearance_mean = <15 numbers>   eye_appearance_coef = <16 numbers>
//     eye_appearance_span = <spanResidual> <4 x 15 numbers>   optional (absent:
//             no drift check): GazeAppearanceY's span, direction after direction
//   stats = <samples> <tracked> <closed> <moving> <seen0> <seen1> <headMm> <headDeg>
//           <eyeDistancePx> <imageWidth>
//   point = cal|val <index> <tx> <ty> <measured 0|1> <ex> <ey> <errorPx> <errorDeg>
//           <precisionDeg> <heldOutDeg> <rejected 0|1> <samples> <refused> <name...>
//   advice = <kind> <point> <text...>   a kind this build does not know (from a newer
//                                     drishti) but spelled like one ([a-z0-9-]+) is
//                                     skipped with a warning; the calibration is kept
//   crc32 = <8 hex digits>            CRC-32 of every byte before this line; last line
// What a version promises (host/data/README.md, "Calibration files"): within
// one version a newer drishti may add keys an older reader can do without, so
// a key this build does not know (spelled like one, [a-z][a-z0-9_]*) is skipped
// with a warning naming it and its line, and the calibration is kept; a change
// an older reader would misread (a key whose meaning changes, a new required
// key) raises the version, and a version above kFormatVersion is refused
// ("written by a newer drishti, version N; this one reads up to M").
#include "host/core/calibration_format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <span>

#include "firmware/protocol/checksum.h"
#include "host/core/versioned_lexer.h"

namespace drishti::host {

namespace {

constexpr std::string_view kFormatPrefix = "drishti-calibration ";
constexpr int kFormatVersion = kCalibrationFormatVersion;

constexpr std::array<std::pair<AdviceKind, std::string_view>, 12> kAdviceNames = {{
    {AdviceKind::kAllGood, "all-good"},
    {AdviceKind::kMoveCameraCloser, "move-camera-closer"},
    {AdviceKind::kEyeNotSeen, "eye-not-seen"},
    {AdviceKind::kFaceNotSeen, "face-not-seen"},
    {AdviceKind::kKeepHeadStill, "keep-head-still"},
    {AdviceKind::kEyesClosedOften, "eyes-closed-often"},
    {AdviceKind::kUnsteadyGaze, "unsteady-gaze"},
    {AdviceKind::kPointPoor, "point-poor"},
    {AdviceKind::kPointFailed, "point-failed"},
    {AdviceKind::kValidationOff, "validation-off"},
    {AdviceKind::kRecalibrate, "recalibrate"},
    {AdviceKind::kCheckPointWeak, "check-point-weak"},
}};

std::string fmt(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// One line of text: control characters (newlines) become spaces.
std::string oneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = ' ';
  return out;
}

std::uint32_t crcOf(std::string_view text) {
  return protocol::crc32(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits off the next whitespace-separated token.
std::string_view nextToken(std::string_view& rest) {
  rest = trim(rest);
  std::size_t n = 0;
  while (n < rest.size() && rest[n] != ' ' && rest[n] != '\t')
    ++n;
  const std::string_view tok = rest.substr(0, n);
  rest.remove_prefix(n);
  return tok;
}

}  // namespace

std::string CalibrationProblem::describe() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

std::string formatCalibration(const CalibrationRecord& r) {
  std::string s;
  auto line = [&](std::string_view key, const std::string& value) {
    s += key;
    s += " = ";
    s += value;
    s += '\n';
  };
  auto join = [](std::span<const double> vs) {
    std::string out;
    for (double v : vs) {
      if (!out.empty())
        out += ' ';
      out += fmt(v);
    }
    return out;
  };
  auto nums = [&](std::initializer_list<double> vs) {
    return join(std::span<const double>(vs.begin(), vs.size()));
  };
  auto row = [&](const GazeRow& c) { return join(c); };
  s += "# Drishti calibration, written by the device. Do not edit: the checksum on the\n";
  s += "# last line makes the device refuse a changed file and use the previous one.\n";
  line("format", std::string(kFormatPrefix) + std::to_string(kFormatVersion));
  line("profile", oneLine(r.profile));
  line("created", oneLine(r.created));
  const CalibrationGeometry& g = r.report.geometry;
  line("screen", nums({static_cast<double>(g.widthPx), static_cast<double>(g.heightPx), g.widthMm,
                       g.heightMm, g.distanceMm}));
  line("pattern", std::to_string(static_cast<int>(r.report.pattern)));
  line("grade", gradeName(r.report.grade));
  const GazeModelParams& mp = r.model.params();
  line("gaze_params", nums({mp.minEyeConfidence, mp.minOpenness, mp.extrapolationMargin}));
  for (int e = 0; e < 2; ++e) {
    const GazeEyeModel& m = r.model.eye(e);
    if (!m.valid) {
      line("eye", std::to_string(e) + " invalid");
      continue;
    }
    line("eye", std::to_string(e));
    const GazeFeatureFrame& f = m.frame;
    line("eye_frame",
         nums({f.meanU, f.meanV, f.scaleU, f.scaleV, f.sphereRatio, f.headTerms ? 1.0 : 0.0}));
    line("eye_head_mean",
         nums({f.headMean[0], f.headMean[1], f.headMean[2], f.headMean[3], f.headMean[4]}));
    if (f.rollTerm)
      line("eye_roll", nums({f.rollMean, f.rollCentreX, f.rollCentreY}));
    line("eye_coef_x", row(m.coefX));
    line("eye_coef_y", row(m.coefY));
    line("eye_range", nums({m.minU, m.maxU, m.minV, m.maxV}));
    line("eye_fit", nums({m.residualPx, static_cast<double>(m.points), m.lambda}));
    const GazeAppearanceY& a = m.appearanceY;
    const bool fitted = a.heldOutAppearancePx > 0;
    line("eye_y",
         std::string(a.used ? "appearance " : "pupil ") +
             (fitted ? nums({a.heldOutPupilPx, a.heldOutAppearancePx}) : nums({a.heldOutPupilPx})));
    if (fitted) {
      line("eye_appearance", nums({a.scale, a.lambda, a.minY, a.maxY}));
      line("eye_appearance_mean", join(a.mean));
      line("eye_appearance_coef", join(a.coef));
      if (a.spanResidual > 0) {
        std::array<double, 1 + kAppearanceSpanDims * protocol::kAppearanceCells> v{};
        v[0] = a.spanResidual;
        for (std::size_t d = 0; d < kAppearanceSpanDims; ++d)
          std::copy(a.span[d].begin(), a.span[d].end(),
                    v.begin() + static_cast<std::ptrdiff_t>(1 + d * protocol::kAppearanceCells));
        line("eye_appearance_span", join(v));
      }
    }
  }
  const CalibrationSessionStats& st = r.report.stats;
  line("stats", nums({static_cast<double>(st.samples), st.trackedFraction, st.closedFraction,
                      st.movingFraction, st.eyeSeen[0], st.eyeSeen[1], st.headMotionMm,
                      st.headRotationDeg, st.eyeDistancePx, static_cast<double>(st.imageWidth)}));
  for (const CalibrationReportPoint& p : r.report.points) {
    line("point", std::string(p.kind == ReportPointKind::kCalibration ? "cal " : "val ") +
                      nums({static_cast<double>(p.index), p.targetX, p.targetY,
                            p.measured ? 1.0 : 0.0, p.estimateX, p.estimateY, p.errorPx, p.errorDeg,
                            p.precisionDeg, p.heldOutDeg, p.rejected ? 1.0 : 0.0,
                            static_cast<double>(p.samples), static_cast<double>(p.refused)}) +
                      " " + oneLine(p.name));
  }
  for (const CalibrationAdvice& a : r.report.advice) {
    std::string_view kind = "recalibrate";
    for (const auto& [k, n] : kAdviceNames)
      if (k == a.kind)
        kind = n;
    line("advice", std::string(kind) + " " + std::to_string(a.point) + " " + oneLine(a.text));
  }
  char crc[16];
  std::snprintf(crc, sizeof crc, "%08x", static_cast<unsigned>(crcOf(s)));
  line("crc32", crc);
  return s;
}

namespace {

// Parser state for one file.
class Parser {
 public:
  Parser(const std::string& file, std::vector<CalibrationProblem>& problems)
      : file_(file), problems_(problems) {}

  void fail(int line, std::string message) {
    problems_.push_back({file_, line, std::move(message)});
    ok_ = false;
  }
  bool ok() const { return ok_; }

  // Reads exactly `out.size()` finite numbers from `rest`.
  bool numbers(int line, std::string_view key, std::string_view rest, std::span<double> out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      const std::string_view tok = nextToken(rest);
      if (tok.empty()) {
        fail(line, std::string(key) + " needs " + std::to_string(out.size()) + " numbers, found " +
                       std::to_string(i));
        return false;
      }
      double v = 0;
      const auto r = std::from_chars(tok.data(), tok.data() + tok.size(), v);
      if (r.ec != std::errc() || r.ptr != tok.data() + tok.size() || !std::isfinite(v)) {
        fail(line, std::string(key) + ": '" + std::string(tok) + "' is not a finite number");
        return false;
      }
      out[i] = v;
    }
    if (!trim(rest).empty()) {
      fail(line, std::string(key) + " has more than " + std::to_string(out.size()) + " numbers");
      return false;
    }
    return true;
  }

 private:
  const std::string& file_;
  std::vector<CalibrationProblem>& problems_;
  bool ok_ = true;
};

// The y cue's keys of one valid eye against the file's format version.
void checkEyeY(Parser& p, int version, int eye, const std::map<std::string, int, std::less<>>& keys,
               const GazeAppearanceY& a) {
  static constexpr std::string_view kAppearanceKeys[] = {"eye_appearance", "eye_appearance_mean",
                                                         "eye_appearance_coef"};
  const std::string name = "eye " + std::to_string(eye);
  if (version == 1) {
    for (const auto& [key, line] : keys)
      if (key == "eye_y" || key.rfind("eye_appearance", 0) == 0)
        p.fail(line, "'" + key + "' needs format 'drishti-calibration 2'");
    return;
  }
  const auto y = keys.find("eye_y");
  if (y == keys.end()) {
    if (version == 2)
      p.fail(keys.at("eye"), name + " is missing 'eye_y'");
    return;
  }
  const bool fitted = a.heldOutAppearancePx > 0;
  for (std::string_view k : kAppearanceKeys) {
    const auto it = keys.find(k);
    if (fitted && it == keys.end())
      p.fail(y->second, name + " is missing '" + std::string(k) + "'");
    else if (!fitted && it != keys.end())
      p.fail(it->second,
             "'" + std::string(k) + "' for an appearance that eye_y says was not fitted");
  }
  // Optional: a file without it has no drift check.
  if (const auto it = keys.find("eye_appearance_span"); !fitted && it != keys.end())
    p.fail(it->second, "'eye_appearance_span' for an appearance that eye_y says was not fitted");
}

// A finite number as an int, clamped: the value is range-checked after it is
// stored, and converting a double outside int's range is undefined behaviour.
int toInt(double v) {
  return static_cast<int>(std::clamp(v, -2147483648.0, 2147483647.0));
}

bool isFlag(double v) {
  return v == 0.0 || v == 1.0;
}
bool isCount(double v) {
  return v >= 0 && v <= 1e9 && v == std::floor(v);
}

// The keys this build reads: at the top level, and inside an eye's block.
constexpr std::string_view kTopKeys[] = {"format",  "profile", "created",     "screen",
                                         "pattern", "grade",   "gaze_params", "eye",
                                         "stats",   "point",   "advice",      "crc32"};
constexpr std::string_view kEyeBlockKeys[] = {"eye_frame",
                                              "eye_head_mean",
                                              "eye_roll",
                                              "eye_coef_x",
                                              "eye_coef_y",
                                              "eye_range",
                                              "eye_fit",
                                              "eye_y",
                                              "eye_appearance",
                                              "eye_appearance_mean",
                                              "eye_appearance_coef",
                                              "eye_appearance_span"};

bool knownKey(std::string_view key) {
  return std::find(std::begin(kTopKeys), std::end(kTopKeys), key) != std::end(kTopKeys) ||
         std::find(std::begin(kEyeBlockKeys), std::end(kEyeBlockKeys), key) !=
             std::end(kEyeBlockKeys);
}

// The version N of "drishti-calibration N" (N a whole number from 1, no
// leading zero), or 0.
int formatVersionOf(std::string_view value) {
  if (value.substr(0, kFormatPrefix.size()) != kFormatPrefix)
    return 0;
  return wholeVersion(value.substr(kFormatPrefix.size()));
}

// Spelled like an advice kind: lower case letters, digits and '-'.
bool adviceKindLike(std::string_view kind) {
  return !kind.empty() && kind.size() <= 40 && std::all_of(kind.begin(), kind.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

std::optional<CalibrationRecord> parseCalibration(std::string_view text,
                                                  const std::string& fileName,
                                                  std::vector<CalibrationProblem>& problems,
                                                  std::vector<CalibrationProblem>* warnings) {
  std::vector<CalibrationProblem> skipped;  // given to `warnings` only if the file is kept
  Parser p(fileName, problems);
  CalibrationRecord rec;
  std::map<std::string, int, std::less<>> seen;  // key -> first line (keys that must be unique)
  std::array<GazeEyeModel, 2> eyes{};
  GazeModelParams gazeParams;
  int currentEye = -1;
  std::array<std::map<std::string, int, std::less<>>, 2> eyeKeys;
  bool crcSeen = false;
  int version = 0;     // of the format line, once read
  bool newer = false;  // the format line names a version newer than this build reads
  auto skipUnknown = [&](int line, const std::string& key) {
    skipped.push_back({fileName, line,
                       "unknown key '" + key +
                           "' (written by a newer drishti?): skipped, the calibration is kept"});
  };
  int lineNo = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t lineStart = pos;
    const std::size_t end = text.find('\n', pos);
    const std::string_view raw =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++lineNo;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#')
      continue;
    if (crcSeen) {
      p.fail(lineNo, "text after the crc32 line");
      break;
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      p.fail(lineNo, "expected 'key = value'");
      continue;
    }
    const std::string key(trim(line.substr(0, eq)));
    std::string_view value = trim(line.substr(eq + 1));
    if (!knownKey(key)) {
      // Within one format version a newer drishti may add keys that an older
      // one can do without (host/data/README.md, "Calibration files").
      if (keyLike(key))
        skipUnknown(lineNo, key);
      else
        p.fail(lineNo,
               "expected a key of a-z, 0-9 and '_' before '=', found '" + oneLine(key) + "'");
      continue;
    }
    const bool repeatable = key == "point" || key == "advice" || key == "eye";
    const bool eyeKey = key.rfind("eye_", 0) == 0;
    if (!repeatable && !eyeKey) {
      if (auto it = seen.find(key); it != seen.end()) {
        p.fail(lineNo,
               "'" + key + "' given twice (first on line " + std::to_string(it->second) + ")");
        continue;
      }
      seen.emplace(key, lineNo);
    }
    if (key == "crc32") {
      crcSeen = true;
      char expect[16];
      std::snprintf(expect, sizeof expect, "%08x",
                    static_cast<unsigned>(crcOf(text.substr(0, lineStart))));
      if (value != expect)
        p.fail(lineNo, "checksum mismatch: the file was changed or damaged");
    } else if (key == "format") {
      const int v = formatVersionOf(value);
      if (v > kFormatVersion) {
        // Its keys may mean what this build would misread: nothing more is read.
        p.fail(lineNo, newerVersionMessage(v, kFormatVersion));
        problems.back().newerVersion = true;
        newer = true;
        break;
      }
      if (v >= 1)
        version = v;
      else
        p.fail(lineNo, "unknown format '" + oneLine(value) + "' (expected '" +
                           std::string(kFormatPrefix) + "N', N from 1 to " +
                           std::to_string(kFormatVersion) + ")");
    } else if (key == "profile") {
      rec.profile = std::string(value);
    } else if (key == "created") {
      rec.created = std::string(value);
    } else if (key == "screen") {
      double v[5];
      if (p.numbers(lineNo, key, value, v)) {
        CalibrationGeometry& g = rec.report.geometry;
        if (!isCount(v[0]) || !isCount(v[1]) || v[0] > 65535 || v[1] > 65535) {
          p.fail(lineNo, "screen size in px must be whole numbers up to 65535");
        } else {
          g = {toInt(v[0]), toInt(v[1]), v[2], v[3], v[4]};
          if (!g.valid())
            p.fail(lineNo, "screen: sizes must be positive and the distance at least 100 mm");
        }
      }
    } else if (key == "pattern") {
      int n = 0;
      const auto r = std::from_chars(value.data(), value.data() + value.size(), n);
      if (r.ec != std::errc() || r.ptr != value.data() + value.size() ||
          !patternKindFromCount(n, rec.report.pattern))
        p.fail(lineNo, "pattern must be 5, 9 or 13");
    } else if (key == "grade") {
      if (!gradeFromName(std::string(value), rec.report.grade))
        p.fail(lineNo, "grade must be good, fair, poor or failed");
    } else if (key == "gaze_params") {
      double v[3];
      if (p.numbers(lineNo, key, value, v)) {
        gazeParams.minEyeConfidence = static_cast<float>(v[0]);
        gazeParams.minOpenness = static_cast<float>(v[1]);
        gazeParams.extrapolationMargin = v[2];
        if (v[0] < 0 || v[0] > 1 || v[1] < 0 || v[1] > 1 || v[2] < 0 || v[2] > 10)
          p.fail(lineNo, "gaze_params out of range");
      }
    } else if (key == "eye") {
      const std::string_view idx = nextToken(value);
      const std::string_view flag = nextToken(value);
      if ((idx != "0" && idx != "1") || (!flag.empty() && flag != "invalid") ||
          !trim(value).empty()) {
        p.fail(lineNo, "expected 'eye = 0' or 'eye = 1', optionally followed by 'invalid'");
        currentEye = -1;
        continue;
      }
      currentEye = idx == "0" ? 0 : 1;
      if (eyeKeys[static_cast<std::size_t>(currentEye)].count("eye")) {
        p.fail(lineNo, "eye " + std::string(idx) + " given twice");
        continue;
      }
      eyeKeys[static_cast<std::size_t>(currentEye)]["eye"] = lineNo;
      eyes[static_cast<std::size_t>(currentEye)].valid = flag.empty();
    } else if (eyeKey) {
      if (currentEye < 0 || !eyes[static_cast<std::size_t>(currentEye)].valid) {
        p.fail(lineNo, "'" + key + "' outside the block of a valid 'eye = 0|1'");
        continue;
      }
      auto& keys = eyeKeys[static_cast<std::size_t>(currentEye)];
      if (keys.count(key)) {
        p.fail(lineNo, "'" + key + "' given twice for eye " + std::to_string(currentEye));
        continue;
      }
      keys[key] = lineNo;
      GazeEyeModel& m = eyes[static_cast<std::size_t>(currentEye)];
      if (key == "eye_frame") {
        double v[6];
        if (p.numbers(lineNo, key, value, v)) {
          m.frame.meanU = v[0];
          m.frame.meanV = v[1];
          m.frame.scaleU = v[2];
          m.frame.scaleV = v[3];
          m.frame.sphereRatio = v[4];
          m.frame.headTerms = v[5] == 1.0;
          if (!(v[2] > 0) || !(v[3] > 0) || v[4] < 0 || v[4] > 10 || !isFlag(v[5]))
            p.fail(lineNo, "eye_frame: scales must be positive, sphere ratio 0..10, head 0 or 1");
        }
      } else if (key == "eye_head_mean") {
        p.numbers(lineNo, key, value, m.frame.headMean);
      } else if (key == "eye_roll") {
        double v[3];
        if (p.numbers(lineNo, key, value, v)) {
          m.frame.rollTerm = true;
          m.frame.rollMean = v[0];
          m.frame.rollCentreX = v[1];
          m.frame.rollCentreY = v[2];
          if (std::abs(v[0]) > 90)
            p.fail(lineNo, "eye_roll: mean roll must be within +-90 degrees");
        }
      } else if (key == "eye_coef_x") {
        p.numbers(lineNo, key, value, m.coefX);
      } else if (key == "eye_coef_y") {
        p.numbers(lineNo, key, value, m.coefY);
      } else if (key == "eye_range") {
        double v[4];
        if (p.numbers(lineNo, key, value, v)) {
          m.minU = v[0];
          m.maxU = v[1];
          m.minV = v[2];
          m.maxV = v[3];
          if (v[0] > v[1] || v[2] > v[3])
            p.fail(lineNo, "eye_range: minimum above maximum");
        }
      } else if (key == "eye_fit") {
        double v[3];
        if (p.numbers(lineNo, key, value, v)) {
          m.residualPx = v[0];
          m.points = toInt(v[1]);
          m.lambda = v[2];
          if (v[0] < 0 || !isCount(v[1]) || v[1] < 3 || v[2] < 0)
            p.fail(lineNo, "eye_fit: residual and lambda must be >= 0, points >= 3");
        }
      } else if (key == "eye_y") {
        const std::string_view cue = nextToken(value);
        if (cue != "pupil" && cue != "appearance") {
          p.fail(lineNo, "eye_y must start with 'pupil' or 'appearance'");
          continue;
        }
        m.appearanceY.used = cue == "appearance";
        std::string_view rest = value;
        nextToken(rest);
        const bool fitted = !nextToken(rest).empty();
        double v[2] = {0, 0};
        if (!p.numbers(lineNo, key, value, std::span<double>(v, fitted ? 2 : 1)))
          continue;
        m.appearanceY.heldOutPupilPx = v[0];
        m.appearanceY.heldOutAppearancePx = v[1];
        if (v[0] < 0 || (fitted && !(v[1] > 0)))
          p.fail(lineNo, "eye_y: held-out errors must be >= 0 (the appearance's > 0)");
        else if (m.appearanceY.used && !fitted)
          p.fail(lineNo, "eye_y: 'appearance' needs the appearance's held-out error");
      } else if (key == "eye_appearance") {
        double v[4];
        if (p.numbers(lineNo, key, value, v)) {
          m.appearanceY.scale = v[0];
          m.appearanceY.lambda = v[1];
          m.appearanceY.minY = v[2];
          m.appearanceY.maxY = v[3];
          if (!(v[0] > 0) || v[1] < 0 || v[2] > v[3])
            p.fail(lineNo, "eye_appearance: scale must be > 0, lambda >= 0, minY <= maxY");
        }
      } else if (key == "eye_appearance_mean") {
        p.numbers(lineNo, key, value, m.appearanceY.mean);
      } else if (key == "eye_appearance_coef") {
        p.numbers(lineNo, key, value, m.appearanceY.coef);
      } else if (key == "eye_appearance_span") {
        std::array<double, 1 + kAppearanceSpanDims * protocol::kAppearanceCells> v{};
        if (p.numbers(lineNo, key, value, v)) {
          if (!(v[0] > 0)) {
            p.fail(lineNo, "eye_appearance_span: the span residual must be > 0");
          } else {
            m.appearanceY.spanResidual = v[0];
            for (std::size_t d = 0; d < kAppearanceSpanDims; ++d)
              std::copy_n(
                  v.begin() + static_cast<std::ptrdiff_t>(1 + d * protocol::kAppearanceCells),
                  protocol::kAppearanceCells, m.appearanceY.span[d].begin());
          }
        }
      } else {
        skipUnknown(lineNo, key);  // not reached while kEyeBlockKeys lists every key read above
      }
    } else if (key == "stats") {
      double v[10];
      if (p.numbers(lineNo, key, value, v)) {
        CalibrationSessionStats& st = rec.report.stats;
        st.samples = toInt(v[0]);
        st.trackedFraction = v[1];
        st.closedFraction = v[2];
        st.movingFraction = v[3];
        st.eyeSeen[0] = v[4];
        st.eyeSeen[1] = v[5];
        st.headMotionMm = v[6];
        st.headRotationDeg = v[7];
        st.eyeDistancePx = v[8];
        st.imageWidth = toInt(v[9]);
        bool fractions = true;
        for (int k = 1; k <= 5; ++k)
          fractions = fractions && v[k] >= 0 && v[k] <= 1;
        if (!isCount(v[0]) || !fractions || v[6] < 0 || v[7] < 0 || v[8] < 0 || !isCount(v[9]))
          p.fail(lineNo, "stats out of range");
      }
    } else if (key == "point") {
      const std::string_view kind = nextToken(value);
      if (kind != "cal" && kind != "val") {
        p.fail(lineNo, "point must start with 'cal' or 'val'");
        continue;
      }
      // 13 numbers, then the name (the rest of the line).
      std::string_view rest = value;
      std::string_view numbersPart = rest;
      for (int k = 0; k < 13; ++k)
        nextToken(rest);
      numbersPart = numbersPart.substr(0, numbersPart.size() - rest.size());
      double v[13];
      if (!p.numbers(lineNo, key, numbersPart, v))
        continue;
      CalibrationReportPoint pt;
      pt.kind = kind == "cal" ? ReportPointKind::kCalibration : ReportPointKind::kValidation;
      pt.index = toInt(v[0]);
      pt.targetX = v[1];
      pt.targetY = v[2];
      pt.measured = v[3] == 1.0;
      pt.estimateX = v[4];
      pt.estimateY = v[5];
      pt.errorPx = v[6];
      pt.errorDeg = v[7];
      pt.precisionDeg = v[8];
      pt.heldOutDeg = v[9];
      pt.rejected = v[10] == 1.0;
      pt.samples = toInt(v[11]);
      pt.refused = toInt(v[12]);
      pt.name = std::string(trim(rest));
      if (!isCount(v[0]) || v[0] > 63 || !isFlag(v[3]) || !isFlag(v[10]) || !isCount(v[11]) ||
          !isCount(v[12]) || v[6] < 0 || v[7] < 0 || v[8] < 0 || v[9] < 0) {
        p.fail(lineNo, "point values out of range");
        continue;
      }
      rec.report.points.push_back(std::move(pt));
    } else if (key == "advice") {
      const std::string_view kind = nextToken(value);
      const std::string_view point = nextToken(value);
      CalibrationAdvice a;
      bool known = false;
      for (const auto& [k, n] : kAdviceNames)
        if (n == kind) {
          a.kind = k;
          known = true;
        }
      const auto r = std::from_chars(point.data(), point.data() + point.size(), a.point);
      if (!adviceKindLike(kind) || r.ec != std::errc() || r.ptr != point.data() + point.size() ||
          a.point < -1 || a.point > 63) {
        p.fail(lineNo,
               "advice must be '<kind> <point> <text>' with a kind of a-z, 0-9 and '-' "
               "and a point from -1 to 63");
        continue;
      }
      if (!known) {
        skipped.push_back({fileName, lineNo,
                           "advice '" + std::string(kind) +
                               "' is not known to this version of drishti (written by a newer "
                               "one?): skipped, the calibration is kept"});
        continue;
      }
      a.text = std::string(trim(value));
      rec.report.advice.push_back(std::move(a));
    } else {
      skipUnknown(lineNo, key);  // not reached while kTopKeys lists every key read above
    }
  }
  if (newer)
    return std::nullopt;

  if (!crcSeen)
    p.fail(lineNo, "no crc32 line at the end: the file is incomplete");
  for (std::string_view required :
       {"format", "profile", "created", "screen", "pattern", "grade", "gaze_params", "stats"}) {
    if (!seen.count(required))
      p.fail(0, "missing '" + std::string(required) + "'");
  }
  static constexpr std::string_view kEyeKeys[] = {"eye_frame",  "eye_head_mean", "eye_coef_x",
                                                  "eye_coef_y", "eye_range",     "eye_fit"};
  for (int e = 0; e < 2; ++e) {
    const auto& keys = eyeKeys[static_cast<std::size_t>(e)];
    if (!keys.count("eye")) {
      p.fail(0, "missing 'eye = " + std::to_string(e) + "'");
      continue;
    }
    if (!eyes[static_cast<std::size_t>(e)].valid)
      continue;
    for (std::string_view k : kEyeKeys)
      if (!keys.count(k))
        p.fail(keys.at("eye"), "eye " + std::to_string(e) + " is missing '" + std::string(k) + "'");
    checkEyeY(p, version, e, keys, eyes[static_cast<std::size_t>(e)].appearanceY);
  }
  if (p.ok() && !eyes[0].valid && !eyes[1].valid)
    p.fail(0, "neither eye has a gaze model");
  int calPoints = 0;
  for (const CalibrationReportPoint& pt : rec.report.points)
    calPoints += pt.kind == ReportPointKind::kCalibration ? 1 : 0;
  if (p.ok() && calPoints != static_cast<int>(rec.report.pattern))
    p.fail(0, "the file has " + std::to_string(calPoints) + " calibration points for a " +
                  std::to_string(static_cast<int>(rec.report.pattern)) + "-point pattern");
  if (!p.ok())
    return std::nullopt;
  if (warnings)
    warnings->insert(warnings->end(), skipped.begin(), skipped.end());
  rec.model = GazeModel(rec.report.geometry, eyes[0], eyes[1], gazeParams);
  for (std::size_t e = 0; e < 2; ++e) {
    const GazeAppearanceY& a = eyes[e].appearanceY;
    rec.report.yCue[e] =
        yCueOf(rec.report.geometry, eyes[e].valid, a.used, a.heldOutPupilPx, a.heldOutAppearancePx);
  }
  summariseCalibration(rec.report);
  return rec;
}

}  // namespace drishti::host
