#include "host/app/dwell_planner.h"

#include <cmath>

#include "host/core/board.h"
#include "host/core/screen_layout.h"
#include "host/core/utf8_text.h"

namespace drishti::app {
namespace {

std::string centre(const host::Rect& r) {
  return std::to_string(static_cast<int>(std::lround(r.x + r.w / 2))) + " " +
         std::to_string(static_cast<int>(std::lround(r.y + r.h / 2)));
}

// A point on no target (the message bar, usually), to look at between keys.
bool restingPoint(const host::HostSession& s, const DwellPlan& plan, float& x, float& y) {
  for (float py = 10; py < plan.height; py += 10) {
    for (float px = plan.width / 2; px < plan.width; px += 40) {
      bool onTarget = false;
      for (const host::Target& t : s.targets())
        onTarget = onTarget || t.rect.contains(px, py);
      if (!onTarget) {
        x = px;
        y = py;
        return true;
      }
    }
  }
  return false;
}

// What selecting key `k` would type now, after `typed`; empty if it types nothing.
std::string_view typesText(const host::ScreenKey& k, std::string_view typed) {
  if (k.action == host::KeyAction::kSpace)
    return " ";
  if (k.role != host::KeyRole::kBoardKey || k.action != host::KeyAction::kInsert ||
      k.boardKey == nullptr)
    return {};
  if (!k.boardKey->sign.empty() && host::endsWithIndicConsonant(typed))
    return k.boardKey->sign;
  return k.boardKey->value;
}

}  // namespace

std::string planDwellScript(const host::HostSession& session, std::string_view text,
                            const DwellPlan& plan, std::string& error) {
  float awayX = 0, awayY = 0;
  if (!restingPoint(session, plan, awayX, awayY)) {
    error = "the screen has no spot without a key to rest the gaze on";
    return {};
  }
  const std::string away = "look " + std::to_string(static_cast<int>(awayX)) + " " +
                           std::to_string(static_cast<int>(awayY)) + " " +
                           std::to_string(plan.awayMs) + "\n";
  std::string script = "drishti-script 1\nrate " + std::to_string(plan.rateHz) + "\n" + away;
  std::string typed;
  std::size_t pos = 0;
  while (pos < text.size()) {
    // The key typing the longest piece of what is left (a conjunct key, say,
    // rather than its first letter).
    int best = -1;
    std::size_t bestLength = 0;
    for (std::size_t i = 0; i < session.keys().size(); ++i) {
      const std::string_view types = typesText(session.keys()[i], typed);
      if (!types.empty() && text.substr(pos).starts_with(types) && types.size() > bestLength) {
        best = static_cast<int>(i);
        bestLength = types.size();
      }
    }
    if (best < 0) {
      error = "no key on board '" + (session.board() != nullptr ? session.board()->id : "?") +
              "' types '" + std::string(text.substr(pos, 8)) + "...'";
      return {};
    }
    script += "look " + centre(session.targets()[static_cast<std::size_t>(best)].rect) + " " +
              std::to_string(plan.dwellMs) + "\n" + away;
    typed += text.substr(pos, bestLength);
    pos += bestLength;
  }
  if (plan.speak) {
    int speak = -1;
    for (std::size_t i = 0; i < session.keys().size() && speak < 0; ++i) {
      if (session.keys()[i].action == host::KeyAction::kSpeak &&
          session.keys()[i].role != host::KeyRole::kBoardKey)
        speak = static_cast<int>(i);
    }
    if (speak < 0) {
      error = "no Speak key on this screen";
      return {};
    }
    script += "look " + centre(session.targets()[static_cast<std::size_t>(speak)].rect) + " " +
              std::to_string(plan.dwellMs) + "\n" + away;
  }
  return script;
}

}  // namespace drishti::app
