// WireInput: turns messages from drishti-tracker into host InputEvents.
//
// The app reads bytes from the transport, decodes them with
// protocol::StreamDecoder and passes each message here with its arrival time
// on the host's monotonic clock; the events that come out go into the one
// input stream (HostSession::handle), in order.
//   - EyeSample: a gaze point through the GazeMapper when it gives one; a
//     "gaze lost" when the mapper is calibrated but this sample gives no
//     point (eyes closed, unsure); nothing while uncalibrated. Changes of the
//     tracking state give kTrackingLost (kEyes) / kTrackingBack.
//   - BlinkEvent: kBlink with its duration; winks carry the eye.
//   - Status: a camera lost or absent gives kTrackingLost (kCamera).
//   - silence (checkSilence): nothing heard for silenceMs gives kTrackingLost (kTracker).
// Times: tracker stamps are only compared with each other; an event is
// stamped at arrival minus its capture-to-send delay, and never earlier than
// the previous event, so the stream stays ordered.
// Never allocates; never throws. Not thread-safe: one thread converts.
#pragma once

#include <array>
#include <cstdint>

#include "firmware/protocol/messages.h"
#include "host/core/gaze_mapper.h"
#include "host/core/input_event.h"

namespace drishti::host {

// Tunables of the wire conversion, in ms.
struct WireInputParams {
  std::uint32_t silenceMs = 1000;  // no message this long: tracker gone
  std::uint32_t maxDelayMs = 500;  // larger capture-to-send delays are not trusted
  float openMin = 0.5F;            // openness from which a seen eye counts as open (kEyes events)
};

// The events made from one message: at most three, in order, no allocation.
struct InputBatch {
  std::array<InputEvent, 3> events{};
  std::size_t count = 0;
  void push(const InputEvent& e) {
    if (count < events.size())
      events[count++] = e;
  }
  const InputEvent* begin() const { return events.data(); }
  const InputEvent* end() const { return events.data() + count; }
};

// Counts since start, for the log and the caregiver's status screen.
struct WireInputStats {
  std::uint64_t messages = 0;
  std::uint64_t samples = 0;
  std::uint64_t blinks = 0;
  std::uint64_t missing = 0;  // messages lost, from gaps in sequence numbers
};

class WireInput {
 public:
  explicit WireInput(GazeMapper& mapper, WireInputParams params = {})
      : mapper_(mapper), params_(params) {}

  InputBatch convert(const protocol::Message& message, std::int64_t arrivalUs);
  InputBatch checkSilence(std::int64_t nowUs);

  bool heard() const { return heard_; }        // any message arrived yet
  bool tracking() const { return tracking_; }  // last state: eyes tracked
  bool calibrated() const { return mapper_.calibrated(); }
  const WireInputStats& stats() const { return stats_; }

 private:
  std::int64_t stamp(std::int64_t arrivalUs, std::uint64_t sendUs, std::uint64_t eventUs);
  void noteSeq(std::uint32_t seq);
  void lose(InputBatch& out, std::int64_t tUs, TrackingLoss why);

  GazeMapper& mapper_;
  WireInputParams params_;
  WireInputStats stats_;
  bool heard_ = false;
  bool tracking_ = false;
  bool lostReported_ = false;
  bool haveSeq_ = false;
  std::uint32_t lastSeq_ = 0;
  std::int64_t lastArrivalUs_ = 0;
  std::int64_t lastEventUs_ = 0;
};

}  // namespace drishti::host
