// ScanPace: a scan step that adapts to the person (scan.adapt).
//
// After the idea of Simpson & Koester, "Adaptive one-switch row-column
// scanning" (IEEE Trans Rehabil Eng 7(4), 464-473, 1999): the device
// measures how the person actually performs and sets the scan delay from
// it, instead of waiting for a therapist's visit. The rule here is our own:
// - what is measured: the reaction, from a highlight's onset to the start of
//   the blink (or switch press) that picks it, on items lit by a step (the
//   first item of a group has scan.first_delay_ms for a slower first look,
//   and after a restart the person was elsewhere);
// - only reactions of selections the person keeps count: a selection's
//   reactions are held until the next selection, and dropped if that one is
//   a Delete (the selection was wrong) or if the person steps back;
// - the step wanted is a high percentile (the kRank-th slowest of the last
//   kSamples) plus kMarginMs, never below scan.adapt_min_ms and never above
//   scan.interval_ms (the therapist's value is both the start and the ceiling);
// - slower is at once: a step wanted above the current one is taken at once,
//   and trouble (a Delete after another key, a step back, a blink too soon
//   after an onset to be a reaction to it, which is a late blink landing on
//   the next item, a pass through a group with no selection or a lone
//   Huffman key let go, when no blink begun before it follows) adds kTroubleMs
//   and holds the step for kHoldSelections kept selections (once until the
//   next selection: a late blink and the step back out of the row it
//   entered are one slip);
// - faster is slow: at most kSpeedUpMs less per kept selection.
// Nothing is kept between sessions: each starts at scan.interval_ms.
// Fixed arrays only (no allocation); inputs that are not finite, negative
// or absurd (over kMaxReactionMs) are ignored.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "host/core/access_params.h"

namespace drishti::host {

class ScanPace {
 public:
  static constexpr std::size_t kSamples = 24;       // kept reactions remembered
  static constexpr std::size_t kMinSamples = 8;     // before the step moves down
  static constexpr std::size_t kRank = 2;           // 2nd slowest of 24: about the 95th percentile
  static constexpr std::uint32_t kMarginMs = 150;   // over that percentile
  static constexpr std::uint32_t kSpeedUpMs = 20;   // at most this much faster per kept selection
  static constexpr std::uint32_t kTroubleMs = 100;  // slower after a sign of trouble
  static constexpr std::uint32_t kHoldSelections = 3;  // no faster for this many after trouble
  static constexpr double kMinReactionMs =
      120;  // sooner after an onset: a late blink for the item before
  static constexpr double kMaxReactionMs = 10000;
  static constexpr std::size_t kPerSelection = 8;  // reactions held for one selection at most

  explicit ScanPace(const ScanParams& params);

  // The step now (ms): scan.interval_ms when scan.adapt is off.
  std::uint32_t stepMs() const { return stepMs_; }

  // A pick made reactionMs after its item was lit.
  void reaction(double reactionMs);
  // A key was selected; corrects: it takes back what came before (Delete).
  void selected(bool corrects);
  // A sign the step is too short for the person now (see above).
  void trouble();

  std::size_t samples() const { return count_; }

 private:
  void slowDownTo(std::uint32_t ms);
  std::uint32_t wantedMs() const;  // 0: too few samples

  bool on_ = false;
  std::uint32_t ceilingMs_ = 0, floorMs_ = 0, stepMs_ = 0;
  std::array<float, kSamples> kept_{};  // ring of kept reactions (ms)
  std::size_t next_ = 0, count_ = 0;
  std::array<float, kPerSelection> pending_{}, held_{};  // this selection's; the last one's
  std::size_t pendingCount_ = 0, heldCount_ = 0;
  std::uint32_t hold_ = 0;
  bool lastCorrected_ = false;
  bool troubled_ = false;  // trouble() since the last selection
};

}  // namespace drishti::host
