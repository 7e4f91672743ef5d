// ScanSelector: switch scanning, automatic, with a blink or a key as the switch.
//
// The targets form a tree by scan.mode: rows then keys (rows), sections then
// rows then keys (groups: board, text bar, navigation bar), or a flat list
// (linear). The children of the current node are highlighted in turn, each
// for scan.interval_ms (the first one scan.first_delay_ms longer, and
// scan.restart_delay_ms longer still when scanning starts again from the
// top after a selection or on a new screen); after the
// last comes the first again. A blink is reported when the eyes open, and
// the highlight may have moved on while they were shut: a blink acts on what
// was highlighted when the eyes closed (the person chose what they saw).
// The switch (a blink of blink.min_ms..max_ms, or
// switch 0 pressed) enters the highlighted group, or selects the highlighted
// key and starts again from the top. A longer blink (blink.max_ms ..
// scan.back_max_ms) or switch 1 steps back up one level and scans it again
// from its first group (after the first delay); after scan.loops passes
// through a group with no selection, scanning steps back up by itself and
// goes on from that group.
// Huffman mode (scan.mode huffman, scan_code.h): no rows; at each step the
// keys of one side of a binary code from the targets' scanWeight are lit. A
// blink means "my key is lit", the step timing out means "it is not"; the
// keys left narrow until one is picked. A key is only ever picked by a
// blink: one reached by "no" is lit alone first, and if that times out too
// scanning starts again from all keys (nothing is selected by waiting, so a
// person who only reads selects nothing). A longer blink starts again from
// all keys at once (after a late blink or a slip).
// With scan.early_blink, the lid samples (InputKind::kEyes) are watched: a
// closure that has lasted blink.min_ms enters the group lit when the eyes
// closed (rows: the row; huffman: the lit keys) then, and the blink reported
// when they open is not counted again (one longer than blink.max_ms still
// steps back). A closure that would pick a key waits for the eyes to open,
// as without the setting, so a long blink never types.
// With scan.gaze_start, the gaze samples (InputKind::kGaze) are watched:
// after a restart from the top, the first group's time starts again when
// the gaze lands on another target, and does not run while the gaze is on
// no target (the message); a cap keeps a lost or wandering gaze from
// holding the scan (access_params.h).
// With scan.adapt, the step is ScanPace's (scan_pace.h): each pick's
// reaction (from the onset of the item picked, lit by a step, to the start
// of the blink or press) is measured; a step back, a pass through a group
// with no selection (rows) and a lone key left unconfirmed (huffman) are
// trouble, the last two only if no blink that began before them comes (a
// long blink may end after the step); the session says through selected()
// whether a key corrects.
// Timing from event stamps only; see access_method.h for the contract.
#pragma once

#include <array>
#include <vector>

#include "host/core/access_method.h"
#include "host/core/scan_code.h"
#include "host/core/scan_pace.h"

namespace drishti::host {

class ScanSelector final : public AccessMethod {
 public:
  explicit ScanSelector(const AccessParams& params) : params_(params), pace_(params.scan) {}

  MethodKind kind() const override { return MethodKind::kScan; }
  void setTargets(std::span<const Target> targets, std::int64_t tUs) override;
  int input(const InputEvent& event) override;
  int advance(std::int64_t tUs) override;
  void reset(std::int64_t tUs) override;
  void view(MethodView& out) const override;
  void selected(bool corrects) override { pace_.selected(corrects); }

  // The step now (scan.interval_ms, or ScanPace's with scan.adapt).
  std::uint32_t stepMs() const { return pace_.stepMs(); }

  // Where the highlight is: a node of the scan tree and a child of it.
  struct Position {
    int node = 0;
    int child = 0;
  };
  Position position() const { return {current_, child_}; }
  // The switch, at a remembered position (blink codes decide after the blinks).
  int pick(Position at, std::int64_t tUs);
  // One level up, scanned from its first group; returns false if already at the top.
  bool stepBack(std::int64_t tUs);
  bool atTop() const { return current_ == 0; }

 private:
  struct Node {
    int begin = 0;  // targets [begin, end)
    int end = 0;
    int firstChild = 0;  // children are nodes [firstChild, firstChild + childCount)
    int childCount = 0;
    int parent = -1;
  };
  bool huffman() const { return params_.scan.mode == ScanMode::kHuffman; }
  int addNode(int begin, int end, int parent);
  void build();
  void split(int node, int level);
  // restart: scanning starts again from the top (scan.restart_delay_ms too).
  void enter(int node, int child, std::int64_t startUs, bool firstDelay, bool restart = false);
  const Node& highlighted() const;
  void remember(std::int64_t tUs, bool onset = true);
  Position positionAt(std::int64_t tUs) const;
  // scan.adapt: a pick at `at` whose blink or press began at startUs.
  void measure(Position at, std::int64_t startUs);
  // scan.adapt: a miss (a pass with no choice, a lone key let go) at tUs,
  // counted as trouble by settleMiss() unless a blink that began before it
  // comes (blinkStartUs; -1: no blink, time passing).
  void missed(std::int64_t tUs);
  void settleMiss(std::int64_t tUs, std::int64_t blinkStartUs);
  std::int64_t missUs_ = -1;

  AccessParams params_;
  ScanPace pace_;
  std::span<const Target> targets_;
  std::vector<Node> nodes_;  // [0] is the root; built in setTargets() only
  ScanCode code_;            // huffman mode: the code; Position::node is its node
  int current_ = 0;
  int child_ = 0;
  std::uint32_t loops_ = 0;
  std::int64_t nextStepUs_ = 0;
  std::int64_t nowUs_ = 0;
  std::array<bool, 8> switchDown_{};
  // Recent highlight positions, newest last: a blink picks what was
  // highlighted when the eyes closed, not when they opened.
  struct Stamped {
    std::int64_t tUs = 0;
    Position at;
    bool onset = true;  // lit by a step: the onset of a reaction (scan.adapt)
  };
  std::array<Stamped, 16> history_{};
  std::size_t historyNext_ = 0, historyCount_ = 0;
  std::int64_t enteredUs_ = 0;  // when the current node was entered
  // scan.early_blink: when the eyes closed (-1: open), and whether that
  // closure has already acted.
  std::int64_t closedUs_ = -1;
  bool closureActed_ = false;
  bool closureLeft_ = false;          // it would pick a key: left to the blink
  void stepTo(std::int64_t untilUs);  // the highlight's steps up to untilUs
  bool picksKey(Position at) const;   // the switch at `at` would select a key
  // scan.gaze_start: the target the gaze is on (-1: none), and whether the
  // first group after a restart is still waiting for it (since restartUs_).
  void gazeAt(const InputEvent& e);
  int gazeTarget_ = -1;  // -2: on the keys, between them
  Rect keysBox_;         // around all targets
  bool waitingForGaze_ = false;
  std::int64_t restartUs_ = 0;
};

}  // namespace drishti::host
