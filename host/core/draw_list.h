// DrawList: what one screen of the host looks like, as data.
//
// Represents: an ordered list of drawing commands in logical pixels (origin
// top-left, y down) for a screen of width() x height(), produced by host/core
// and turned into pixels by host/ui. Nothing in it knows about SDL, so board
// logic and layout are tested without a display.
//
// Text is UTF-8 with the script it is written in, so the renderer can pick the
// font and set HarfBuzz's script for correct shaping (Devanagari, Malayalam).
// Text bytes live in one arena inside the list: after the first frames,
// clear() + rebuilding allocates nothing.
//
// screenName/screenSerial identify the screen shown ("board:en-alpha",
// "help"); the serial changes whenever a different screen appears, which is
// when the app saves a screenshot. Not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drishti::host {

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color&) const = default;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;  // logical px
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
  bool operator==(const Rect&) const = default;
};

enum class Script : std::uint8_t { kLatin, kDevanagari, kMalayalam, kHan };

enum class Align : std::uint8_t { kStart, kCentre, kEnd };

enum class DrawKind : std::uint8_t {
  kFillRect,      // rect filled with color, corners rounded by radius
  kFrameRect,     // rect outline of the given thickness
  kText,          // text laid out inside rect (one line, shrunk to fit if needed)
  kProgressRing,  // ring inscribed in rect, filled clockwise from 12 o'clock to `progress`
};

struct DrawCommand {
  DrawKind kind = DrawKind::kFillRect;
  Rect rect;
  Color color;
  float radius = 0;     // px, kFillRect/kFrameRect
  float thickness = 0;  // px, kFrameRect/kProgressRing
  float progress = 0;   // 0..1, kProgressRing
  float textSize = 0;   // px (font height), kText
  Script script = Script::kLatin;
  Align align = Align::kCentre;
  std::uint32_t textOffset = 0;  // into the list's text arena, kText
  std::uint32_t textLength = 0;
};

class DrawList {
 public:
  void reset(int width, int height, Color background);
  void setScreen(std::string_view name, std::uint32_t serial);

  void fillRect(Rect r, Color c, float radius = 0);
  void frameRect(Rect r, Color c, float thickness, float radius = 0);
  void text(Rect r, std::string_view utf8, float sizePx, Color c, Script script,
            Align align = Align::kCentre);
  void progressRing(Rect r, float progress, Color c, float thickness);

  int width() const { return width_; }
  int height() const { return height_; }
  Color background() const { return background_; }
  const std::vector<DrawCommand>& commands() const { return commands_; }
  std::string_view textOf(const DrawCommand& c) const {
    return std::string_view(arena_).substr(c.textOffset, c.textLength);
  }
  std::string_view screenName() const { return screenName_; }
  std::uint32_t screenSerial() const { return screenSerial_; }

 private:
  int width_ = 0;
  int height_ = 0;
  Color background_;
  std::vector<DrawCommand> commands_;
  std::string arena_;
  std::string screenName_;
  std::uint32_t screenSerial_ = 0;
};

}  // namespace drishti::host
