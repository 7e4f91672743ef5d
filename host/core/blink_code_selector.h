// BlinkCodeSelector: answer by counting blinks (one = yes, two = no, ...).
//
// Blinks of blink.min_ms..max_ms (of the chosen eyes) are counted; when no
// further blink comes within code.gap_ms, the count is the code, and the
// target carrying that code (board attribute code=N) is selected. Screens
// without codes, or after a long blink (blink.max_ms .. scan.back_max_ms),
// are scanned automatically as in ScanSelector, and the codes become "1 =
// yes, this one" and "2 = no, step back" (so every board still works); a "no"
// at the top level of scanning returns to the codes. The code refers to the
// item highlighted when its first blink began, since scanning moves on while
// the blinks are counted. Timing from event stamps only; see access_method.h.
#pragma once

#include "host/core/access_method.h"
#include "host/core/scan_selector.h"

namespace drishti::host {

class BlinkCodeSelector final : public AccessMethod {
 public:
  explicit BlinkCodeSelector(const AccessParams& params) : params_(params), scan_(params) {}

  MethodKind kind() const override { return MethodKind::kBlinkCode; }
  void setTargets(std::span<const Target> targets, std::int64_t tUs) override;
  int input(const InputEvent& event) override;
  int advance(std::int64_t tUs) override;
  void reset(std::int64_t tUs) override;
  void view(MethodView& out) const override;

  static constexpr int kYes = 1;  // while scanning: pick the highlighted item
  static constexpr int kNo = 2;   // while scanning: step back

 private:
  int finishCode(std::int64_t tUs);
  int handleEvent(const InputEvent& e, std::int64_t tUs);

  AccessParams params_;
  ScanSelector scan_;
  std::span<const Target> targets_;
  bool hasCodes_ = false;
  bool scanning_ = false;
  int count_ = 0;
  std::int64_t lastBlinkUs_ = 0;
  ScanSelector::Position codeStart_;
  std::int64_t nowUs_ = 0;
};

}  // namespace drishti::host
