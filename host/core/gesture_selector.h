// GestureSelector: look left, right, up or down and hold it.
//
// A look is the gaze in the outer gesture.edge fraction of the screen on one
// side (or beyond it: off-screen gaze counts); held for gesture.hold_ms it is
// a gesture, and the gaze must come back to the centre before the next one.
// Like Look to Speak, the targets still in play are split in two halves: look
// left to keep the first half, right to keep the second, until one is left,
// which is selected; look up to undo the last halving. On screens where keys
// carry their own direction (look=left on "Yes"), those looks select them
// directly, and looking down starts halving over all targets (so navigation
// stays reachable). Gaze loss cancels a look in progress. Timing from event
// stamps only; see access_method.h for the contract.
#pragma once

#include <array>

#include "host/core/access_method.h"

namespace drishti::host {

class GestureSelector final : public AccessMethod {
 public:
  GestureSelector(const GestureParams& params, float screenWidth, float screenHeight)
      : params_(params), width_(screenWidth), height_(screenHeight) {}

  MethodKind kind() const override { return MethodKind::kGesture; }
  void setTargets(std::span<const Target> targets, std::int64_t tUs) override;
  int input(const InputEvent& event) override;
  int advance(std::int64_t tUs) override;
  void reset(std::int64_t tUs) override;
  void view(MethodView& out) const override;

  // The direction the point (x, y) in logical px looks, or kNone in the centre.
  Direction directionOf(float x, float y) const;

 private:
  int gesture(Direction d);
  void startOver();

  struct Range {
    int begin = 0;
    int end = 0;
  };
  GestureParams params_;
  float width_;
  float height_;
  std::span<const Target> targets_;
  bool hasDirect_ = false;
  bool narrowing_ = false;
  Range range_;
  std::array<Range, 32> undo_{};  // enough for 2^32 targets
  std::size_t undoCount_ = 0;
  Direction holding_ = Direction::kNone;
  std::int64_t holdSinceUs_ = 0;
  bool waitForCentre_ = false;
  std::int64_t nowUs_ = 0;
};

}  // namespace drishti::host
