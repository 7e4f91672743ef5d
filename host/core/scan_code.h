// ScanCode: the binary code of Huffman scanning, as a tree of yes/no questions.
//
// Represents: for one screen, which keys are lit at each step of Huffman
// scanning (Roark, Beckley, Gibbons & Fried-Oken, "Huffman scanning: using
// language models within fixed-grid keyboard emulation", Computer Speech and
// Language 27(6), 2013): a Huffman code (Huffman 1952) over the keys, from
// the chance of each being the next one wanted, so the expected number of
// questions a key costs is as low as a binary code allows. Each inner node
// is one question "is your key lit?": its `lit` child is answered by a blink,
// its `unlit` child by the step timing out. The keys stay where they are on
// the screen; only which of them are lit changes.
// A node's keys are order()[begin, end): every subtree is a contiguous range
// of order(), so drawing or testing a lit set never allocates.
// Which child is lit: a child that is a single key, when the other is not
// (a blink then picks it at once; reached by "no" it would need a "yes"
// too); of two single keys the likelier; of two groups the less likely,
// because a "yes" costs a reaction and a deliberate blink (about 1 s) and a
// "no" only the step (0.7 s at the settings measured), so the dearer answer
// should be the rarer one (measured: docs/BENCHMARKS.md).
// Requires: Target::scanWeight >= 0; a negative or NaN weight counts as 0. Keys with weight 0 get a
// floor (kFloorShare of an even share) so every key can be reached; all 0 (no language model) gives
// every key the same chance. Targets marked scanSkip (empty slots) get no code. Ensures: build()
// allocates; the accessors do not. Not thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "host/core/target.h"

namespace drishti::host {

class ScanCode {
 public:
  struct Node {
    int begin = 0;  // keys: order()[begin, end)
    int end = 0;
    int lit = -1;    // child answered by "yes" (a blink); -1 for a single key
    int unlit = -1;  // child answered by "no" (the step times out)
    int parent = -1;
    double chance = 0;  // summed chance of its keys (all keys sum to 1)
  };
  static constexpr double kFloorShare = 0.05;

  void build(std::span<const Target> targets);

  bool empty() const { return nodes_.empty(); }
  int root() const { return 0; }
  const Node& node(int i) const { return nodes_[static_cast<std::size_t>(i)]; }
  int nodeCount() const { return static_cast<int>(nodes_.size()); }
  const std::vector<int>& order() const { return order_; }
  // Questions (steps) the key with this target index costs; 0 if it has no code.
  int depthOf(int target) const;
  // The chance the code gave the key with this target index; 0 if it has no code.
  double chanceOf(int target) const;

 private:
  std::vector<Node> nodes_;  // [0] is the root
  std::vector<int> order_;   // target indices, each subtree contiguous
};

}  // namespace drishti::host
