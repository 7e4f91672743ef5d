// parseInputScript: reads a --script file of timestamped input events.
//
// A script stands in for a person at the device (demos, tests, simulations):
// it is a list of input events on a clock that starts at 0 ms. Format
// (host/data/README.md, "Input scripts"), one statement per line:
//   drishti-script 1         optional first line
//   rate 30                  gaze samples per second for `look` (default 30)
//   wait 500                 the clock moves on 500 ms
//   at 1500                  the clock moves to 1500 ms (never backwards)
//   gaze 640 400 [conf]      one gaze sample at (640, 400) logical px
//   look 640 400 1200        gaze samples there at `rate` for 1200 ms (clock moves on)
//   gaze-lost                one "no gaze" sample
//   blink 300 [both|left|right]  a 300 ms blink: the clock moves on 300 ms and the
//                            blink is stamped at its end (the eyes give no gaze meanwhile)
//   switch down 0 | switch up 0  switch (key) 0 pressed / released
//   press 0 [150]            switch 0 down, held 150 ms (default 100), up
//   lost [eyes|camera|tracker] | back   tracking lost / back
// Ensures: the events in time order and no problems, or problems naming the
// file, line and fault (and no events). Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "host/core/input_event.h"
#include "host/core/problem.h"

namespace drishti::host {

// A parsed script: its events and end time, or the problems that stop it.
struct InputScript {
  std::vector<InputEvent> events;  // tUs from the start of the script
  std::int64_t endUs = 0;          // the clock at the end (after the last wait)
  std::vector<Problem> problems;
  bool ok() const { return problems.empty(); }
};

InputScript parseInputScript(std::string_view text, std::string_view fileName);

// Replays a parsed script on a live clock: start(t0) fixes where script time
// 0 falls on the host clock; each due(nowUs) call hands over the events whose
// time has come, in order. Borrows the script, which must outlive the player.
class ScriptPlayer {
 public:
  explicit ScriptPlayer(const InputScript& script) : script_(script) {}

  void start(std::int64_t hostUs) {
    offsetUs_ = hostUs;
    next_ = 0;
  }
  // Calls sink(event) for every event due by nowUs, stamped on the host clock.
  template <class Sink>
  void due(std::int64_t nowUs, Sink&& sink) {
    while (next_ < script_.events.size() && script_.events[next_].tUs + offsetUs_ <= nowUs) {
      InputEvent e = script_.events[next_++];
      e.tUs += offsetUs_;
      sink(e);
    }
  }
  bool finished(std::int64_t nowUs) const {
    return next_ >= script_.events.size() && nowUs >= script_.endUs + offsetUs_;
  }

 private:
  const InputScript& script_;
  std::int64_t offsetUs_ = 0;
  std::size_t next_ = 0;
};

}  // namespace drishti::host
