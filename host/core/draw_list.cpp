#include "host/core/draw_list.h"

namespace drishti::host {

void DrawList::reset(int width, int height, Color background) {
  width_ = width;
  height_ = height;
  background_ = background;
  commands_.clear();
  arena_.clear();
}

void DrawList::setScreen(std::string_view name, std::uint32_t serial) {
  screenName_.assign(name);
  screenSerial_ = serial;
}

void DrawList::fillRect(Rect r, Color c, float radius) {
  DrawCommand cmd;
  cmd.kind = DrawKind::kFillRect;
  cmd.rect = r;
  cmd.color = c;
  cmd.radius = radius;
  commands_.push_back(cmd);
}

void DrawList::frameRect(Rect r, Color c, float thickness, float radius) {
  DrawCommand cmd;
  cmd.kind = DrawKind::kFrameRect;
  cmd.rect = r;
  cmd.color = c;
  cmd.thickness = thickness;
  cmd.radius = radius;
  commands_.push_back(cmd);
}

void DrawList::text(Rect r, std::string_view utf8, float sizePx, Color c, Script script,
                    Align align) {
  DrawCommand cmd;
  cmd.kind = DrawKind::kText;
  cmd.rect = r;
  cmd.color = c;
  cmd.textSize = sizePx;
  cmd.script = script;
  cmd.align = align;
  cmd.textOffset = static_cast<std::uint32_t>(arena_.size());
  cmd.textLength = static_cast<std::uint32_t>(utf8.size());
  arena_.append(utf8);
  commands_.push_back(cmd);
}

void DrawList::progressRing(Rect r, float progress, Color c, float thickness) {
  DrawCommand cmd;
  cmd.kind = DrawKind::kProgressRing;
  cmd.rect = r;
  cmd.color = c;
  cmd.thickness = thickness;
  cmd.progress = progress < 0 ? 0 : (progress > 1 ? 1 : progress);
  commands_.push_back(cmd);
}

}  // namespace drishti::host
