// attentionChime: the sound that calls a caregiver when the person asks for help.
//
// A two-note "ding-dong" (880 Hz then 660 Hz, about 0.6 s) with soft onsets
// and a decaying tail: easy to hear across a room and to tell apart from
// speech, without the harshness of an alarm. 16-bit mono PCM at `sampleRate`.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace drishti::speech {

std::vector<std::int16_t> attentionChime(int sampleRate);

}  // namespace drishti::speech
