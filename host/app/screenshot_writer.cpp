#include "host/app/screenshot_writer.h"

#include <cstdio>
#include <fstream>

#include "host/ui/png_writer.h"

namespace drishti::app {
namespace {

const char* scriptName(host::Script s) {
  switch (s) {
    case host::Script::kLatin:
      return "latin";
    case host::Script::kDevanagari:
      return "devanagari";
    case host::Script::kMalayalam:
      return "malayalam";
    case host::Script::kHan:
      return "han";
  }
  return "?";
}

const char* alignName(host::Align a) {
  switch (a) {
    case host::Align::kStart:
      return "start";
    case host::Align::kCentre:
      return "centre";
    case host::Align::kEnd:
      return "end";
  }
  return "?";
}

// Screen names like "board:en-abc" become file-name safe "board_en-abc".
std::string safeName(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  return out.empty() ? "screen" : out;
}

std::string oneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\t' || c == '\r')
      c = ' ';
  }
  return out;
}

}  // namespace

bool ScreenshotWriter::open(const std::filesystem::path& dir, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    error = dir.string() + ": cannot create the screenshot folder (" +
            (ec ? ec.message() : "not a folder") + ")";
    return false;
  }
  dir_ = dir;
  return true;
}

std::filesystem::path ScreenshotWriter::save(const ui::RgbaImage& image, const host::DrawList& list,
                                             float scale, float offsetX, float offsetY,
                                             std::string& error, const std::string& name) {
  std::string base = name;
  if (base.empty()) {
    char number[16];
    std::snprintf(number, sizeof number, "%04d-", ++counter_);
    base = number + safeName(list.screenName());
  }
  const auto png = dir_ / (base + ".png");
  if (!ui::writePng(png, image, error))
    return {};
  std::ofstream txt(dir_ / (base + ".txt"), std::ios::trunc);
  txt << "screen\t" << oneLine(list.screenName()) << '\t' << list.screenSerial() << '\t'
      << list.width() << 'x' << list.height() << '\t' << scale << '\t' << offsetX << '\t' << offsetY
      << '\n';
  for (const host::DrawCommand& c : list.commands()) {
    if (c.kind != host::DrawKind::kText)
      continue;
    txt << "text\t" << c.rect.x << '\t' << c.rect.y << '\t' << c.rect.w << '\t' << c.rect.h << '\t'
        << c.textSize << '\t' << scriptName(c.script) << '\t' << alignName(c.align) << '\t'
        << int(c.color.r) << ',' << int(c.color.g) << ',' << int(c.color.b) << ',' << int(c.color.a)
        << '\t' << oneLine(list.textOf(c)) << '\n';
  }
  if (!txt) {
    error = (dir_ / (base + ".txt")).string() + ": cannot be written";
    return {};
  }
  ++saved_;
  return png;
}

}  // namespace drishti::app
