// HostSession: the words on screen: the status line, and the titles of the
// rest, help and confirmation screens. Rebuilt only when something they
// describe changes, never per frame.
#include <string>

#include "host/core/host_session.h"

namespace drishti::host {
namespace {

std::string secondsText(std::uint32_t ms) {
  const std::uint32_t tenths = (ms + 50) / 100;
  std::string s = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    s += '.';
    s += std::to_string(tenths % 10);
  }
  s += tenths == 10 ? " second" : " seconds";
  return s;
}

}  // namespace

void HostSession::refreshStatus() {
  const SafetyParams& sp = profile_.access.safety;
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
  std::string safety = " ";
  safety += std::to_string(sp.helpBlinks);
  safety += " long blinks: help. ";
  safety += std::to_string(sp.restBlinks);
  safety += " long blinks: rest.";
  title_.clear();
  detail_.clear();
  switch (place_.screen) {
    case ScreenKind::kRest:
      title_ = "Resting";
      detail_ = "To wake up, look at the circle for " + secondsText(sp.wakeDwellMs) +
                ", or close your eyes for " + secondsText(sp.longBlinkMinMs) + ", " +
                std::to_string(sp.restBlinks) + " times.";
      status_ = detail_;
      return;
    case ScreenKind::kHelp:
      title_ = profile_.helpMessage;
      detail_ = "Help has been called. To cancel it, close your eyes for " +
                secondsText(profile_.access.safety.longBlinkMinMs) + ", " +
                std::to_string(profile_.access.safety.helpBlinks) +
                " times, or a caregiver presses Escape.";
      status_ = detail_;
      return;
    case ScreenKind::kConfirmClearHistory:
      title_ = "Delete all saved messages?";
      break;
    default:
      break;
  }
  if (!saveError_.empty()) {
    status_ = "Could not save: " + saveError_;
    return;
  }
  if (!problems_.empty() && (problemsUntilUs_ < 0 || nowUs_ < problemsUntilUs_)) {
    status_ = "Problem: " + problems_.front().describe();
    if (problems_.size() > 1)
      status_ += " (and " + std::to_string(problems_.size() - 1) + " more)";
    return;
  }
  const MethodView v = methodView();
  switch (methodKind_) {
    case MethodKind::kDwell:
      status_ = "Look at a key to choose it.";
      break;
    case MethodKind::kBlink:
      status_ = "Look at a key, then blink slowly to choose it.";
      break;
    case MethodKind::kScan:
      status_ = "Blink when your choice is lit. A longer blink goes back.";
      if (v.stepMs > 0)  // scan.adapt: the therapist sees the step the device chose
        status_ += " Step " + secondsText(v.stepMs) + ".";
      break;
    case MethodKind::kGesture:
      status_ = v.directLooks
                    ? "Look left or right and hold to answer. Look down for more."
                    : "Look left to keep the blue keys, right to keep the orange ones. Look up to "
                      "undo.";
      break;
    case MethodKind::kBlinkCode:
      status_ = v.scanning ? "Blink once to choose what is lit, twice to go back."
                           : "Blink once for yes, twice for no.";
      break;
  }
  if (methodKind_ != profile_.access.method)
    status_ = "Eye pointing is not calibrated yet, so blinks are used: " + status_;
  if (place_.screen == ScreenKind::kBoardsMenu)
    status_ = "Choose a board. " + status_;
  else if (place_.screen == ScreenKind::kRecent)
    status_ = (composer_.recent().empty() ? "No spoken messages yet. "
                                          : "Choose a message to say it again. ") +
              status_;
  status_ += safety;
}

}  // namespace drishti::host
