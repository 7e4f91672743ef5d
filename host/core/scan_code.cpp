#include "host/core/scan_code.h"

#include <algorithm>
#include <cmath>

namespace drishti::host {
namespace {

struct Draft {
  double chance = 0;
  int a = -1, b = -1;  // children (drafts), -1 for a key
  int target = -1;
};

bool isKey(const std::vector<Draft>& d, int i) {
  return d[static_cast<std::size_t>(i)].a < 0;
}

}  // namespace

void ScanCode::build(std::span<const Target> targets) {
  nodes_.clear();
  order_.clear();
  std::vector<Draft> drafts;
  double sum = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].scanSkip)
      continue;
    const float weight = targets[i].scanWeight;
    const double w = std::isfinite(weight) && weight > 0 ? weight : 0.0;
    drafts.push_back({w, -1, -1, static_cast<int>(i)});
    sum += w;
  }
  if (drafts.empty())
    return;
  const double keys = static_cast<double>(drafts.size());
  // No language model: every key alike. Otherwise a floor, so a key the
  // model thinks impossible (a name, a typo to fix) is still reachable.
  const double floor = sum > 0 ? kFloorShare * sum / keys : 1.0;
  double total = 0;
  for (Draft& d : drafts) {
    d.chance = std::max(d.chance, floor);
    total += d.chance;
  }
  for (Draft& d : drafts)
    d.chance /= total;
  // Huffman: join the two least likely until one is left. A few dozen keys:
  // a linear search for the two smallest is enough. Ties go to the earlier
  // (lower index), so the code is the same on every run.
  std::vector<int> live(drafts.size());
  for (std::size_t i = 0; i < live.size(); ++i)
    live[i] = static_cast<int>(i);
  while (live.size() > 1) {
    std::size_t lo = 0, next = 1;
    if (drafts[static_cast<std::size_t>(live[next])].chance <
        drafts[static_cast<std::size_t>(live[lo])].chance)
      std::swap(lo, next);
    for (std::size_t k = 2; k < live.size(); ++k) {
      const double c = drafts[static_cast<std::size_t>(live[k])].chance;
      if (c < drafts[static_cast<std::size_t>(live[lo])].chance) {
        next = lo;
        lo = k;
      } else if (c < drafts[static_cast<std::size_t>(live[next])].chance) {
        next = k;
      }
    }
    Draft joined;
    joined.a = live[lo];
    joined.b = live[next];
    joined.chance = drafts[static_cast<std::size_t>(joined.a)].chance +
                    drafts[static_cast<std::size_t>(joined.b)].chance;
    drafts.push_back(joined);
    const std::size_t first = std::min(lo, next), second = std::max(lo, next);
    live.erase(live.begin() + static_cast<std::ptrdiff_t>(second));
    live[first] = static_cast<int>(drafts.size()) - 1;
  }
  nodes_.reserve(2 * drafts.size());
  order_.reserve(drafts.size());
  // Depth first, lit child before unlit, so every subtree is one range of order_.
  const auto emit = [&](auto&& self, int d, int parent) -> int {
    const int index = static_cast<int>(nodes_.size());
    nodes_.push_back({});
    const Draft dr = drafts[static_cast<std::size_t>(d)];
    Node n;
    n.parent = parent;
    n.chance = dr.chance;
    n.begin = static_cast<int>(order_.size());
    if (dr.a < 0) {
      order_.push_back(dr.target);
    } else {
      int lit = dr.a, unlit = dr.b;
      const bool keyA = isKey(drafts, dr.a), keyB = isKey(drafts, dr.b);
      const double ca = drafts[static_cast<std::size_t>(dr.a)].chance;
      const double cb = drafts[static_cast<std::size_t>(dr.b)].chance;
      // A "yes" costs a reaction and a deliberate blink (about 1 s), a
      // "no" only the step: between two groups the less likely one is lit,
      // so the dearer answer is the rarer one. A lone key is lit (reached
      // by "no" it would still need a "yes"), and of two lone keys the
      // likelier.
      const bool swapSides = keyA != keyB ? keyB : keyA ? cb > ca : cb < ca;
      if (swapSides)
        std::swap(lit, unlit);
      n.lit = self(self, lit, index);
      n.unlit = self(self, unlit, index);
    }
    n.end = static_cast<int>(order_.size());
    nodes_[static_cast<std::size_t>(index)] = n;
    return index;
  };
  emit(emit, static_cast<int>(drafts.size()) - 1, -1);
}

double ScanCode::chanceOf(int target) const {
  for (const Node& n : nodes_)
    if (n.lit < 0 && order_[static_cast<std::size_t>(n.begin)] == target)
      return n.chance;
  return 0;
}

int ScanCode::depthOf(int target) const {
  int at = -1;
  for (int i = 0; i < nodeCount() && at < 0; ++i) {
    const Node& n = nodes_[static_cast<std::size_t>(i)];
    if (n.lit < 0 && order_[static_cast<std::size_t>(n.begin)] == target)
      at = i;
  }
  if (at < 0)
    return 0;
  const Node& leaf = nodes_[static_cast<std::size_t>(at)];
  // A key reached by "no" is lit alone once more: only a blink may pick it.
  int depth = leaf.parent >= 0 && node(leaf.parent).unlit == at ? 1 : 0;
  if (leaf.parent < 0)
    depth = 1;  // a lone key is still asked about
  for (int i = at; node(i).parent >= 0; i = node(i).parent)
    ++depth;
  return depth;
}

}  // namespace drishti::host
