// ScreenshotWriter: --screenshot-dir, a PNG of every new screen.
//
// Represents: the folder of screenshots of one run. save() writes a rendered
// screen as NAME.png and, beside it, NAME.txt listing the screen
// and every text command of its draw list (where it is, size, script,
// colour, text), so a person or a test can tell what the image should show
// without reading pixels:
//   screen <TAB> name <TAB> serial <TAB> WxH <TAB> scale <TAB> offset_x <TAB> offset_y
//   text <TAB> x <TAB> y <TAB> w <TAB> h <TAB> size <TAB> script <TAB> align <TAB> r,g,b,a <TAB>
//   utf8
// (rects and sizes in logical px; image px = logical * scale + offset).
// Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "host/core/draw_list.h"
#include "host/ui/png_writer.h"

namespace drishti::app {

class ScreenshotWriter {
 public:
  // Creates the folder if needed; false with `error` naming it when it cannot.
  bool open(const std::filesystem::path& dir, std::string& error);
  bool isOpen() const { return !dir_.empty(); }

  // Saves `image` (the rendered `list`) as "NNNN-<screen name>" (NNNN
  // counting from 0001), or as `name` when given (e.g. "last"). Returns the
  // PNG path, or empty with `error`.
  std::filesystem::path save(const ui::RgbaImage& image, const host::DrawList& list, float scale,
                             float offsetX, float offsetY, std::string& error,
                             const std::string& name = {});
  int saved() const { return saved_; }

 private:
  std::filesystem::path dir_;
  int counter_ = 0;
  int saved_ = 0;
};

}  // namespace drishti::app
