#include "host/core/access_method.h"

#include "host/core/blink_code_selector.h"
#include "host/core/blink_selector.h"
#include "host/core/dwell_selector.h"
#include "host/core/gesture_selector.h"
#include "host/core/scan_selector.h"

namespace drishti::host {

std::unique_ptr<AccessMethod> makeAccessMethod(MethodKind kind, const AccessParams& params,
                                               float screenWidth, float screenHeight) {
  switch (kind) {
    case MethodKind::kDwell:
      return std::make_unique<DwellSelector>(params.dwell);
    case MethodKind::kBlink:
      return std::make_unique<BlinkSelector>(params);
    case MethodKind::kScan:
      return std::make_unique<ScanSelector>(params);
    case MethodKind::kGesture:
      return std::make_unique<GestureSelector>(params.gesture, screenWidth, screenHeight);
    case MethodKind::kBlinkCode:
      return std::make_unique<BlinkCodeSelector>(params);
  }
  return std::make_unique<DwellSelector>(params.dwell);
}

std::unique_ptr<AccessMethod> makeAccessMethod(const AccessParams& params, float screenWidth,
                                               float screenHeight) {
  return makeAccessMethod(params.method, params, screenWidth, screenHeight);
}

}  // namespace drishti::host
