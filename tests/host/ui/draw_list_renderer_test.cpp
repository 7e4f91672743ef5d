#include "host/ui/draw_list_renderer.h"

#include <catch2/catch.hpp>

#include "host/ui/png_writer.h"
#include "tests/host/ui/offscreen.h"
#include "tests/host/ui/text_compare.h"

using namespace drishti::ui;
using namespace drishti::host;
using drishti::ui::test::fonts;
using drishti::ui::test::Offscreen;

namespace {

constexpr Color kBackground{20, 30, 40, 255};
constexpr Color kRed{220, 30, 30, 255};
constexpr Color kGreen{30, 200, 60, 255};
constexpr Color kBlue{40, 80, 230, 255};
constexpr Color kWhite{255, 255, 255, 255};

// The bounding box of pixels that are not the background, inside `area`.
SDL_Rect inkBox(const Offscreen& out, SDL_Rect area, Color background) {
  int x0 = area.x + area.w, y0 = area.y + area.h, x1 = area.x - 1, y1 = area.y - 1;
  for (int y = area.y; y < area.y + area.h; ++y) {
    for (int x = area.x; x < area.x + area.w; ++x) {
      if (!(out.at(x, y) == background)) {
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x);
        y1 = std::max(y1, y);
      }
    }
  }
  return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

}  // namespace

TEST_CASE("every draw command kind lands in the right pixels with its colour") {
  Offscreen out(400, 300);
  DrawListRenderer renderer(out.renderer(), fonts());
  DrawList list;
  list.reset(400, 300, kBackground);
  list.fillRect({10, 10, 100, 60}, kRed);
  list.fillRect({130, 10, 100, 60}, kGreen, 20);
  list.frameRect({250, 10, 100, 60}, kBlue, 6, 0);
  list.progressRing({10, 100, 100, 100}, 0.25F, kWhite, 12);
  list.text({130, 100, 260, 80}, "HELLO", 48, kWhite, Script::kLatin);
  renderer.render(list);

  CHECK(out.at(395, 295) == kBackground);
  // Filled rect: inside and just outside its edges.
  CHECK(out.at(10, 10) == kRed);
  CHECK(out.at(109, 69) == kRed);
  CHECK(out.at(110, 40) == kBackground);
  CHECK(out.at(60, 70) == kBackground);
  // Rounded rect: the corner is cut, the centre and edge midpoints filled.
  CHECK(out.at(131, 11) == kBackground);
  CHECK(out.at(180, 40) == kGreen);
  CHECK(out.at(180, 10) == kGreen);
  CHECK(out.at(130, 40) == kGreen);
  // Frame: its 6 px border drawn, its inside left alone.
  CHECK(out.at(250, 10) == kBlue);
  CHECK(out.at(255, 40) == kBlue);
  CHECK(out.at(256, 40) == kBackground);
  CHECK(out.at(300, 40) == kBackground);
  CHECK(out.at(349, 69) == kBlue);
  // Progress ring, a quarter: 12 to 3 o'clock drawn, the rest not.
  CHECK(out.at(60 + 30, 150 - 30) == kWhite);       // 1:30, in the ring (radius ~44)
  CHECK(out.at(60 - 30, 150 + 30) == kBackground);  // 7:30
  CHECK(out.at(60 - 30, 150 - 30) == kBackground);  // 10:30
  CHECK(out.at(60, 150) == kBackground);            // the hole
  // Text: white ink centred in its rect, nothing outside it.
  const SDL_Rect ink = inkBox(out, {130, 100, 260, 80}, kBackground);
  CHECK(ink.w > 100);
  CHECK(ink.h > 25);
  CHECK(std::abs((ink.x + ink.w / 2) - 260) <= 3);
  CHECK(std::abs((ink.y + ink.h / 2) - 140) <= 6);
  CHECK(out.at(ink.x + ink.w / 2, ink.y + ink.h / 2).r > 0);
}

TEST_CASE("translucent fills blend with what is under them") {
  Offscreen out(100, 100);
  DrawListRenderer renderer(out.renderer(), fonts());
  DrawList list;
  list.reset(100, 100, {0, 0, 0, 255});
  list.fillRect({0, 0, 100, 100}, {200, 0, 0, 255});
  list.fillRect({0, 0, 50, 100}, {0, 0, 200, 128});
  renderer.render(list);
  const Color mixed = out.at(25, 50);
  CHECK(mixed.r > 80);
  CHECK(mixed.r < 120);
  CHECK(mixed.b > 80);
  CHECK(mixed.b < 120);
  CHECK(out.at(75, 50) == Color{200, 0, 0, 255});
}

TEST_CASE("text aligns to the start, centre or end of its rect") {
  Offscreen out(600, 300);
  DrawListRenderer renderer(out.renderer(), fonts());
  DrawList list;
  list.reset(600, 300, kBackground);
  list.text({0, 0, 600, 100}, "abc", 40, kWhite, Script::kLatin, Align::kStart);
  list.text({0, 100, 600, 100}, "abc", 40, kWhite, Script::kLatin, Align::kCentre);
  list.text({0, 200, 600, 100}, "abc", 40, kWhite, Script::kLatin, Align::kEnd);
  renderer.render(list);
  const SDL_Rect a = inkBox(out, {0, 0, 600, 100}, kBackground);
  const SDL_Rect b = inkBox(out, {0, 100, 600, 100}, kBackground);
  const SDL_Rect c = inkBox(out, {0, 200, 600, 100}, kBackground);
  CHECK(a.x < 20);
  CHECK(std::abs(b.x + b.w / 2 - 300) <= 3);
  CHECK(c.x + c.w > 580);
}

TEST_CASE("text too wide for its rect is shrunk to fit on one line") {
  Offscreen out(300, 100);
  DrawListRenderer renderer(out.renderer(), fonts());
  DrawList list;
  list.reset(300, 100, kBackground);
  list.text({50, 0, 200, 100}, "a rather long phrase for a key", 40, kWhite, Script::kLatin);
  renderer.render(list);
  const SDL_Rect ink = inkBox(out, {0, 0, 300, 100}, kBackground);
  CHECK(ink.x >= 50);
  CHECK(ink.x + ink.w <= 250);
  CHECK(ink.w > 150);  // shrunk, not cut
}

TEST_CASE("a draw list is scaled to fit the output, centred") {
  Offscreen out(1280, 900);
  DrawListRenderer renderer(out.renderer(), fonts());
  DrawList list;
  list.reset(640, 400, kBackground);
  list.fillRect({100, 100, 10, 10}, kRed);
  renderer.render(list);
  CHECK(renderer.scale() == 2.0F);
  CHECK(renderer.offsetY() == 50.0F);
  CHECK(out.at(200, 250) == kRed);
  CHECK(out.at(219, 269) == kRed);
  CHECK(out.at(220, 250) == kBackground);
  CHECK(out.at(10, 10) == Color{0, 0, 0, 255});  // letterbox bar
  CHECK(out.at(10, 60) == kBackground);
}

TEST_CASE("a steady screen is drawn from the text cache without shaping again") {
  Offscreen out(800, 600);
  DrawListRenderer renderer(out.renderer(), fonts());
  DrawList list;
  list.reset(800, 600, kBackground);
  const char* words[] = {"water", "पानी", "വെള്ളം", "水", "a rather long phrase for a small key"};
  const Script scripts[] = {Script::kLatin, Script::kDevanagari, Script::kMalayalam, Script::kHan,
                            Script::kLatin};
  for (int i = 0; i < 5; ++i)
    list.text({0, 100.0F * i, 120, 100}, words[i], 36, kWhite, scripts[i]);
  renderer.render(list);
  const auto first = renderer.textCache().stats();
  CHECK(first.misses >= 5);
  CHECK(first.failures == 0);
  renderer.render(list);
  renderer.render(list);
  const auto later = renderer.textCache().stats();
  CHECK(later.misses == first.misses);
  CHECK(later.hits > first.hits);
}

TEST_CASE("the text cache evicts textures that are no longer shown") {
  Offscreen out(200, 100);
  DrawListRenderer renderer(out.renderer(), fonts());
  DrawList list;
  for (int i = 0; i < 700; ++i) {
    list.reset(200, 100, kBackground);
    list.text({0, 0, 200, 100}, std::to_string(i), 20, kWhite, Script::kLatin);
    renderer.render(list);
  }
  CHECK(renderer.textCache().size() <= 512 + 1);
  CHECK(renderer.textCache().stats().evictions > 0);
}

TEST_CASE("Hindi and Malayalam are drawn shaped: as SDL2_ttf draws them with the script set") {
  struct Case {
    const char* text;
    Script script;
  };
  for (const Case& c :
       {Case{"मुझे पानी चाहिए", Script::kDevanagari}, Case{"എനിക്ക് വെള്ളം വേണം", Script::kMalayalam},
        Case{"क्ष त्र ज्ञ श्र", Script::kDevanagari}}) {
    DYNAMIC_SECTION(c.text) {
      Offscreen out(900, 120);
      DrawListRenderer renderer(out.renderer(), fonts());
      DrawList list;
      list.reset(900, 120, kBackground);
      list.text({0, 0, 900, 120}, c.text, 48, kWhite, c.script, Align::kStart);
      renderer.render(list);
      RgbaImage shot;
      std::string error;
      REQUIRE(readRenderer(out.renderer(), shot, error));
      const auto shaped = test::referenceText(fonts().face(c.script), c.script, c.text, 48, true);
      const auto unshaped =
          test::referenceText(fonts().face(c.script), c.script, c.text, 48, false);
      const SDL_Rect area{0, 0, 900, 120};
      const double matchShaped = test::bestMatch(shot, area, kBackground, shaped);
      const double matchUnshaped = test::bestMatch(shot, area, kBackground, unshaped);
      INFO("shaped " << matchShaped << " unshaped " << matchUnshaped);
      CHECK(matchShaped > 0.97);
      CHECK(matchUnshaped < 0.9);  // so the check above could fail
    }
  }
}
