#include "host/core/input_script.h"

#include <charconv>
#include <cmath>

#include "host/core/line_lexer.h"

namespace drishti::host {
namespace {

bool number(const std::string& s, double lo, double hi, double& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out) && out >= lo &&
         out <= hi;
}

constexpr double kMaxMs = 7 * 24 * 3600 * 1000.0;  // a week: longer is surely a typo
constexpr double kMaxPx = 100000;

}  // namespace

InputScript parseInputScript(std::string_view text, std::string_view fileName) {
  InputScript script;
  LineLexer lexer(text);
  const std::string file(fileName);
  double rateHz = 30;
  std::int64_t nowUs = 0;
  bool first = true;
  const auto msToUs = [](double ms) {
    return static_cast<std::int64_t>(std::llround(ms * 1000.0));
  };
  while (lexer.next()) {
    const int line = lexer.lineNumber();
    const auto fail = [&](std::string message) {
      script.problems.push_back({file, line, std::move(message)});
    };
    if (!lexer.error().empty()) {
      fail(lexer.error());
      continue;
    }
    const auto& t = lexer.tokens();
    const std::string& kw = t[0].text;
    const std::size_t n = t.size();
    const bool wasFirst = first;
    first = false;
    InputEvent e;
    e.tUs = nowUs;
    double a = 0, b = 0, c = 0;
    if (kw == "drishti-script") {
      if (!wasFirst || n != 2 || t[1].text != "1")
        fail("'drishti-script 1' may only be the first line");
    } else if (kw == "rate") {
      if (n != 2 || !number(t[1].text, 1, 1000, rateHz))
        fail("rate takes samples per second, 1 to 1000");
    } else if (kw == "wait") {
      if (n != 2 || !number(t[1].text, 0, kMaxMs, a))
        fail("wait takes a time in ms, e.g. wait 500");
      else
        nowUs += msToUs(a);
    } else if (kw == "at") {
      if (n != 2 || !number(t[1].text, 0, kMaxMs, a))
        fail("at takes a time in ms from the start, e.g. at 1500");
      else if (msToUs(a) < nowUs)
        fail("at " + t[1].text + " would move the clock backwards (it is at " +
             std::to_string(nowUs / 1000) + " ms)");
      else
        nowUs = msToUs(a);
    } else if (kw == "gaze") {
      if ((n != 3 && n != 4) || !number(t[1].text, -kMaxPx, kMaxPx, a) ||
          !number(t[2].text, -kMaxPx, kMaxPx, b) || (n == 4 && !number(t[3].text, 0, 1, c))) {
        fail("gaze takes x and y in px and an optional confidence 0..1, e.g. gaze 640 400");
      } else {
        e.kind = InputKind::kGaze;
        e.x = static_cast<float>(a);
        e.y = static_cast<float>(b);
        e.confidence = n == 4 ? static_cast<float>(c) : 1.0F;
        script.events.push_back(e);
      }
    } else if (kw == "look") {
      if (n != 4 || !number(t[1].text, -kMaxPx, kMaxPx, a) ||
          !number(t[2].text, -kMaxPx, kMaxPx, b) || !number(t[3].text, 0, kMaxMs, c)) {
        fail("look takes x and y in px and a time in ms, e.g. look 640 400 1200");
      } else {
        e.kind = InputKind::kGaze;
        e.x = static_cast<float>(a);
        e.y = static_cast<float>(b);
        const std::int64_t endUs = nowUs + msToUs(c);
        const double periodUs = 1e6 / rateHz;
        for (std::int64_t k = 0;; ++k) {
          const std::int64_t ts = nowUs + static_cast<std::int64_t>(std::llround(k * periodUs));
          if (ts >= endUs && k > 0)
            break;
          e.tUs = ts;
          script.events.push_back(e);
        }
        nowUs = endUs;
      }
    } else if (kw == "gaze-lost") {
      if (n != 1)
        fail("gaze-lost takes nothing after it");
      e.kind = InputKind::kGazeLost;
      script.events.push_back(e);
    } else if (kw == "blink") {
      if (n < 2 || n > 3 || !number(t[1].text, 1, 60000, a)) {
        fail("blink takes its duration in ms and optionally both, left or right, e.g. blink 300");
        continue;
      }
      e.kind = InputKind::kBlink;
      if (n == 3) {
        if (t[2].text == "left")
          e.eyes = BlinkEyes::kLeft;
        else if (t[2].text == "right")
          e.eyes = BlinkEyes::kRight;
        else if (t[2].text != "both")
          fail("blink eyes must be both, left or right, not '" + t[2].text + "'");
      }
      InputEvent closed;
      closed.tUs = nowUs;
      closed.kind = InputKind::kGazeLost;
      script.events.push_back(closed);
      e.durationMs = static_cast<std::uint32_t>(std::llround(a));
      nowUs += msToUs(a);
      e.tUs = nowUs;
      script.events.push_back(e);
    } else if (kw == "switch") {
      if (n != 3 || (t[1].text != "down" && t[1].text != "up") || !number(t[2].text, 0, 255, a) ||
          a != std::floor(a)) {
        fail("switch takes down or up and a switch number 0-255, e.g. switch down 0");
      } else {
        e.kind = t[1].text == "down" ? InputKind::kSwitchDown : InputKind::kSwitchUp;
        e.switchId = static_cast<std::uint8_t>(a);
        script.events.push_back(e);
      }
    } else if (kw == "press") {
      b = 100;
      if (n < 2 || n > 3 || !number(t[1].text, 0, 255, a) || a != std::floor(a) ||
          (n == 3 && !number(t[2].text, 0, kMaxMs, b))) {
        fail("press takes a switch number and an optional hold time in ms, e.g. press 0 150");
      } else {
        e.kind = InputKind::kSwitchDown;
        e.switchId = static_cast<std::uint8_t>(a);
        script.events.push_back(e);
        nowUs += msToUs(b);
        e.kind = InputKind::kSwitchUp;
        e.tUs = nowUs;
        script.events.push_back(e);
      }
    } else if (kw == "lost") {
      e.kind = InputKind::kTrackingLost;
      if (n == 2 && t[1].text == "camera")
        e.loss = TrackingLoss::kCamera;
      else if (n == 2 && t[1].text == "tracker")
        e.loss = TrackingLoss::kTracker;
      else if (n != 1 && !(n == 2 && t[1].text == "eyes"))
        fail("lost takes nothing, or eyes, camera or tracker");
      script.events.push_back(e);
    } else if (kw == "back") {
      if (n != 1)
        fail("back takes nothing after it");
      e.kind = InputKind::kTrackingBack;
      script.events.push_back(e);
    } else {
      fail("unknown command '" + kw +
           "' (known: rate wait at gaze look gaze-lost blink switch press lost back)");
    }
  }
  script.endUs = nowUs;
  if (!script.problems.empty())
    script.events.clear();
  return script;
}

}  // namespace drishti::host
