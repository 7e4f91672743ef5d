#include "host/core/screen_layout.h"

#include <algorithm>
#include <cmath>

#include "host/core/utf8_text.h"

namespace drishti::host {

std::string_view screenKindName(ScreenKind kind) {
  switch (kind) {
    case ScreenKind::kBoard:
      return "board";
    case ScreenKind::kBoardsMenu:
      return "boards";
    case ScreenKind::kRecent:
      return "recent";
    case ScreenKind::kConfirmClearHistory:
      return "confirm-clear-history";
    case ScreenKind::kRest:
      return "rest";
    case ScreenKind::kHelp:
      return "help";
  }
  return "board";
}

namespace {

constexpr std::uint16_t kBoardSection = 0;
constexpr std::uint16_t kBoardSection2 = 1;  // phrases beside their category tabs
constexpr std::uint16_t kTextSection = 2;
constexpr std::uint16_t kNavSection = 3;
constexpr float kPredictionRowWeight = 0.8F;
// Huffman scanning: keys the character model says nothing about, against
// the letters' chances (which sum to 1). Assumptions, not fitted: a
// predicted word is chosen about once a word (Simulated user, BENCHMARKS)
// from up to 4 slots; Delete and Speak are wanted now and then; the rest
// get the code's floor.
constexpr float kWordSlotWeight = 0.05F;
constexpr float kDeleteWeight = 0.03F;
constexpr float kSpeakWeight = 0.02F;

// Each character's chance (and Delete's and Speak's weight) goes to the
// first key doing it in screen order (the board's keys come before the text
// bar's): a second key doing the same (en-scan's own Space and Delete beside
// the text bar's) gets the code's floor, so the chance is not counted twice.
// The text bar's Space types ' ' on boards without their own Space key
// (en-abc): without its chance there, the commonest character was coded
// like a navigation key.
float scanWeightOf(const ScreenKey& k, const std::array<float, 256>* chances,
                   std::array<bool, 256>& claimed, bool& deleteClaimed, bool& speakClaimed) {
  if (chances == nullptr)
    return 0;
  if (k.role == KeyRole::kPrediction)
    return k.label.empty() ? 0.0F : kWordSlotWeight;
  const auto once = [](bool& done, float w) {
    const bool first = !done;
    done = true;
    return first ? w : 0.0F;
  };
  if (k.action == KeyAction::kBackspace)
    return once(deleteClaimed, kDeleteWeight);
  if (k.action == KeyAction::kSpeak)
    return once(speakClaimed, kSpeakWeight);
  if (k.role == KeyRole::kLetter) {  // a predicted letter slot repeats a board key: both weigh
    const char c = k.boardKey != nullptr ? k.boardKey->typedChar() : 0;
    return c != 0 ? (*chances)[static_cast<unsigned char>(c)] : 0;
  }
  char c = 0;
  if (k.role == KeyRole::kCommand && k.action == KeyAction::kSpace)
    c = ' ';
  else if (k.role == KeyRole::kBoardKey && k.boardKey != nullptr && !k.showsSign)
    c = k.boardKey->typedChar();
  if (c == 0)
    return 0;
  return once(claimed[static_cast<unsigned char>(c)], (*chances)[static_cast<unsigned char>(c)]);
}  // of a key row (grid rows weigh 1 by default)

Rect inset(Rect r, float by) {
  return {r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by};
}

float labelSize(Rect r, std::string_view label) {
  // Short labels (letters) fill about half the key; long ones (phrases) start
  // smaller and the renderer shrinks them further to fit the width.
  const std::size_t n = countCodePoints(label);
  const float byHeight = r.h * (n <= 2 ? 0.5F : 0.36F);
  return std::min(byHeight, 96.0F);
}

int autoColumns(int count) {
  if (count <= 3)
    return count;
  return static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
}

}  // namespace

ScreenKey& ScreenLayout::add(Rect r, std::uint16_t section, std::uint16_t row, KeyRole role,
                             std::string_view label) {
  Target t;
  t.rect = r;
  t.section = section;
  t.row = row;
  targets_.push_back(t);
  ScreenKey k;
  k.role = role;
  k.label = label;
  k.textSize = labelSize(r, label);
  keys_.push_back(k);
  return keys_.back();
}

void ScreenLayout::grid(Rect area, int count, int columns, std::uint16_t section, float gap,
                        std::vector<Rect>& rects, std::vector<std::uint16_t>& rows) const {
  (void)section;
  rects.clear();
  rows.clear();
  if (count <= 0)
    return;
  columns = std::max(1, std::min(columns, count));
  const int nRows = (count + columns - 1) / columns;
  const float w = area.w / static_cast<float>(columns);
  const float h = area.h / static_cast<float>(nRows);
  for (int i = 0; i < count; ++i) {
    const int r = i / columns;
    const int c = i % columns;
    rects.push_back(inset({area.x + c * w, area.y + r * h, w, h}, gap / 2));
    rows.push_back(static_cast<std::uint16_t>(r));
  }
}

void ScreenLayout::boardKeys(const LayoutInput& in, Rect area) {
  const Board& b = *in.board;
  const float gap = 6 * in.width / 1280;
  if (b.style == BoardStyle::kGrid) {
    std::uint16_t firstRow = 0;
    float rowsWeight = 0;
    for (const BoardGroup& g : b.groups)
      rowsWeight += g.weight;
    const float slotRows =
        (in.letterSlots > 0 ? 1.0F : 0.0F) + (in.predictionSlots > 0 ? 1.0F : 0.0F);
    const float slotH =
        area.h * kPredictionRowWeight / (kPredictionRowWeight * slotRows + rowsWeight);
    if (in.letterSlots > 0) {
      // The predicted letters, each the board's own key for that letter:
      // scanned first and one by one (each its own scan row), so the
      // likeliest letter is picked with one blink and no row step.
      grid({area.x, area.y, area.w, slotH}, in.letterSlots, in.letterSlots, kBoardSection, gap,
           scratchRects_, scratchRows_);
      for (int i = 0; i < in.letterSlots; ++i) {
        ScreenKey& k = add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection,
                           static_cast<std::uint16_t>(firstRow + i), KeyRole::kLetter, {});
        k.arg = i;
        k.script = b.script;
        k.tone = KeyTone::kText;
      }
      area.y += slotH;
      area.h -= slotH;
      firstRow = static_cast<std::uint16_t>(firstRow + in.letterSlots);
    }
    if (in.predictionSlots > 0) {
      // The predicted words: a row a little lower than a key row, above the
      // keys (where the eyes are after reading the message), first in scan order.
      const float h = slotH;
      grid({area.x, area.y, area.w, h}, in.predictionSlots, in.predictionSlots, kBoardSection, gap,
           scratchRects_, scratchRows_);
      for (int i = 0; i < in.predictionSlots; ++i) {
        ScreenKey& k = add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection, firstRow,
                           KeyRole::kPrediction, {});
        k.arg = i;
        k.script = b.script;
        k.tone = KeyTone::kText;
        k.textSize = std::min(scratchRects_[static_cast<std::size_t>(i)].h * 0.42F, 40.0F);
      }
      area.y += h;
      area.h -= h;
      ++firstRow;
    }
    float totalWeight = 0;
    std::size_t columns = static_cast<std::size_t>(std::max(b.columns, 1));
    for (const BoardGroup& g : b.groups) {
      totalWeight += g.weight;
      columns = std::max(columns, g.keys.size());
    }
    const float w = area.w / static_cast<float>(columns);
    float y = area.y;
    for (std::size_t r = 0; r < b.groups.size(); ++r) {
      const BoardGroup& g = b.groups[r];
      const float h = area.h * g.weight / totalWeight;
      for (std::size_t c = 0; c < g.keys.size(); ++c) {
        const BoardKey& key = g.keys[c];
        ScreenKey& k =
            add(inset({area.x + static_cast<float>(c) * w, y, w, h}, gap / 2), kBoardSection,
                static_cast<std::uint16_t>(r + firstRow), KeyRole::kBoardKey, key.shown());
        k.action = key.action;
        k.boardKey = &key;
        k.script = b.script;
        targets_.back().code = key.code;
        targets_.back().look = key.look;
        targets_.back().dwellMs = key.dwellMs;
      }
      y += h;
    }
    return;
  }
  if (b.style == BoardStyle::kGroups) {
    if (in.openGroup < 0 || in.openGroup >= static_cast<int>(b.groups.size())) {
      const int n = static_cast<int>(b.groups.size());
      grid(area, n, b.columns > 0 ? b.columns : autoColumns(n), kBoardSection, gap, scratchRects_,
           scratchRows_);
      for (int i = 0; i < n; ++i) {
        ScreenKey& k = add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection,
                           scratchRows_[static_cast<std::size_t>(i)], KeyRole::kGroup,
                           b.groups[static_cast<std::size_t>(i)].label);
        k.arg = i;
        k.script = b.script;
        k.tone = KeyTone::kOpen;
      }
      return;
    }
    const BoardGroup& g = b.groups[static_cast<std::size_t>(in.openGroup)];
    const int n = static_cast<int>(g.keys.size()) + 1;
    grid(area, n, autoColumns(n), kBoardSection, gap, scratchRects_, scratchRows_);
    for (int i = 0; i + 1 < n; ++i) {
      const BoardKey& key = g.keys[static_cast<std::size_t>(i)];
      ScreenKey& k =
          add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection,
              scratchRows_[static_cast<std::size_t>(i)], KeyRole::kBoardKey, key.shown());
      k.action = key.action;
      k.boardKey = &key;
      k.script = b.script;
      targets_.back().code = key.code;
      targets_.back().look = key.look;
      targets_.back().dwellMs = key.dwellMs;
    }
    ScreenKey& back =
        add(scratchRects_.back(), kBoardSection, scratchRows_.back(), KeyRole::kCloseGroup, "Back");
    back.tone = KeyTone::kNav;
    return;
  }
  // Tabs: categories down the left, the open category's phrases beside them.
  const Rect tabs{area.x, area.y, area.w * 0.24F, area.h};
  const Rect items{area.x + tabs.w, area.y, area.w - tabs.w, area.h};
  const int nTabs = static_cast<int>(b.groups.size());
  grid(tabs, nTabs, 1, kBoardSection, gap, scratchRects_, scratchRows_);
  for (int i = 0; i < nTabs; ++i) {
    ScreenKey& k = add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection,
                       static_cast<std::uint16_t>(i), KeyRole::kTab,
                       b.groups[static_cast<std::size_t>(i)].label);
    k.arg = i;
    k.script = b.script;
    k.tone = i == in.openTab ? KeyTone::kOpen : KeyTone::kNav;
  }
  const int tab = std::clamp(in.openTab, 0, std::max(nTabs - 1, 0));
  if (nTabs == 0)
    return;
  const BoardGroup& g = b.groups[static_cast<std::size_t>(tab)];
  const int n = static_cast<int>(g.keys.size());
  const int columns = b.columns > 0 ? b.columns : (n <= 6 ? 2 : n <= 12 ? 3 : 4);
  grid(items, n, columns, kBoardSection2, gap, scratchRects_, scratchRows_);
  for (int i = 0; i < n; ++i) {
    const BoardKey& key = g.keys[static_cast<std::size_t>(i)];
    ScreenKey& k = add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection2,
                       scratchRows_[static_cast<std::size_t>(i)], KeyRole::kBoardKey, key.shown());
    k.action = key.action;
    k.boardKey = &key;
    k.script = b.script;
    targets_.back().code = key.code;
    targets_.back().look = key.look;
    targets_.back().dwellMs = key.dwellMs;
  }
}

void ScreenLayout::textBar(const LayoutInput& in, Rect column) {
  (void)in;
  struct Item {
    const char* label;
    KeyAction action;
    KeyTone tone;
  };
  static constexpr Item kItems[] = {
      {"Speak", KeyAction::kSpeak, KeyTone::kSpeak},
      {"Delete", KeyAction::kBackspace, KeyTone::kText},
      {"Space", KeyAction::kSpace, KeyTone::kText},
      {"Clear", KeyAction::kClear, KeyTone::kText},
      {"Undo", KeyAction::kUndo, KeyTone::kText},
      {"Recent", KeyAction::kRecent, KeyTone::kText},
  };
  const float gap = 6 * in.width / 1280;
  grid(column, 6, 1, kTextSection, gap, scratchRects_, scratchRows_);
  for (std::size_t i = 0; i < 6; ++i) {
    ScreenKey& k = add(scratchRects_[i], kTextSection, 0, KeyRole::kCommand, kItems[i].label);
    k.action = kItems[i].action;
    k.tone = kItems[i].tone;
    k.textSize = std::min(scratchRects_[i].h * 0.36F, 34.0F);
  }
}

void ScreenLayout::navBar(Rect bar) {
  struct Item {
    const char* label;
    KeyAction action;
    int arg;
    KeyTone tone;
  };
  static constexpr Item kItems[] = {
      {"Letters", KeyAction::kBoard, static_cast<int>(NavBoard::kLetters), KeyTone::kNav},
      {"Phrases", KeyAction::kBoard, static_cast<int>(NavBoard::kPhrases), KeyTone::kNav},
      {"Yes / No", KeyAction::kBoard, static_cast<int>(NavBoard::kYesNo), KeyTone::kNav},
      {"Boards", KeyAction::kBoards, 0, KeyTone::kNav},
      {"Rest", KeyAction::kRest, 0, KeyTone::kRest},
      {"Help", KeyAction::kHelp, 0, KeyTone::kHelp},
  };
  const float gap = 6 * bar.w / 1280;
  grid(bar, 6, 6, kNavSection, gap, scratchRects_, scratchRows_);
  for (std::size_t i = 0; i < 6; ++i) {
    ScreenKey& k = add(scratchRects_[i], kNavSection, 0, KeyRole::kCommand, kItems[i].label);
    k.action = kItems[i].action;
    k.arg = kItems[i].arg;
    k.tone = kItems[i].tone;
    k.textSize = std::min(scratchRects_[i].h * 0.38F, 34.0F);
  }
}

void ScreenLayout::build(const LayoutInput& in) {
  targets_.clear();
  keys_.clear();
  const float W = in.width;
  const float H = in.height;
  const float statusH = 0.045F * H;
  const float textH = 0.125F * H;
  const float navH = 0.12F * H;
  const float columnW = 0.13F * W;
  const float gap = 6 * W / 1280;
  showTextBar_ = false;
  showNav_ = false;
  textRect_ = statusRect_ = titleRect_ = wakeRect_ = Rect{};

  switch (in.screen) {
    case ScreenKind::kBoard:
    case ScreenKind::kBoardsMenu:
    case ScreenKind::kRecent: {
      showNav_ = true;
      showTextBar_ = in.screen != ScreenKind::kBoard || in.board == nullptr || in.board->textBar;
      float top = 0;
      if (showTextBar_) {
        textRect_ = {0, 0, W, textH};
        top = textH;
      }
      statusRect_ = {0, top, W, statusH};
      top += statusH;
      const Rect area{0, top, showTextBar_ ? W - columnW : W, H - navH - top};
      if (in.screen == ScreenKind::kBoard && in.board != nullptr) {
        boardKeys(in, area);
      } else if (in.screen == ScreenKind::kBoardsMenu && in.menu != nullptr) {
        const int n = static_cast<int>(in.menu->size());
        grid(area, n,
             n <= 6    ? 2
             : n <= 12 ? 3
                       : 4,
             kBoardSection, gap, scratchRects_, scratchRows_);
        for (int i = 0; i < n; ++i) {
          const Board* b = (*in.menu)[static_cast<std::size_t>(i)];
          ScreenKey& k =
              add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection,
                  scratchRows_[static_cast<std::size_t>(i)], KeyRole::kMenuItem, b->title);
          k.arg = i;
          k.script = b->script;
          k.tone = b == in.board ? KeyTone::kOpen : KeyTone::kNormal;
        }
      } else if (in.screen == ScreenKind::kRecent && in.recent != nullptr) {
        const int n = static_cast<int>(in.recent->size());
        const int items = n + (n > 0 || in.hasHistory ? 1 : 0);
        grid(area, items, 2, kBoardSection, gap, scratchRects_, scratchRows_);
        for (int i = 0; i < n; ++i) {
          const std::string& m = (*in.recent)[static_cast<std::size_t>(i)];
          ScreenKey& k = add(scratchRects_[static_cast<std::size_t>(i)], kBoardSection,
                             scratchRows_[static_cast<std::size_t>(i)], KeyRole::kRecentItem, m);
          k.arg = i;
          k.script = dominantScript(m);
        }
        if (items > n) {
          ScreenKey& k = add(scratchRects_.back(), kBoardSection, scratchRows_.back(),
                             KeyRole::kAskClearHistory, "Delete saved messages");
          k.tone = KeyTone::kRest;
        }
      }
      if (showTextBar_)
        textBar(in, {W - columnW, top, columnW, H - navH - top});
      navBar({0, H - navH, W, navH});
      break;
    }
    case ScreenKind::kConfirmClearHistory: {
      showNav_ = true;
      statusRect_ = {0, 0, W, statusH};
      titleRect_ = {0, statusH, W, 0.25F * H};
      const Rect area{0.05F * W, statusH + 0.27F * H, 0.9F * W, H - navH - statusH - 0.3F * H};
      grid(area, 2, 2, kBoardSection, 4 * gap, scratchRects_, scratchRows_);
      ScreenKey& yes =
          add(scratchRects_[0], kBoardSection, 0, KeyRole::kConfirmYes, "Yes, delete them");
      yes.tone = KeyTone::kRest;
      ScreenKey& no = add(scratchRects_[1], kBoardSection, 0, KeyRole::kConfirmNo, "No, keep them");
      no.tone = KeyTone::kBig;
      navBar({0, H - navH, W, navH});
      break;
    }
    case ScreenKind::kRest:
      titleRect_ = {0, 0.12F * H, W, 0.2F * H};
      statusRect_ = {0.05F * W, 0.34F * H, 0.9F * W, 0.16F * H};
      wakeRect_ = {W / 2 - 0.13F * H, 0.55F * H, 0.26F * H, 0.26F * H};
      break;
    case ScreenKind::kHelp:
      // No key: a glance, a blink or a scanning switch must never cancel a
      // call for help. The person cancels it with the help gesture again
      // (host_session.h); a caregiver with Escape.
      titleRect_ = {0, 0.1F * H, W, 0.4F * H};
      statusRect_ = {0.05F * W, 0.55F * H, 0.9F * W, 0.2F * H};
      break;
  }
  relabel(in);
}

bool ScreenLayout::relabel(const LayoutInput& in) {
  bool skipsChanged = false;
  const auto setSkip = [&](std::size_t i, bool skip) {
    if (targets_[i].scanSkip != skip) {
      targets_[i].scanSkip = skip;
      skipsChanged = true;
    }
  };
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    ScreenKey& k = keys_[i];
    if (k.role == KeyRole::kPrediction) {
      const bool has =
          in.predictions != nullptr && k.arg < static_cast<int>(in.predictions->size());
      k.label = has ? std::string_view((*in.predictions)[static_cast<std::size_t>(k.arg)])
                    : std::string_view();
      k.dim = !has;
      setSkip(i, !has);
      continue;
    }
    if (k.role == KeyRole::kLetter) {
      const bool has = in.letters != nullptr && k.arg < static_cast<int>(in.letters->size());
      k.boardKey = has ? (*in.letters)[static_cast<std::size_t>(k.arg)] : nullptr;
      k.action = k.boardKey != nullptr ? k.boardKey->action : KeyAction::kInsert;
      k.label = k.boardKey != nullptr ? k.boardKey->shown() : std::string_view();
      k.textSize = labelSize(targets_[i].rect, k.label);
      k.dim = k.boardKey == nullptr;
      setSkip(i, k.boardKey == nullptr);
      continue;
    }
    if (k.role == KeyRole::kCommand && k.action == KeyAction::kUndo)
      k.dim = !in.canUndo;
    if (k.role != KeyRole::kBoardKey || k.boardKey == nullptr || k.boardKey->sign.empty())
      continue;
    const bool sign =
        !in.consonant.empty() && in.consonant.size() + k.boardKey->sign.size() <= k.own.size();
    k.showsSign = sign;
    k.ownLength = 0;
    if (sign) {
      std::copy(in.consonant.begin(), in.consonant.end(), k.own.begin());
      std::copy(k.boardKey->sign.begin(), k.boardKey->sign.end(),
                k.own.begin() + in.consonant.size());
      k.ownLength = static_cast<std::uint8_t>(in.consonant.size() + k.boardKey->sign.size());
    }
  }
  std::array<bool, 256> claimed{};
  bool deleteClaimed = false, speakClaimed = false;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const float w = scanWeightOf(keys_[i], in.chances, claimed, deleteClaimed, speakClaimed);
    if (targets_[i].scanWeight != w) {
      targets_[i].scanWeight = w;
      skipsChanged = true;
    }
  }
  return skipsChanged;
}

}  // namespace drishti::host
