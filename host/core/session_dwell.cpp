// HostSession: the targets the access method is given, with the dwell
// times of likely next letters shortened (dwell.likely_ms).
#include <string>

#include "host/core/host_session.h"
#include "host/core/letter_predictor.h"

namespace drishti::host {

bool HostSession::likelyDwell() const {
  const DwellParams& d = profile_.access.dwell;
  return methodKind_ == MethodKind::kDwell && d.likelyMs > 0 && d.likelyLetters > 0 &&
         predictionSlots() > 0;
}

void HostSession::giveTargets() {
  if (!method_)
    return;
  const std::span<const Target> laid = layout_.targets();
  methodTargets_.assign(laid.begin(), laid.end());
  if (likelyDwell()) {
    // The characters this screen's board keys type, and which key types each.
    std::string typable;
    std::array<int, 256> targetOf;
    targetOf.fill(-1);
    const auto& keys = layout_.keys();
    for (std::size_t i = 0; i < keys.size() && i < methodTargets_.size(); ++i) {
      const ScreenKey& k = keys[i];
      if (k.role != KeyRole::kBoardKey || k.boardKey == nullptr)
        continue;
      const char c = k.boardKey->typedChar();
      if (c != 0 && targetOf[static_cast<unsigned char>(c)] < 0) {
        targetOf[static_cast<unsigned char>(c)] = static_cast<int>(i);
        typable.push_back(c);
      }
    }
    const Vocabulary* base = baseVocabulary();
    const DwellParams& d = profile_.access.dwell;
    for (char c : predictLetters(composer_.text(), base, learned_, typable, d.likelyLetters)) {
      Target& t = methodTargets_[static_cast<std::size_t>(targetOf[static_cast<unsigned char>(c)])];
      const std::uint32_t own = t.dwellMs != 0 ? t.dwellMs : d.dwellMs;
      t.dwellMs = std::min(own, d.likelyMs);
    }
  }
  method_->setTargets(methodTargets_, nowUs_);
}

}  // namespace drishti::host
