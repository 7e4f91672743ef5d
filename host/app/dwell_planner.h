// planDwellScript: an input script (--script) that types a text by dwell.
//
// Represents: a person with steady eyes at the device: for each piece of the
// text, the gaze rests on the key that types it for `dwellMs`, then rests
// `awayMs` on a spot that is no key (so the next key, even the same one
// again, starts a fresh dwell); at the end, optionally, on "Speak". Planned
// on the session's current grid board, as a person sees it: after a
// consonant, Indic vowel keys type their sign, so the plan uses them then.
// Used by scripts/run's headless demo (drishti-plan-script) and the e2e tests.
//
// Returns the script text, or empty with `error` naming what cannot be typed.
// Pure (reads the session only); thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "host/core/host_session.h"

namespace drishti::app {

struct DwellPlan {
  int dwellMs = 1200;  // per key: a little over the default profile's 1000 ms
  int awayMs = 300;
  int rateHz = 30;     // gaze samples per second, as a camera gives them
  bool speak = true;   // end by dwelling on the Speak key
  float width = 1280;  // the session's logical screen size, px
  float height = 800;
};

std::string planDwellScript(const host::HostSession& session, std::string_view text,
                            const DwellPlan& plan, std::string& error);

}  // namespace drishti::app
