#include "host/speech/attention_chime.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::speech {

std::vector<std::int16_t> attentionChime(int sampleRate) {
  struct Note {
    double hz;
    double seconds;
  };
  constexpr Note kNotes[] = {{880.0, 0.28}, {660.0, 0.36}};
  constexpr double kAmplitude = 0.45 * 32767;
  constexpr double kAttack = 0.008;  // s: no click at the start
  std::vector<std::int16_t> out;
  for (const Note& n : kNotes) {
    const auto count = static_cast<std::size_t>(n.seconds * sampleRate);
    for (std::size_t i = 0; i < count; ++i) {
      const double t = static_cast<double>(i) / sampleRate;
      const double envelope = std::min(1.0, t / kAttack) * std::exp(-4.0 * t / n.seconds);
      // A touch of the octave makes it a chime rather than a test tone.
      const double wave = std::sin(2 * std::numbers::pi * n.hz * t) +
                          0.25 * std::sin(4 * std::numbers::pi * n.hz * t);
      out.push_back(static_cast<std::int16_t>(kAmplitude * envelope * wave / 1.25));
    }
  }
  return out;
}

}  // namespace drishti::speech
