#include "host/core/screen_renderer.h"

#include <algorithm>

#include "host/core/theme.h"

namespace drishti::host {
namespace {

struct KeyColors {
  Color fill;
  Color text;
};

KeyColors colorsOf(const ScreenKey& k) {
  if (k.dim)
    return {theme::kKeyDim, theme::kKeyDimText};
  switch (k.tone) {
    case KeyTone::kNormal:
      return {theme::kKey, theme::kKeyText};
    case KeyTone::kText:
      return {theme::kTextKey, theme::kKeyText};
    case KeyTone::kSpeak:
      return {theme::kSpeakKey, theme::kKeyText};
    case KeyTone::kNav:
      return {theme::kNavKey, theme::kKeyText};
    case KeyTone::kRest:
      return {theme::kRestKey, theme::kKeyText};
    case KeyTone::kHelp:
      return {theme::kHelpKey, theme::kKeyText};
    case KeyTone::kOpen:
      return {theme::kOpenKey, theme::kKeyText};
    case KeyTone::kBig:
      return {theme::kBigKey, theme::kBigKeyText};
  }
  return {theme::kKey, theme::kKeyText};
}

Rect ringRect(Rect r) {
  const float d = std::min(r.w, r.h) * 0.92F;
  return {r.x + (r.w - d) / 2, r.y + (r.h - d) / 2, d, d};
}

Rect unionOf(const std::vector<Target>& t, int begin, int end) {
  float x0 = 1e9F, y0 = 1e9F, x1 = -1e9F, y1 = -1e9F;
  for (int i = begin; i < end; ++i) {
    const Rect r = t[static_cast<std::size_t>(i)].rect;
    x0 = std::min(x0, r.x);
    y0 = std::min(y0, r.y);
    x1 = std::max(x1, r.x + r.w);
    y1 = std::max(y1, r.y + r.h);
  }
  return {x0, y0, x1 - x0, y1 - y0};
}

std::string_view blinkCodeHint(std::uint8_t code) {
  static constexpr std::string_view kHints[] = {"",         "1 blink",  "2 blinks", "3 blinks",
                                                "4 blinks", "5 blinks", "6 blinks", "7 blinks",
                                                "8 blinks", "9 blinks"};
  return code < std::size(kHints) ? kHints[code] : std::string_view();
}

std::string_view lookHint(Direction d) {
  switch (d) {
    case Direction::kLeft:
      return "look left";
    case Direction::kRight:
      return "look right";
    case Direction::kUp:
      return "look up";
    case Direction::kDown:
      return "look down";
    case Direction::kNone:
      return "";
  }
  return "";
}

void drawCounter(DrawList& out, Rect area, int count, Color c) {
  const float d = area.h * 0.6F;
  for (int i = 0; i < count && i < 9; ++i)
    out.fillRect(
        {area.x + area.w - (static_cast<float>(i) + 1) * d * 1.4F, area.y + (area.h - d) / 2, d, d},
        c, d / 2);
}

void drawKeys(const ScreenLayout& layout, const MethodView& view, const RenderInput& in,
              DrawList& out, float s) {
  const auto& targets = layout.targets();
  const auto& keys = layout.keys();
  const bool narrowing = view.candidateBegin >= 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const ScreenKey& k = keys[i];
    const Target& t = targets[i];
    const KeyColors c = colorsOf(k);
    out.fillRect(t.rect, c.fill, theme::kKeyRadius * s);
    out.text(t.rect, k.labelOf(), k.textSize, c.text, k.script);
    const Rect corner{t.rect.x + 8 * s, t.rect.y + 4 * s, t.rect.w - 16 * s,
                      std::min(28 * s, t.rect.h * 0.25F)};
    if (in.method == MethodKind::kBlinkCode && !view.scanning && t.code != 0)
      out.text(corner, blinkCodeHint(t.code), corner.h * 0.9F, theme::kFocus, Script::kLatin,
               Align::kEnd);
    if (in.method == MethodKind::kGesture && view.directLooks && t.look != Direction::kNone)
      out.text(corner, lookHint(t.look), corner.h * 0.9F, theme::kFocus, Script::kLatin,
               Align::kEnd);
    if (narrowing) {
      const int idx = static_cast<int>(i);
      if (idx < view.candidateBegin || idx >= view.candidateEnd)
        out.fillRect(t.rect, theme::kOutOfPlay, theme::kKeyRadius * s);
      else
        out.fillRect(t.rect, idx < view.candidateSplit ? theme::kLeftHalf : theme::kRightHalf,
                     theme::kKeyRadius * s);
    }
  }
  if (!view.candidates.empty()) {
    // Huffman scanning: keys out of play greyed, each lit key framed (they
    // are scattered over the board; the board itself never moves).
    const float th = theme::kFocusThickness * s;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const int idx = static_cast<int>(i);
      if (std::find(view.candidates.begin(), view.candidates.end(), idx) == view.candidates.end())
        out.fillRect(targets[i].rect, theme::kOutOfPlay, theme::kKeyRadius * s);
    }
    for (int i : view.lit) {
      if (i < 0 || i >= static_cast<int>(targets.size()))
        continue;
      const Rect r = targets[static_cast<std::size_t>(i)].rect;
      out.fillRect(r, theme::kScanTint, theme::kKeyRadius * s);
      out.frameRect(r, theme::kFocus, th, theme::kKeyRadius * s);
    }
  } else if (view.groupBegin >= 0 && view.groupEnd > view.groupBegin &&
             view.groupEnd <= static_cast<int>(targets.size())) {
    for (int i = view.groupBegin; i < view.groupEnd; ++i)
      out.fillRect(targets[static_cast<std::size_t>(i)].rect, theme::kScanTint,
                   theme::kKeyRadius * s);
    const Rect u = unionOf(targets, view.groupBegin, view.groupEnd);
    const float th = theme::kFocusThickness * s;
    out.frameRect({u.x - th, u.y - th, u.w + 2 * th, u.h + 2 * th}, theme::kFocus, th,
                  theme::kKeyRadius * s);
  } else if (view.focus >= 0 && view.focus < static_cast<int>(targets.size())) {
    const Rect r = targets[static_cast<std::size_t>(view.focus)].rect;
    out.frameRect(r, view.blocked ? theme::kBlocked : theme::kFocus, theme::kFocusThickness * s,
                  theme::kKeyRadius * s);
    if (view.progress > 0)
      out.progressRing(ringRect(r), view.progress, theme::kDwellRing, theme::kRingThickness * s);
  }
}

void drawGestureEdges(const MethodView& view, const RenderInput& in, DrawList& out, float s) {
  if (in.method != MethodKind::kGesture)
    return;
  const float W = in.width, H = in.height;
  const float band = 24 * s;
  if (view.candidateBegin >= 0) {
    // The screen edges carry the colours of the halves: look left for blue, right for orange.
    out.fillRect({0, 0, band / 2, H}, theme::kLeftText);
    out.fillRect({W - band / 2, 0, band / 2, H}, theme::kRightText);
  }
  if (view.holding != Direction::kNone && view.holdProgress > 0) {
    const float p = view.holdProgress;
    const float th = 14 * s;
    switch (view.holding) {
      case Direction::kLeft:
        out.fillRect({0, H * (1 - p) / 2, th, H * p}, theme::kFocus);
        break;
      case Direction::kRight:
        out.fillRect({W - th, H * (1 - p) / 2, th, H * p}, theme::kFocus);
        break;
      case Direction::kUp:
        out.fillRect({W * (1 - p) / 2, 0, W * p, th}, theme::kFocus);
        break;
      case Direction::kDown:
        out.fillRect({W * (1 - p) / 2, H - th, W * p, th}, theme::kFocus);
        break;
      case Direction::kNone:
        break;
    }
  }
}

}  // namespace

void renderScreen(const ScreenLayout& layout, const MethodView& view, const RenderInput& in,
                  DrawList& out) {
  const int W = static_cast<int>(in.width);
  const int H = static_cast<int>(in.height);
  const float s = in.width / 1280.0F;
  out.setScreen(in.screenName, in.screenSerial);

  if (in.trackingLost) {
    out.reset(W, H, theme::kCalm);
    out.text({0, 0.25F * in.height, in.width, 0.15F * in.height}, "I can't see your eyes", 72 * s,
             theme::kHelpText, Script::kLatin);
    out.text({0, 0.42F * in.height, in.width, 0.12F * in.height}, "Look at the screen", 52 * s,
             theme::kCalmText, Script::kLatin);
    std::string_view hint =
        "For the caregiver: check that the face is in view of the camera and lit.";
    if (in.loss == TrackingLoss::kCamera)
      hint = "For the caregiver: the camera sends no pictures. Check its cable.";
    else if (in.loss == TrackingLoss::kTracker)
      hint = "For the caregiver: no data from the eye tracker. Check that drishti-tracker runs.";
    out.text({0.05F * in.width, 0.8F * in.height, 0.9F * in.width, 0.08F * in.height}, hint, 26 * s,
             theme::kCalmText, Script::kLatin);
    return;
  }

  if (in.screen == ScreenKind::kRest) {
    out.reset(W, H, theme::kCalm);
    out.text(layout.titleRect(), in.title, 80 * s, theme::kCalmText, Script::kLatin);
    out.text(layout.statusRect(), in.detail, 30 * s, theme::kCalmText, Script::kLatin);
    const Rect wake = layout.wakeRect();
    out.fillRect(wake, theme::kWakeCircle, wake.w / 2);
    out.text(wake, "Wake", 36 * s, theme::kCalmText, Script::kLatin);
    if (in.wakeProgress > 0)
      out.progressRing(wake, in.wakeProgress, theme::kDwellRing, theme::kRingThickness * s);
    drawCounter(out, {0, in.height - 50 * s, in.width - 20 * s, 40 * s}, in.longBlinks,
                theme::kCalmText);
    return;
  }

  const bool help = in.screen == ScreenKind::kHelp;
  out.reset(W, H, help ? theme::kHelpBackground : theme::kBackground);
  if (help) {
    out.text(layout.titleRect(), in.title, 120 * s, theme::kHelpText, Script::kLatin);
    out.text(layout.statusRect(), in.detail, 30 * s, theme::kHelpText, Script::kLatin);
  } else if (layout.titleRect().w > 0) {
    out.text(layout.titleRect(), in.title, 56 * s, theme::kKeyText, Script::kLatin);
  }
  if (layout.showsTextBar()) {
    const Rect bar = layout.textRect();
    const Rect inner{bar.x + 16 * s, bar.y + 8 * s, bar.w - 32 * s, bar.h - 16 * s};
    out.fillRect({bar.x + 6 * s, bar.y + 6 * s, bar.w - 12 * s, bar.h - 12 * s}, theme::kMessageBar,
                 theme::kKeyRadius * s);
    if (in.text.empty())
      out.text(inner, "Your message appears here", bar.h * 0.32F, theme::kMessagePlaceholder,
               Script::kLatin, Align::kStart);
    else
      out.text(inner, in.text, bar.h * 0.5F, theme::kMessageText, in.textScript,
               in.textCut ? Align::kEnd : Align::kStart);
  }
  if (!help && layout.statusRect().w > 0) {
    const Rect st = layout.statusRect();
    out.text({st.x + 16 * s, st.y, st.w - 32 * s, st.h}, in.status, st.h * 0.62F,
             theme::kStatusText, Script::kLatin, Align::kStart);
    drawCounter(out, st, in.longBlinks, theme::kFocus);
    if (view.blinkCount > 0)
      drawCounter(out, {st.x, st.y, st.w - 200 * s, st.h}, view.blinkCount, theme::kDwellRing);
  }
  drawKeys(layout, view, in, out, s);
  drawGestureEdges(view, in, out, s);
}

}  // namespace drishti::host
