// Theme: the colours and line widths of every screen, in one place.
//
// High contrast (light text on near-black keys, black text on the white
// message bar), colour used only together with shape (frames, rings), and a
// calm dark blue for rest and tracking loss, so nothing alarms except help.
#pragma once

#include "host/core/draw_list.h"

namespace drishti::host::theme {

inline constexpr Color kBackground{16, 18, 22, 255};
inline constexpr Color kKey{48, 54, 64, 255};
inline constexpr Color kKeyText{248, 248, 248, 255};
inline constexpr Color kKeyDim{32, 35, 40, 255};
inline constexpr Color kKeyDimText{120, 120, 120, 255};
inline constexpr Color kTextKey{36, 64, 48, 255};
inline constexpr Color kSpeakKey{20, 120, 60, 255};
inline constexpr Color kNavKey{30, 52, 88, 255};
inline constexpr Color kOpenKey{70, 96, 150, 255};
inline constexpr Color kRestKey{58, 58, 92, 255};
inline constexpr Color kHelpKey{168, 24, 24, 255};
inline constexpr Color kBigKey{240, 240, 240, 255};
inline constexpr Color kBigKeyText{20, 20, 20, 255};

inline constexpr Color kMessageBar{250, 250, 244, 255};
inline constexpr Color kMessageText{10, 10, 10, 255};
inline constexpr Color kMessagePlaceholder{150, 150, 150, 255};
inline constexpr Color kStatusText{210, 214, 220, 255};

inline constexpr Color kFocus{255, 212, 0, 255};  // gaze focus and scan highlight
inline constexpr Color kScanTint{255, 212, 0, 70};
inline constexpr Color kDwellRing{0, 200, 255, 255};
inline constexpr Color kBlocked{130, 130, 130, 255};
inline constexpr Color kLeftHalf{0, 140, 255, 80};   // gestures: first half
inline constexpr Color kRightHalf{255, 140, 0, 80};  // gestures: second half
inline constexpr Color kLeftText{120, 190, 255, 255};
inline constexpr Color kRightText{255, 180, 90, 255};
inline constexpr Color kOutOfPlay{0, 0, 0, 170};

inline constexpr Color kCalm{14, 32, 56, 255};  // rest and tracking loss
inline constexpr Color kCalmText{200, 214, 230, 255};
inline constexpr Color kWakeCircle{44, 76, 118, 255};
inline constexpr Color kHelpBackground{176, 0, 0, 255};
inline constexpr Color kHelpText{255, 255, 255, 255};

inline constexpr float kFocusThickness = 6;  // px at 1280 wide
inline constexpr float kRingThickness = 9;
inline constexpr float kKeyRadius = 10;

}  // namespace drishti::host::theme
