// Text entry measures: minimum string distance and the error rate built on it.
//
// The uncorrected error rate of Soukoreff & MacKenzie (CHI 2003): the
// minimum string distance (Levenshtein: insertions, deletions,
// substitutions, by byte) between what was meant and what was written,
// over the longer of the two. Words per minute use the usual "word" of 5
// characters, spaces included. Pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace drishti::sim {

std::size_t minimumStringDistance(std::string_view a, std::string_view b);

// chars / 5 per minute of `seconds`; 0 when seconds <= 0.
double wordsPerMinute(std::size_t chars, double seconds);

}  // namespace drishti::sim
