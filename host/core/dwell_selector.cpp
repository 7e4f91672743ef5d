#include "host/core/dwell_selector.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {
namespace {

constexpr std::int64_t kFixationsSeenUs = 1'000'000;
// A look shorter than this is the point on its way (the filter catching up
// with a saccade), not a place the eyes rested: it is not compared with.
constexpr std::int64_t kSettleUs = 80'000;
// Where a look is: the running mean of its points, the newest weighing at
// least this much (about the last second at 30 Hz).
constexpr int kLookMeanPoints = 30;
// The line's height is the mean of its last this many looks.
constexpr int kLineMeanLooks = 6;
// While reading, looks within this many holdPx of the line and this many
// reading steps along it keep the reading state (see classifyLook).
constexpr float kNearLine = 2.5F;
constexpr float kNearStep = 2.0F;
// A sweep back to the start of the next line this many looks after reading
// stopped still reads on (see classifyLook).
constexpr int kReturnLooks = 3;

Rect grow(Rect r, float by) {
  return {r.x - by, r.y - by, r.w + 2 * by, r.h + 2 * by};
}

}  // namespace

void DwellSelector::setTargets(std::span<const Target> targets, std::int64_t tUs) {
  targets_ = targets;
  nowUs_ = std::max(nowUs_, tUs);
  focus_ = -1;
  progress_ = 0;
  if (haveGaze_ && lostSinceUs_ < 0)
    gazeAt(x_, y_, fixation_, nowUs_);
}

void DwellSelector::retime(std::span<const Target> targets, std::int64_t tUs) {
  if (targets.size() != targets_.size()) {
    setTargets(targets, tUs);
    return;
  }
  targets_ = targets;  // the focus and its clock stay; the next update uses the new time
  nowUs_ = std::max(nowUs_, tUs);
}

void DwellSelector::reset(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  focus_ = -1;
  progress_ = 0;
  haveGaze_ = false;
  lostSinceUs_ = -1;
  look_ = Look{};
  haveRef_ = false;
  lookSettled_ = false;
  lookReading_ = false;
  readingSteps_ = 0;
  lineLooks_ = 0;
  looksSinceReading_ = kReturnLooks + 1;
}

bool DwellSelector::trackLook(float x, float y, std::int64_t tUs) {
  if (params_.holdPx <= 0)
    return false;
  if (look_.n > 0 && std::hypot(x - look_.x, y - look_.y) <= params_.holdPx) {
    look_.n = std::min(look_.n + 1, kLookMeanPoints);
    look_.x += (x - look_.x) / static_cast<float>(look_.n);
    look_.y += (y - look_.y) / static_cast<float>(look_.n);
    if (!lookSettled_ && tUs - look_.startUs >= kSettleUs)
      classifyLook();
    return false;
  }
  const bool wasLooking = look_.n > 0;
  if (wasLooking && lookSettled_) {
    ref_ = look_;
    ref_.endUs = tUs;
    ref_.reading = lookReading_;
    haveRef_ = true;
  } else if (wasLooking && haveRef_) {
    ref_.endUs = tUs;  // the unsettled look was the point on its way from ref_
  }
  look_ = Look{x, y, 1, tUs, 0};
  lookSettled_ = false;
  lookReading_ = false;
  return wasLooking;
}

void DwellSelector::classifyLook() {
  // Reading (after Campbell & Maglio, "A robust algorithm for reading
  // detection", PUI 2001): short fixations joined by short steps along a
  // line, forward and now and then back, and a long sweep back to the start
  // of the next line.
  lookSettled_ = true;
  const float dx = look_.x - ref_.x, dy = look_.y - ref_.y;
  // A long look that was itself a reading step (the reader stopped to think
  // on a blocked key) does not end reading: only a look where the eyes
  // rested outside reading does.
  const bool shortRef =
      haveRef_ && (ref_.reading || ref_.endUs - ref_.startUs <
                                       static_cast<std::int64_t>(params_.readingLookMs) * 1000);
  // Where the line is: the mean height of the looks read along it, as well
  // as the last look's. Just after landing a look is placed by a few
  // samples' mean (the saccade restart), about 18 px of noise an axis at 1
  // degree, and a calibration's smooth error tilts a line: a look near either
  // height is on the line.
  const float lineDy = look_.y - (lineLooks_ > 0 ? lineY_ : ref_.y);
  const float offLine = std::min(std::abs(lineDy), std::abs(dy));
  // Reading moves the eyes along the line, not up and down it: a look that
  // moved as far vertically as horizontally (the eyes going back and forth
  // between a key and the message above it) is no reading step.
  const bool onLine = std::abs(dy) <= params_.holdPx ||
                      (std::abs(lineDy) <= params_.holdPx && std::abs(dx) >= std::abs(dy));
  const bool shortStep = std::abs(dx) <= params_.readingStepPx;
  const bool lineReturn = readingSteps_ >= 2 && dx < -params_.readingStepPx && lineDy > 0 &&
                          lineDy <= params_.readingStepPx;
  // Reading the page again: a sweep up and back to where the line being
  // read started (the lines of a page start alike).
  const bool pageReturn = readingSteps_ >= 2 && dx < -params_.readingStepPx &&
                          dy < -params_.readingStepPx &&
                          std::abs(look_.x - lineStartX_) <= params_.readingStepPx;
  // While reading, a look a little off the line or a little beyond a
  // reading step is the tracker's noise (or two fixations the refined point
  // merged), not a jump: it neither counts nor ends reading.
  const bool nearReading = readingSteps_ >= 2 && offLine <= kNearLine * params_.holdPx &&
                           std::abs(dx) >= std::abs(dy) &&
                           std::abs(dx) <= kNearStep * params_.readingStepPx;
  // Back to the start of the next line a few looks after reading stopped:
  // the reader stepped down at the end of a line onto a key below it (the
  // text bar's keys stand between the board's rows), which ends reading,
  // then swept back to where the lines start.
  const bool readingReturn = readingSteps_ < 2 && looksSinceReading_ <= kReturnLooks &&
                             dx < -params_.readingStepPx &&
                             std::abs(look_.x - readStartX_) <= params_.readingStepPx &&
                             look_.y > readLineY_ && look_.y - readLineY_ <= params_.readingStepPx;
  if (shortRef && onLine && shortStep && dx > 0) {
    ++readingSteps_;
    followLine(false);
  } else if (shortRef && onLine && shortStep) {
    followLine(false);  // a regression
  } else if (shortRef && (lineReturn || pageReturn)) {
    followLine(true);
  } else if (shortRef && nearReading) {
    followLine(false);
  } else if (shortRef && readingReturn) {
    readingSteps_ = 2;
    followLine(true);
  } else {
    readingSteps_ = 0;  // a jump, a step up or down, or the eyes rested: not reading
    followLine(true);
  }
  lookReading_ = params_.readingGuard && readingSteps_ >= 2;
  if (readingSteps_ >= 2) {
    looksSinceReading_ = 0;
    readStartX_ = lineStartX_;
    readLineY_ = lineY_;
  } else if (looksSinceReading_ <= kReturnLooks) {
    ++looksSinceReading_;
  }
}

void DwellSelector::followLine(bool newLine) {
  if (newLine) {
    lineLooks_ = 0;
    lineStartX_ = look_.x;
  }
  lineStartX_ = std::min(lineStartX_, look_.x);
  lineLooks_ = std::min(lineLooks_ + 1, kLineMeanLooks);
  lineY_ = lineLooks_ == 1 ? look_.y : lineY_ + (look_.y - lineY_) / static_cast<float>(lineLooks_);
}

int DwellSelector::hitTest(float x, float y) const {
  if (focus_ >= 0 &&
      grow(targets_[static_cast<std::size_t>(focus_)].rect, params_.marginPx).contains(x, y))
    return focus_;
  int hit = -1;
  for (std::size_t i = 0; i < targets_.size(); ++i)
    if (targets_[i].rect.contains(x, y)) {
      hit = static_cast<int>(i);
      break;
    }
  return resized(hit, x, y);
}

int DwellSelector::resized(int hit, float x, float y) const {
  const float sigma = params_.resizeSigmaPx;
  if (!params_.resize || !(sigma > 0))
    return hit;
  // Only a point on a resized key moves: one over the message, a command or
  // a gap between keys is never taken in by a key.
  if (hit < 0 || targets_[static_cast<std::size_t>(hit)].prior <= 0)
    return hit;
  const Rect& own = targets_[static_cast<std::size_t>(hit)].rect;
  const float core = params_.resizeCore;
  const Rect c{own.x + own.w * (1 - core) / 2, own.y + own.h * (1 - core) / 2, own.w * core,
               own.h * core};
  if (c.contains(x, y))
    return hit;  // every key keeps its core
  // log posterior = log prior - d^2 / (2 sigma^2), d from the key's centre:
  // the person aims at the centre and the tracker adds its error. Only keys
  // within 3 sigma of the point (to their rect) compete.
  int best = hit;
  double bestScore = -1e300;
  const double twoVar = 2.0 * double(sigma) * sigma;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    const Target& t = targets_[i];
    if (t.prior <= 0)
      continue;
    const Rect& r = t.rect;
    const float dxr = std::max({r.x - x, 0.0F, x - (r.x + r.w)});
    const float dyr = std::max({r.y - y, 0.0F, y - (r.y + r.h)});
    if (dxr * dxr + dyr * dyr > 9 * sigma * sigma)
      continue;
    const double dx = x - (r.x + r.w / 2);
    const double dy = y - (r.y + r.h / 2);
    const double score = std::log(double(t.prior)) - (dx * dx + dy * dy) / twoVar;
    if (score > bestScore) {
      bestScore = score;
      best = static_cast<int>(i);
    }
  }
  return best;
}

std::uint32_t DwellSelector::dwellMsOf(int target) const {
  const std::uint32_t own = targets_[static_cast<std::size_t>(target)].dwellMs;
  return own != 0 ? own : params_.dwellMs;
}

void DwellSelector::gazeAt(float x, float y, std::int32_t fixation, std::int64_t tUs) {
  x_ = x;
  y_ = y;
  haveGaze_ = true;
  if (lostSinceUs_ >= 0) {
    // Back within the grace time: the time with the eyes closed does not count.
    focusSinceUs_ += tUs - lostSinceUs_;
    lostSinceUs_ = -1;
  }
  if (mustLeave_ && !leaveRect_.contains(x, y))
    mustLeave_ = false;
  const bool newLook = trackLook(x, y, tUs);
  int hit = hitTest(x, y);
  if (fixation > 0)
    lastFixationUs_ = tUs;
  // A tracker too noisy for the fixation detector (none found for a second)
  // dwells on the points themselves, as the mouse does, rather than never.
  const bool fixationsSeen = lastFixationUs_ >= 0 && tUs - lastFixationUs_ < kFixationsSeenUs;
  if (params_.landedOnly && fixation == 0 && fixationsSeen && hit != focus_) {
    // The eyes are on their way (between fixations): a key the point crosses,
    // or the one it lags on after a saccade, is not taken up; the key being
    // dwelt on is dropped once the point is clearly beyond it.
    hit = -1;
  }
  if (fixation > 0 && fixation != dwellFixation_ && hit >= 0) {
    // A new fixation. On another key it starts that key's dwell (below); on
    // the key being dwelt on it continues the dwell only if the eyes came
    // back to about the same spot (a noisy fixation split in two); a real
    // step along the key (reading its label) starts the clock again.
    if (hit == focus_ && params_.refixationPx > 0 &&
        std::hypot(x - dwellX_, y - dwellY_) > params_.refixationPx) {
      focusSinceUs_ = tUs;
      progress_ = 0;
    }
    dwellFixation_ = fixation;
    dwellX_ = x;
    dwellY_ = y;
  }
  if (hit != focus_ || newLook) {
    // Another key, or the eyes moved on along this one: the dwell starts again.
    focus_ = hit;
    focusSinceUs_ = tUs;
    progress_ = 0;
  }
}

int DwellSelector::update(std::int64_t tUs) {
  if (lostSinceUs_ >= 0 &&
      tUs - lostSinceUs_ > static_cast<std::int64_t>(params_.lossGraceMs) * 1000) {
    focus_ = -1;
    progress_ = 0;
  }
  if (focus_ < 0 || !haveGaze_ || lostSinceUs_ >= 0)
    return -1;  // nothing is selected while the gaze is missing; progress is held
  if (held()) {
    // Hold the clock at zero until the gaze has left the key just selected,
    // or while the eyes read.
    focusSinceUs_ = tUs;
    progress_ = 0;
    return -1;
  }
  const std::int64_t elapsedUs =
      tUs - focusSinceUs_ - static_cast<std::int64_t>(params_.lockOnMs) * 1000;
  const std::int64_t needUs = static_cast<std::int64_t>(dwellMsOf(focus_)) * 1000;
  progress_ = elapsedUs <= 0 ? 0.0F : static_cast<float>(static_cast<double>(elapsedUs) / needUs);
  if (elapsedUs < needUs)
    return -1;
  const int selected = focus_;
  mustLeave_ = true;
  // Leaving means leaving the key with its margin: a look held in the margin
  // (over the neighbour's edge) kept the focus on it, and must not select it
  // again.
  leaveRect_ = grow(targets_[static_cast<std::size_t>(selected)].rect, params_.marginPx);
  progress_ = 0;
  focusSinceUs_ = tUs;
  return selected;
}

int DwellSelector::input(const InputEvent& e) {
  const std::int64_t t = std::max(nowUs_, e.tUs);
  // Time passes first: a selection due before this event happens (with the
  // gaze where it last was); the event then still counts.
  const int due = advance(t);
  switch (e.kind) {
    case InputKind::kGaze: {
      fixation_ = e.fixation;
      gazeAt(e.x, e.y, e.fixation, t);
      const int now = update(t);
      return due >= 0 ? due : now;
    }
    case InputKind::kGazeLost:
    case InputKind::kTrackingLost:
      if (lostSinceUs_ < 0)
        lostSinceUs_ = t;
      return due;
    default:
      return due;
  }
}

int DwellSelector::advance(std::int64_t tUs) {
  nowUs_ = std::max(nowUs_, tUs);
  return update(nowUs_);
}

void DwellSelector::view(MethodView& out) const {
  out = MethodView{};
  out.focus = focus_;
  out.progress = std::clamp(progress_, 0.0F, 1.0F);
  out.blocked = focus_ >= 0 && held();
}

}  // namespace drishti::host
