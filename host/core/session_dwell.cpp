// HostSession: the targets the access method is given, with the dwell
// times of likely next letters shortened (dwell.likely_ms), or every typing
// key's set from its next-letter chance with the cascade (dwell.cascade_ms),
// the predicted words' (dwell.word_ms), the commands' lengthened
// (dwell.command_ms), the keys that change the message lengthened after it
// was spoken (dwell.spoken_ms), and the board keys' next-letter chances for
// key-target resizing (dwell.resize).
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "host/core/host_session.h"
#include "host/core/letter_predictor.h"

namespace drishti::host {

namespace {

// The characters the board keys among the first `targets` screen keys type,
// each once, and the first key (target index) that types each.
struct TypableKeys {
  std::string chars;
  std::array<int, 256> targetOf;
};

// With `space`, the first Space command types ' ' when no board key does
// (the text bar's Space on en-abc).
TypableKeys typableKeys(const std::vector<ScreenKey>& keys, std::size_t targets,
                        bool space = false) {
  TypableKeys out;
  out.targetOf.fill(-1);
  int spaceKey = -1;
  for (std::size_t i = 0; i < keys.size() && i < targets; ++i) {
    const ScreenKey& k = keys[i];
    if (k.role == KeyRole::kCommand && k.action == KeyAction::kSpace && spaceKey < 0)
      spaceKey = static_cast<int>(i);
    if (k.role != KeyRole::kBoardKey || k.boardKey == nullptr)
      continue;
    const char c = k.boardKey->typedChar();
    if (c != 0 && out.targetOf[static_cast<unsigned char>(c)] < 0) {
      out.targetOf[static_cast<unsigned char>(c)] = static_cast<int>(i);
      out.chars.push_back(c);
    }
  }
  if (space && spaceKey >= 0 && out.targetOf[static_cast<unsigned char>(' ')] < 0) {
    out.targetOf[static_cast<unsigned char>(' ')] = spaceKey;
    out.chars.push_back(' ');
  }
  return out;
}

// A target's dwell before the session adjusts it: its own, else the profile's.
std::uint32_t ownDwellMs(const Target& t, const DwellParams& d) {
  return t.dwellMs != 0 ? t.dwellMs : d.dwellMs;
}

// Commands that neither type nor delete (dwell.command_ms applies to them).
bool isCommand(const ScreenKey& k) {
  return k.role == KeyRole::kCommand && k.action != KeyAction::kSpace &&
         k.action != KeyAction::kBackspace;
}

// Keys that change the message: letters (and the other inserting board
// keys), Space, Delete, predicted words and letters (dwell.spoken_ms).
bool changesMessage(const ScreenKey& k) {
  switch (k.role) {
    case KeyRole::kBoardKey:
      return k.action == KeyAction::kInsert || k.action == KeyAction::kSpace ||
             k.action == KeyAction::kBackspace;
    case KeyRole::kCommand:
      return k.action == KeyAction::kSpace || k.action == KeyAction::kBackspace;
    case KeyRole::kPrediction:
    case KeyRole::kLetter:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool HostSession::resizeKeys() const {
  return methodKind_ == MethodKind::kDwell && profile_.access.dwell.resize && !correcting_ &&
         baseVocabulary() != nullptr;
}

bool HostSession::likelyDwell() const {
  const DwellParams& d = profile_.access.dwell;
  return methodKind_ == MethodKind::kDwell && d.likelyMs > 0 && d.likelyLetters > 0 &&
         predictionSlots() > 0 && !cascadeDwell();
}

bool HostSession::cascadeDwell() const {
  return methodKind_ == MethodKind::kDwell && profile_.access.dwell.cascadeMs > 0 &&
         baseVocabulary() != nullptr;
}

std::uint32_t HostSession::cascadeFloorMs() const {
  const DwellParams& d = profile_.access.dwell;
  if (!cascadeDwell())
    return d.dwellMs;
  const std::uint32_t lowest = std::min(d.cascadeMs, d.dwellMs);
  return d.dwellMs - std::min(cascadeDropMs_, d.dwellMs - lowest);
}

void HostSession::cascadeOnSelect(const ScreenKey& key) {
  const DwellParams& d = profile_.access.dwell;
  lastSelectionUs_ = nowUs_;
  if (!cascadeDwell())
    return;
  const std::uint32_t span = d.dwellMs - std::min(d.cascadeMs, d.dwellMs);
  if (key.action == KeyAction::kBackspace)  // a correction: slower again
    cascadeDropMs_ -= std::min(cascadeDropMs_, d.cascadeBackMs);
  else if (key.role == KeyRole::kPrediction || key.action == KeyAction::kSpace ||
           (key.role == KeyRole::kBoardKey && key.action == KeyAction::kInsert))
    cascadeDropMs_ = std::min(span, cascadeDropMs_ + d.cascadeStepMs);  // typing on
  // Commands, phrases and navigation leave the floor where it is.
}

void HostSession::cascadeOnTime() {
  if (cascadeDropMs_ == 0 ||
      nowUs_ - lastSelectionUs_ <
          static_cast<std::int64_t>(profile_.access.dwell.cascadePauseMs) * 1000)
    return;
  // A pause: the person reads or rests, and meets the full dwell. Only the
  // times change: a dwell under way (on a predicted word, say) is not restarted.
  cascadeDropMs_ = 0;
  if (method_) {
    setMethodTargets();
    method_->retime(methodTargets_, nowUs_);
  }
}

std::uint32_t HostSession::dwellMsOf(int target) const {
  if (target < 0 || static_cast<std::size_t>(target) >= methodTargets_.size())
    return 0;
  return ownDwellMs(methodTargets_[static_cast<std::size_t>(target)], profile_.access.dwell);
}

void HostSession::giveTargets() {
  if (!method_)
    return;
  setMethodTargets();
  method_->setTargets(methodTargets_, nowUs_);
}

void HostSession::setMethodTargets() {
  const std::span<const Target> laid = layout_.targets();
  methodTargets_.assign(laid.begin(), laid.end());
  const DwellParams& dp = profile_.access.dwell;
  if (methodKind_ == MethodKind::kDwell && (dp.wordMs > 0 || dp.commandMs > 0)) {
    // Shorter on the predicted words, longer on the commands.
    const auto& keys = layout_.keys();
    for (std::size_t i = 0; i < keys.size() && i < methodTargets_.size(); ++i) {
      Target& t = methodTargets_[i];
      if (dp.wordMs > 0 && keys[i].role == KeyRole::kPrediction)
        t.dwellMs = std::min(ownDwellMs(t, dp), dp.wordMs);
      else if (dp.commandMs > 0 && isCommand(keys[i]))
        t.dwellMs = std::max(ownDwellMs(t, dp), dp.commandMs);
    }
  }
  if (resizeKeys()) {
    const TypableKeys typable = typableKeys(layout_.keys(), methodTargets_.size());
    std::array<float, 256> chance{};
    letterChances(composer_.text(), baseVocabulary(), learned_, typable.chars, chance);
    for (char c : typable.chars)
      methodTargets_[static_cast<std::size_t>(typable.targetOf[static_cast<unsigned char>(c)])]
          .prior = chance[static_cast<unsigned char>(c)];
  }
  if (likelyDwell()) {
    const TypableKeys typable = typableKeys(layout_.keys(), methodTargets_.size());
    const Vocabulary* base = baseVocabulary();
    const DwellParams& d = profile_.access.dwell;
    for (char c :
         predictLetters(composer_.text(), base, learned_, typable.chars, d.likelyLetters)) {
      Target& t =
          methodTargets_[static_cast<std::size_t>(typable.targetOf[static_cast<unsigned char>(c)])];
      t.dwellMs = std::min(ownDwellMs(t, d), d.likelyMs);
    }
  }
  if (cascadeDwell()) {
    // Each typing key's dwell from its chance against the likeliest's.
    const TypableKeys typable = typableKeys(layout_.keys(), methodTargets_.size(), true);
    std::array<float, 256> chance{};
    letterChances(composer_.text(), baseVocabulary(), learned_, typable.chars, chance);
    float top = 0;
    for (char c : typable.chars)
      top = std::max(top, chance[static_cast<unsigned char>(c)]);
    const DwellParams& d = profile_.access.dwell;
    const std::uint32_t floor = cascadeFloorMs();
    for (char c : typable.chars) {
      Target& t =
          methodTargets_[static_cast<std::size_t>(typable.targetOf[static_cast<unsigned char>(c)])];
      const std::uint32_t own = ownDwellMs(t, d);
      const double lo = std::min(floor, own);
      const double hi = std::max(d.cascadeUnlikelyMs != 0 ? d.cascadeUnlikelyMs : d.dwellMs, own);
      const double share = top > 0 ? chance[static_cast<unsigned char>(c)] / top : 0.0;
      t.dwellMs = static_cast<std::uint32_t>(std::lround(hi - (hi - lo) * share));
    }
  }
  if (spoken_ && methodKind_ == MethodKind::kDwell && dp.spokenMs > 0) {
    // The message was just spoken: adding to it needs a long look.
    const auto& keys = layout_.keys();
    for (std::size_t i = 0; i < keys.size() && i < methodTargets_.size(); ++i)
      if (changesMessage(keys[i]))
        methodTargets_[i].dwellMs = std::max(ownDwellMs(methodTargets_[i], dp), dp.spokenMs);
  }
}

}  // namespace drishti::host
