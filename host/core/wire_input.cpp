#include "host/core/wire_input.h"

#include <algorithm>
#include <variant>

namespace drishti::host {

std::int64_t WireInput::stamp(std::int64_t arrivalUs, std::uint64_t sendUs, std::uint64_t eventUs) {
  std::int64_t delay = 0;
  if (sendUs >= eventUs)
    delay = std::min<std::int64_t>(static_cast<std::int64_t>(sendUs - eventUs),
                                   static_cast<std::int64_t>(params_.maxDelayMs) * 1000);
  lastEventUs_ = std::max(lastEventUs_, arrivalUs - delay);
  return lastEventUs_;
}

void WireInput::noteSeq(std::uint32_t seq) {
  if (haveSeq_) {
    const std::uint32_t gap = seq - lastSeq_;  // wraps correctly
    if (gap > 1 && gap < 0x80000000U)
      stats_.missing += gap - 1;
  }
  haveSeq_ = true;
  lastSeq_ = seq;
}

void WireInput::lose(InputBatch& out, std::int64_t tUs, TrackingLoss why) {
  tracking_ = false;
  if (lostReported_)
    return;
  lostReported_ = true;
  InputEvent e;
  e.tUs = tUs;
  e.kind = InputKind::kTrackingLost;
  e.loss = why;
  out.push(e);
}

InputBatch WireInput::convert(const protocol::Message& message, std::int64_t arrivalUs) {
  InputBatch out;
  heard_ = true;
  ++stats_.messages;
  lastArrivalUs_ = std::max(lastArrivalUs_, arrivalUs);
  if (const auto* s = std::get_if<protocol::EyeSample>(&message)) {
    noteSeq(s->seq);
    ++stats_.samples;
    const std::int64_t t = stamp(arrivalUs, s->sendUs, s->captureUs);
    if (s->state != protocol::TrackingState::kTracking) {
      lose(out, t, TrackingLoss::kEyes);
      return out;
    }
    if (!tracking_ || lostReported_) {
      tracking_ = true;
      if (lostReported_) {
        lostReported_ = false;
        InputEvent back;
        back.tUs = t;
        back.kind = InputKind::kTrackingBack;
        out.push(back);
      }
    }
    GazePoint p;
    if (mapper_.map(*s, p)) {
      InputEvent g;
      g.tUs = t;
      g.kind = InputKind::kGaze;
      g.x = p.x;
      g.y = p.y;
      g.confidence = p.confidence;
      g.fixation = p.fixation;
      out.push(g);
    } else if (mapper_.calibrated()) {
      InputEvent g;
      g.tUs = t;
      g.kind = InputKind::kGazeLost;
      out.push(g);
    }
    // The lids, with or without calibration: the safety gestures need to know
    // that no long blink is under way (the tracker reports blinks at their end).
    InputEvent lids;
    lids.tUs = t;
    lids.kind = InputKind::kEyes;
    int seen = 0, open = 0;
    for (const protocol::EyeMeasurement& eye : s->eyes) {
      seen += eye.valid ? 1 : 0;
      open += eye.valid && eye.openness >= params_.openMin ? 1 : 0;
    }
    lids.eyesOpen = seen > 0 && open == seen;
    out.push(lids);
    return out;
  }
  if (const auto* b = std::get_if<protocol::BlinkEvent>(&message)) {
    noteSeq(b->seq);
    ++stats_.blinks;
    InputEvent e;
    e.tUs = stamp(arrivalUs, b->sendUs, b->endUs);
    e.kind = InputKind::kBlink;
    e.durationMs = b->durationMs;
    e.confidence = b->confidence;
    e.eyes = b->kind == protocol::BlinkKind::kWinkLeft    ? BlinkEyes::kLeft
             : b->kind == protocol::BlinkKind::kWinkRight ? BlinkEyes::kRight
                                                          : BlinkEyes::kBoth;
    out.push(e);
    return out;
  }
  if (const auto* st = std::get_if<protocol::Status>(&message)) {
    noteSeq(st->seq);
    if (st->camera == protocol::CameraState::kLost || st->camera == protocol::CameraState::kAbsent)
      lose(out, stamp(arrivalUs, 0, 0), TrackingLoss::kCamera);
    return out;
  }
  if (const auto* a = std::get_if<protocol::CommandAck>(&message))
    noteSeq(a->seq);
  return out;
}

InputBatch WireInput::checkSilence(std::int64_t nowUs) {
  InputBatch out;
  if (heard_ && nowUs - lastArrivalUs_ > static_cast<std::int64_t>(params_.silenceMs) * 1000) {
    lastEventUs_ = std::max(lastEventUs_, nowUs);
    lose(out, lastEventUs_, TrackingLoss::kTracker);
  }
  return out;
}

}  // namespace drishti::host
