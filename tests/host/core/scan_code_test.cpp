#include "host/core/scan_code.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace drishti::host;

namespace {

std::vector<Target> weighted(const std::vector<float>& weights) {
  std::vector<Target> t(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i)
    t[i].scanWeight = weights[i];
  return t;
}

}  // namespace

TEST_CASE("a Huffman scan code asks fewer questions about likelier keys") {
  // Chances 1/2, 1/4, 1/8, 1/8: an optimal code takes 1, 2, 3, 3 questions,
  // plus one when a key is reached by "no" and must still be confirmed.
  ScanCode code;
  const auto targets = weighted({0.5F, 0.25F, 0.125F, 0.125F});
  code.build(targets);
  REQUIRE(!code.empty());
  CHECK(code.depthOf(0) == 1);  // lit alone at the first step: one blink picks it
  CHECK(code.depthOf(1) == 2);
  CHECK(code.depthOf(2) + code.depthOf(3) == 3 + 4);  // the pair: one confirmed after a "no"
  // The root holds every key, and each node's keys are its children's.
  const ScanCode::Node& root = code.node(code.root());
  CHECK(root.end - root.begin == 4);
  CHECK(std::abs(root.chance - 1.0) < 1e-9);
  for (int i = 0; i < code.nodeCount(); ++i) {
    const ScanCode::Node& n = code.node(i);
    if (n.lit < 0) {
      CHECK(n.end - n.begin == 1);
      continue;
    }
    const ScanCode::Node& a = code.node(n.lit);
    const ScanCode::Node& b = code.node(n.unlit);
    CHECK(a.begin == n.begin);
    CHECK(a.end == b.begin);
    CHECK(b.end == n.end);
  }
}

TEST_CASE("a Huffman scan code lights the less likely of two groups, a key beside a group") {
  // A "yes" (reaction and blink) costs more than a "no" (the step): the
  // rarer answer should be the dearer one. Chances .3 .3 .2 .2: groups
  // {.3,.3} and {.2,.2}; the less likely group is lit first.
  ScanCode code;
  const auto targets = weighted({0.3F, 0.3F, 0.2F, 0.2F});
  code.build(targets);
  const ScanCode::Node& root = code.node(code.root());
  REQUIRE(root.lit >= 0);
  const ScanCode::Node& lit = code.node(root.lit);
  const ScanCode::Node& unlit = code.node(root.unlit);
  CHECK(lit.end - lit.begin == 2);
  CHECK(lit.chance < unlit.chance);
  // Of two single keys the likelier is lit (the other, reached by "no",
  // needs a "yes" as well); a single key beside a group is lit.
  ScanCode three;
  const auto t3 = weighted({0.5F, 0.3F, 0.2F});
  three.build(t3);
  const ScanCode::Node& top = three.node(three.root());
  CHECK(three.node(top.lit).end - three.node(top.lit).begin == 1);
  CHECK(three.order()[static_cast<std::size_t>(three.node(top.lit).begin)] == 0);
  const ScanCode::Node& pair = three.node(top.unlit);
  CHECK(three.order()[static_cast<std::size_t>(three.node(pair.lit).begin)] == 1);
}

TEST_CASE("a Huffman scan code reaches every key, even one the model rules out") {
  std::vector<float> w(30, 0.0F);
  w[4] = 10;
  w[7] = 5;
  auto targets = weighted(w);
  targets[12].scanSkip = true;  // an empty slot gets no code
  ScanCode code;
  code.build(targets);
  std::vector<int> keys = code.order();
  std::sort(keys.begin(), keys.end());
  CHECK(keys.size() == 29);
  CHECK(std::find(keys.begin(), keys.end(), 12) == keys.end());
  CHECK(code.depthOf(12) == 0);
  for (int k : keys)
    CHECK(code.depthOf(k) >= 1);
  CHECK(code.depthOf(4) == 1);
  CHECK(code.depthOf(0) <= 12);  // the floor keeps a ruled-out key within reach
}

TEST_CASE("with no language model every key of a Huffman scan code is alike") {
  ScanCode code;
  const auto targets = weighted(std::vector<float>(32, 0.0F));
  code.build(targets);
  int most = 0, least = 99;
  for (int k = 0; k < 32; ++k) {
    most = std::max(most, code.depthOf(k));
    least = std::min(least, code.depthOf(k));
  }
  CHECK(least >= 5);
  CHECK(most <= 6);  // 5 questions, and a confirmation after a final "no"
  ScanCode none;
  none.build({});
  CHECK(none.empty());
}
