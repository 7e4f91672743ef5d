#include "host/core/scan_pace.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace drishti::host {

ScanPace::ScanPace(const ScanParams& params)
    : on_(params.adapt),
      ceilingMs_(params.intervalMs),
      floorMs_(std::min(params.adaptMinMs, params.intervalMs)),
      stepMs_(params.intervalMs) {}

void ScanPace::reaction(double reactionMs) {
  if (!on_ || !std::isfinite(reactionMs) || reactionMs < 0 || reactionMs > kMaxReactionMs)
    return;
  if (reactionMs < kMinReactionMs) {
    // Nobody reacts this fast to what was just lit: the blink was meant for
    // the item before, and came after the step.
    trouble();
    return;
  }
  if (pendingCount_ < pending_.size())
    pending_[pendingCount_++] = static_cast<float>(reactionMs);
}

void ScanPace::trouble() {
  if (!on_)
    return;
  pendingCount_ = 0;  // this selection's reactions led astray
  // One slip is one sign: the late blink and the step back out of the row
  // it entered count once until the next selection.
  if (troubled_)
    return;
  troubled_ = true;
  slowDownTo(std::min(ceilingMs_, stepMs_ + kTroubleMs));
  hold_ = kHoldSelections;
}

void ScanPace::selected(bool corrects) {
  if (!on_)
    return;
  if (corrects) {
    // The selection before was wrong: its reactions are not the person's
    // pace. One correction (a run of Deletes) is one sign of trouble.
    heldCount_ = 0;
    troubled_ = false;
    if (!lastCorrected_)
      trouble();
    pendingCount_ = 0;
    lastCorrected_ = true;
    return;
  }
  lastCorrected_ = false;
  troubled_ = false;
  for (std::size_t i = 0; i < heldCount_; ++i) {
    kept_[next_] = held_[i];
    next_ = (next_ + 1) % kept_.size();
    count_ = std::min(count_ + 1, kept_.size());
  }
  held_ = pending_;
  heldCount_ = pendingCount_;
  pendingCount_ = 0;
  const std::uint32_t wanted = wantedMs();
  if (wanted == 0)
    return;
  if (wanted > stepMs_) {
    slowDownTo(wanted);
    return;
  }
  if (hold_ > 0) {
    --hold_;
    return;
  }
  stepMs_ = std::max({wanted, floorMs_, stepMs_ - std::min(stepMs_, kSpeedUpMs)});
}

void ScanPace::slowDownTo(std::uint32_t ms) {
  stepMs_ = std::clamp(std::max(ms, stepMs_), floorMs_, ceilingMs_);
}

std::uint32_t ScanPace::wantedMs() const {
  if (count_ < kMinSamples)
    return 0;
  std::array<float, kSamples> sorted{};
  std::copy_n(kept_.begin(), count_, sorted.begin());
  const std::size_t k = std::min(kRank, count_);
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k - 1),
                   sorted.begin() + static_cast<std::ptrdiff_t>(count_), std::greater<>());
  const double ms = std::ceil(static_cast<double>(sorted[k - 1]) + kMarginMs);
  return static_cast<std::uint32_t>(
      std::clamp(ms, static_cast<double>(floorMs_), static_cast<double>(ceilingMs_)));
}

}  // namespace drishti::host
