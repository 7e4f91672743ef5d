#include "host/core/scan_selector.h"

#include <algorithm>

namespace drishti::host {

int ScanSelector::addNode(int begin, int end, int parent) {
  Node n;
  n.begin = begin;
  n.end = end;
  n.parent = parent;
  nodes_.push_back(n);
  return static_cast<int>(nodes_.size()) - 1;
}

// Splits node into children by section (level 0), row (level 1), then single
// targets (level 2), skipping levels the scan mode does not use and levels
// that would give a single child.
void ScanSelector::split(int node, int level) {
  const int begin = nodes_[static_cast<std::size_t>(node)].begin;
  const int end = nodes_[static_cast<std::size_t>(node)].end;
  if (end - begin <= 1)
    return;
  const ScanMode mode = params_.scan.mode;
  const auto key = [&](int i, int lvl) -> int {
    const Target& t = targets_[static_cast<std::size_t>(i)];
    if (lvl == 0)
      return t.section;
    if (lvl == 1)
      return t.section * 65536 + t.row;
    return i;
  };
  int lvl = level;
  if (mode == ScanMode::kLinear)
    lvl = 2;
  if (mode == ScanMode::kRows && lvl == 0)
    lvl = 1;
  // Skip a level that would put everything in one child.
  while (lvl < 2 && key(begin, lvl) == key(end - 1, lvl))
    ++lvl;
  std::vector<std::pair<int, int>> ranges;
  bool skipped = false;
  for (int i = begin; i < end;) {
    int j = i + 1;
    while (j < end && key(j, lvl) == key(i, lvl))
      ++j;
    // Empty slots (and rows of them) are passed over: they would cost a
    // step each and select nothing.
    bool any = false;
    for (int k = i; k < j && !any; ++k)
      any = !targets_[static_cast<std::size_t>(k)].scanSkip;
    if (any)
      ranges.emplace_back(i, j);
    else
      skipped = true;
    i = j;
  }
  if (ranges.empty())
    return;  // nothing to offer: the node stays a leaf (never reached when skipped)
  if (skipped && ranges.size() == 1) {
    // One group or key left: offer what is inside it directly (one key: the
    // node is that key, picked at once).
    nodes_[static_cast<std::size_t>(node)].begin = ranges[0].first;
    nodes_[static_cast<std::size_t>(node)].end = ranges[0].second;
    if (lvl < 2)
      split(node, lvl + 1);
    return;
  }
  const int first = static_cast<int>(nodes_.size());
  for (const auto& [b, e] : ranges)
    addNode(b, e, node);
  nodes_[static_cast<std::size_t>(node)].firstChild = first;
  nodes_[static_cast<std::size_t>(node)].childCount = static_cast<int>(ranges.size());
  for (int c = 0; c < static_cast<int>(ranges.size()); ++c)
    split(first + c, lvl + 1);
}

void ScanSelector::build() {
  nodes_.clear();
  if (huffman()) {
    code_.build(targets_);
    return;
  }
  addNode(0, static_cast<int>(targets_.size()), -1);
  split(0, 0);
}

void ScanSelector::setTargets(std::span<const Target> targets, std::int64_t tUs) {
  targets_ = targets;
  nowUs_ = std::max(nowUs_, tUs);
  historyCount_ = 0;  // positions in an old tree mean nothing in the new one
  keysBox_ = Rect{};
  if (!targets_.empty()) {
    float x0 = targets_[0].rect.x, y0 = targets_[0].rect.y;
    float x1 = x0 + targets_[0].rect.w, y1 = y0 + targets_[0].rect.h;
    for (const Target& t : targets_) {
      x0 = std::min(x0, t.rect.x);
      y0 = std::min(y0, t.rect.y);
      x1 = std::max(x1, t.rect.x + t.rect.w);
      y1 = std::max(y1, t.rect.y + t.rect.h);
    }
    keysBox_ = {x0, y0, x1 - x0, y1 - y0};
  }
  build();
  enter(0, 0, nowUs_, true, true);
}

void ScanSelector::reset(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  switchDown_.fill(false);
  closedUs_ = -1;
  closureActed_ = false;
  closureLeft_ = false;
  missUs_ = -1;
  enter(0, 0, nowUs_, true, true);
}

void ScanSelector::enter(int node, int child, std::int64_t startUs, bool firstDelay, bool restart) {
  current_ = node;
  child_ = child;
  loops_ = 0;
  nextStepUs_ = startUs + static_cast<std::int64_t>(stepMs()) * 1000 +
                (firstDelay ? static_cast<std::int64_t>(params_.scan.firstDelayMs) * 1000 : 0) +
                (restart ? static_cast<std::int64_t>(params_.scan.restartDelayMs) * 1000 : 0);
  enteredUs_ = startUs;
  waitingForGaze_ = restart && params_.scan.gazeStart;
  restartUs_ = startUs;
  remember(startUs, !firstDelay && !restart);  // lit by a step (huffman "no"): a reaction's onset
}

void ScanSelector::gazeAt(const InputEvent& e) {
  // Which target the gaze rests on; outside all of them (the message above
  // the keys) it is on none (-1). A point in a gap between keys is taken as
  // still on the key it was on (the tracker's error puts a held gaze there
  // now and then), or as on the keys (-2) coming from elsewhere. Moving
  // points (fixation 0) are not counted: the eyes are on their way.
  if (e.fixation == 0)
    return;
  const auto inside = [&e](const Rect& r) {
    return e.x >= r.x && e.x < r.x + r.w && e.y >= r.y && e.y < r.y + r.h;
  };
  int on = -1;
  for (std::size_t i = 0; i < targets_.size() && on < 0; ++i)
    if (inside(targets_[i].rect))
      on = static_cast<int>(i);
  if (on < 0 && inside(keysBox_))
    on = gazeTarget_ >= 0 ? gazeTarget_ : -2;
  const bool moved = on != gazeTarget_;
  gazeTarget_ = on;
  if (!waitingForGaze_ || (!moved && on != -1))
    return;
  // The person is not ready yet: the first group's time starts from now.
  const std::int64_t capUs =
      restartUs_ + static_cast<std::int64_t>(ScanParams::kGazeStartMaxMs) * 1000;
  const std::int64_t fromNow =
      e.tUs + (static_cast<std::int64_t>(stepMs()) + params_.scan.firstDelayMs) * 1000;
  nextStepUs_ = std::max(nextStepUs_, std::min(fromNow, capUs));
}

void ScanSelector::remember(std::int64_t tUs, bool onset) {
  history_[historyNext_] = {tUs, {current_, child_}, onset};
  historyNext_ = (historyNext_ + 1) % history_.size();
  historyCount_ = std::min(historyCount_ + 1, history_.size());
}

ScanSelector::Position ScanSelector::positionAt(std::int64_t tUs) const {
  for (std::size_t i = 0; i < historyCount_; ++i) {
    const Stamped& s = history_[(historyNext_ + history_.size() - 1 - i) % history_.size()];
    if (s.tUs <= tUs)
      return s.at;
  }
  return position();
}

void ScanSelector::measure(Position at, std::int64_t startUs) {
  // The reaction: from when the item picked was lit to the blink's start.
  for (std::size_t i = 0; i < historyCount_; ++i) {
    const Stamped& s = history_[(historyNext_ + history_.size() - 1 - i) % history_.size()];
    if (s.tUs > startUs)
      continue;
    if (s.onset && s.at.node == at.node && s.at.child == at.child)
      pace_.reaction(static_cast<double>(startUs - s.tUs) / 1000.0);
    return;
  }
}

const ScanSelector::Node& ScanSelector::highlighted() const {  // not in huffman mode
  const Node& cur = nodes_[static_cast<std::size_t>(current_)];
  if (cur.childCount == 0)
    return cur;
  return nodes_[static_cast<std::size_t>(cur.firstChild + child_)];
}

int ScanSelector::advance(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  if (targets_.empty() || (huffman() && code_.empty()))
    return -1;
  if (params_.scan.earlyBlink && closedUs_ >= 0 && !closureActed_ && !closureLeft_) {
    const std::int64_t actUs = closedUs_ + static_cast<std::int64_t>(params_.blink.minMs) * 1000;
    if (nowUs_ >= actUs) {
      // The closure counts as a blink now: the highlight as it was then,
      // and the answer is for what was lit when the eyes closed. Only a
      // move into a group is made early: a key is picked when the eyes
      // open, so a closure that goes on into a step back never types.
      stepTo(actUs);
      const Position at = positionAt(std::max(closedUs_, enteredUs_));
      if (!picksKey(at)) {
        closureActed_ = true;
        if (closedUs_ >= enteredUs_)
          measure(at, closedUs_);
        pick(at, actUs);
      } else {
        closureLeft_ = true;  // left to the blink when the eyes open
      }
    }
  }
  stepTo(nowUs_);
  settleMiss(nowUs_, -1);
  return -1;
}

void ScanSelector::missed(std::int64_t tUs) {
  if (params_.scan.adapt && missUs_ < 0)
    missUs_ = tUs;
}

void ScanSelector::settleMiss(std::int64_t tUs, std::int64_t blinkStartUs) {
  // A blink that began before the miss was in time (it acts on what was lit
  // then; a long blink may end well after it); none within a step-back
  // blink's length, or one that began after it: the person missed it.
  if (missUs_ < 0)
    return;
  if (blinkStartUs >= 0 && blinkStartUs < missUs_) {
    missUs_ = -1;
    return;
  }
  if (blinkStartUs >= 0 ||
      tUs >= missUs_ + static_cast<std::int64_t>(params_.scan.backMaxMs) * 1000) {
    missUs_ = -1;
    pace_.trouble();
  }
}

void ScanSelector::stepTo(std::int64_t untilUs) {
  // A long silence (hours asleep) would otherwise take millions of steps.
  int steps = 0;
  while (untilUs >= nextStepUs_) {
    const std::int64_t intervalUs = static_cast<std::int64_t>(stepMs()) * 1000;
    if (++steps > 1000) {
      nextStepUs_ = untilUs + intervalUs;
      break;
    }
    const std::int64_t stepAt = nextStepUs_;
    waitingForGaze_ = false;
    if (huffman()) {
      // "No": the other side. A lone key not confirmed: all keys again.
      // A timeout is no choice: a blink that began before it still answers
      // the set lit then (enteredUs_ bounds only chosen moves).
      const std::int64_t chosenUs = enteredUs_;
      const ScanCode::Node& at = code_.node(current_);
      if (at.lit < 0) {
        missed(stepAt);  // their key, lit alone, was let go (or they are not typing)
        enter(code_.root(), 0, stepAt, true);
      } else
        enter(at.unlit, 0, stepAt, false);
      enteredUs_ = chosenUs;
      continue;
    }
    const Node& cur = nodes_[static_cast<std::size_t>(current_)];
    nextStepUs_ += intervalUs;
    if (cur.childCount <= 1)
      continue;
    if (++child_ < cur.childCount) {
      remember(stepAt);
      continue;
    }
    child_ = 0;
    remember(stepAt);
    if (current_ != 0)
      missed(stepAt);  // a whole pass through a group and no choice
    if (current_ != 0 && ++loops_ >= params_.scan.loops) {
      // No choice after several passes: back up to the group it came from.
      const int from = current_;
      const Node& parent = nodes_[static_cast<std::size_t>(cur.parent)];
      enter(cur.parent, from - parent.firstChild, stepAt, false);
    }
  }
}

bool ScanSelector::picksKey(Position at) const {
  if (huffman()) {
    if (at.node < 0 || at.node >= code_.nodeCount())
      return false;
    const ScanCode::Node& node = code_.node(at.node);
    return node.lit < 0 || code_.node(node.lit).lit < 0;
  }
  if (at.node < 0 || at.node >= static_cast<int>(nodes_.size()))
    return false;
  const Node& node = nodes_[static_cast<std::size_t>(at.node)];
  const int index = node.childCount == 0 ? at.node : node.firstChild + at.child;
  return index < static_cast<int>(nodes_.size()) &&
         nodes_[static_cast<std::size_t>(index)].childCount == 0;
}

int ScanSelector::pick(Position at, std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  if (huffman()) {
    if (at.node < 0 || at.node >= code_.nodeCount())
      return -1;
    // "Yes": the lit side, which is the node itself when it is a lone key.
    const ScanCode::Node& node = code_.node(at.node);
    const int lit = node.lit < 0 ? at.node : node.lit;
    const ScanCode::Node& chosen = code_.node(lit);
    if (chosen.lit < 0) {
      enter(code_.root(), 0, nowUs_, true, true);
      return code_.order()[static_cast<std::size_t>(chosen.begin)];
    }
    enter(lit, 0, nowUs_, true);
    return -1;
  }
  if (targets_.empty() || at.node < 0 || at.node >= static_cast<int>(nodes_.size()))
    return -1;
  const Node& node = nodes_[static_cast<std::size_t>(at.node)];
  const int index = node.childCount == 0 ? at.node : node.firstChild + at.child;
  if (index >= static_cast<int>(nodes_.size()))
    return -1;
  const Node& chosen = nodes_[static_cast<std::size_t>(index)];
  if (chosen.childCount == 0) {
    enter(0, 0, nowUs_, true, true);
    return chosen.begin;
  }
  enter(index, 0, nowUs_, true);
  return -1;
}

bool ScanSelector::stepBack(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  if (current_ == 0)
    return false;
  pace_.trouble();  // a late blink or a slip entered the wrong group
  if (huffman()) {
    enter(code_.root(), 0, nowUs_, true);  // all keys again
    return true;
  }
  // The parent is scanned again from its first group, with the first delay:
  // a step back usually follows a late blink that entered the group after
  // the one meant, and going on from there would make the person wait for
  // a whole pass to reach it again (devices offer "restart at the top").
  enter(nodes_[static_cast<std::size_t>(current_)].parent, 0, nowUs_, true);
  return true;
}

int ScanSelector::input(const InputEvent& e) {
  const std::int64_t t = std::max(nowUs_, e.tUs);
  if (const int chosen = advance(t); chosen >= 0)
    return chosen;
  switch (e.kind) {
    case InputKind::kGaze:
      if (params_.scan.gazeStart)
        gazeAt(e);
      return -1;
    case InputKind::kEyes:
      if (!params_.scan.earlyBlink)
        return -1;
      if (e.eyesOpen) {
        closedUs_ = -1;
        closureLeft_ = false;
      } else if (closedUs_ < 0) {
        closedUs_ = t;
        closureActed_ = false;
        closureLeft_ = false;
      }
      return -1;
    case InputKind::kBlink: {
      // This blink's closure already acted (early): only a longer one does more.
      const bool acted = closureActed_;
      closureActed_ = false;
      closureLeft_ = false;
      closedUs_ = -1;
      const BlinkMeaning meaning = classifyBlink(e, params_);
      if (meaning != BlinkMeaning::kIgnored)
        settleMiss(t, t - static_cast<std::int64_t>(e.durationMs) * 1000);
      if (acted && meaning == BlinkMeaning::kSelect)
        return -1;
      switch (meaning) {
        case BlinkMeaning::kSelect: {
          // Never before the last choice: that blink was already counted.
          const std::int64_t startUs = t - static_cast<std::int64_t>(e.durationMs) * 1000;
          const Position at = positionAt(std::max(startUs, enteredUs_));
          if (startUs >= enteredUs_)
            measure(at, startUs);
          return pick(at, t);
        }
        case BlinkMeaning::kLong:
          stepBack(t);
          return -1;
        case BlinkMeaning::kIgnored:
          return -1;
      }
      return -1;
    }
    case InputKind::kSwitchDown: {
      const std::size_t id = std::min<std::size_t>(e.switchId, switchDown_.size() - 1);
      if (switchDown_[id])
        return -1;  // auto-repeat of a held key
      switchDown_[id] = true;
      if (e.switchId == 0) {
        settleMiss(t, t);
        measure(position(), t);
        return pick(position(), t);
      }
      stepBack(t);
      return -1;
    }
    case InputKind::kSwitchUp:
      switchDown_[std::min<std::size_t>(e.switchId, switchDown_.size() - 1)] = false;
      return -1;
    default:
      return -1;
  }
}

void ScanSelector::view(MethodView& out) const {
  out = MethodView{};
  if (params_.scan.adapt)
    out.stepMs = stepMs();
  if (targets_.empty())
    return;
  if (huffman()) {
    if (code_.empty())
      return;
    const ScanCode::Node& at = code_.node(current_);
    const ScanCode::Node& lit = at.lit < 0 ? at : code_.node(at.lit);
    const std::span<const int> order(code_.order());
    out.lit = order.subspan(static_cast<std::size_t>(lit.begin),
                            static_cast<std::size_t>(lit.end - lit.begin));
    out.candidates = order.subspan(static_cast<std::size_t>(at.begin),
                                   static_cast<std::size_t>(at.end - at.begin));
    out.focus = out.lit.size() == 1 ? out.lit[0] : -1;
    return;
  }
  const Node& h = highlighted();
  out.groupBegin = h.begin;
  out.groupEnd = h.end;
  out.focus = h.end - h.begin == 1 ? h.begin : -1;
  if (current_ != 0) {
    const Node& scope = nodes_[static_cast<std::size_t>(current_)];
    out.scopeBegin = scope.begin;
    out.scopeEnd = scope.end;
  }
}

}  // namespace drishti::host
