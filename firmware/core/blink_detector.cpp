#include "firmware/core/blink_detector.h"

#include <algorithm>
#include <cmath>

namespace drishti::core {
namespace {

constexpr float kBaselineFloor = 0.2f;  // never divide by a baseline below this

}  // namespace

const char* toString(BlinkKind kind) {
  switch (kind) {
    case BlinkKind::kSpontaneous:
      return "spontaneous";
    case BlinkKind::kLong:
      return "long";
    case BlinkKind::kDouble:
      return "double";
    case BlinkKind::kWinkLeft:
      return "winkLeft";
    case BlinkKind::kWinkRight:
      return "winkRight";
  }
  return "?";
}

BlinkDetector::BlinkDetector(const TrackingParams::Blink& params)
    : p_(params),
      bothHist_(0.f, 1.25f, params.baselineTauMs),
      leftHist_(0.f, 1.25f, params.baselineTauMs),
      rightHist_(0.f, 1.25f, params.baselineTauMs) {}

void BlinkDetector::reset() {
  bothHist_.reset();
  leftHist_.reset();
  rightHist_.reset();
  abandon();
  haveLastBlink_ = false;
  out_ = BlinkUpdate{};
}

void BlinkDetector::abandon() {
  havePrev_ = false;
  armed_ = false;
  inEpisode_ = false;
  both_ = left_ = right_ = Hysteresis{};
}

void BlinkDetector::step(Hysteresis& h, float rel, float prevRel, double t, bool havePrev) {
  const double tp = havePrev ? prevT_ : t;
  if (!h.closed && rel < p_.closeBelow) {
    h.closed = true;
    // Interpolated time at which the signal crossed closeBelow.
    const float span = prevRel - rel;
    const double f =
        (havePrev && span > 1e-6f) ? std::clamp((prevRel - p_.closeBelow) / span, 0.f, 1.f) : 1.0;
    const double cross = tp + f * (t - tp);
    if (!h.seenClosed) {
      h.seenClosed = true;
      h.firstClosedT = t;
      h.downCrossT = cross;
    }
  } else if (h.closed && rel > p_.openAbove) {
    h.closed = false;
    const float span = rel - prevRel;
    const double f =
        (havePrev && span > 1e-6f) ? std::clamp((p_.openAbove - prevRel) / span, 0.f, 1.f) : 0.0;
    h.upCrossT = tp + f * (t - tp);
  }
  if (h.closed) {
    h.lastClosedT = t;
    h.upCrossT = t;  // provisional until it reopens
    if (havePrev)
      h.closedMs += static_cast<float>(t - tp);
  }
}

void BlinkDetector::emit(BlinkKind kind, double start, double end, float dur, float minRel,
                         float conf) {
  if (out_.count >= BlinkUpdate::kMaxEvents)
    return;
  BlinkEvent& e = out_.events[out_.count++];
  e.kind = kind;
  e.startMs = start;
  e.endMs = end;
  e.durationMs = dur;
  e.minOpenness = minRel;
  e.confidence = conf;
}

void BlinkDetector::finishEpisode(double /*t*/) {
  inEpisode_ = false;
  const float meanConf = confN_ ? static_cast<float>(confSum_ / confN_) : 0.f;
  if (tooLong_)
    return;  // eyes resting closed: not a blink

  auto wink = [&](const Hysteresis& h, float onlyMs) {
    return h.seenClosed && onlyMs >= p_.minWinkMs &&
           onlyMs >= p_.winkFraction * std::max(1.f, h.closedMs) &&
           (h.upCrossT - h.downCrossT) <= p_.maxBlinkMs;
  };
  const bool wl = wink(left_, leftOnlyMs_);
  const bool wr = wink(right_, rightOnlyMs_);
  if (wl || wr) {
    // If both qualify (alternating winks inside one episode) keep the longer.
    const bool left = wl && (!wr || leftOnlyMs_ >= rightOnlyMs_);
    const Hysteresis& h = left ? left_ : right_;
    const float only = left ? leftOnlyMs_ : rightOnlyMs_;
    // Confidence grows with how long the other eye demonstrably stayed open.
    const float sure = std::clamp(only / std::max(1.f, 2.f * p_.minWinkMs), 0.5f, 1.f);
    emit(left ? BlinkKind::kWinkLeft : BlinkKind::kWinkRight, h.firstClosedT, h.lastClosedT,
         static_cast<float>(h.upCrossT - h.downCrossT), minBoth_, meanConf * sure);
    return;
  }
  if (!both_.seenClosed)
    return;  // one eye only, not a wink: noise
  const float dur = static_cast<float>(both_.upCrossT - both_.downCrossT);
  if (dur < p_.minBlinkMs || dur > p_.maxBlinkMs)
    return;
  const float depth =
      std::clamp((p_.closeBelow - minBoth_) / std::max(1e-3f, p_.closeBelow), 0.f, 1.f);
  const float conf = meanConf * (0.5f + 0.5f * depth);
  const BlinkKind kind = dur >= p_.longBlinkMs ? BlinkKind::kLong : BlinkKind::kSpontaneous;
  emit(kind, both_.firstClosedT, both_.lastClosedT, dur, minBoth_, conf);
  if (kind == BlinkKind::kSpontaneous) {
    if (haveLastBlink_ && both_.downCrossT - lastBlinkEnd_ <= p_.doubleGapMs) {
      emit(BlinkKind::kDouble, lastBlinkStart_, both_.lastClosedT,
           static_cast<float>(both_.upCrossT - lastBlinkStart_), minBoth_, conf);
      haveLastBlink_ = false;  // a third blink starts a new pair
      return;
    }
    haveLastBlink_ = true;
    lastBlinkStart_ = both_.downCrossT;
    lastBlinkEnd_ = both_.upCrossT;
  } else {
    haveLastBlink_ = false;
  }
}

const BlinkUpdate& BlinkDetector::update(const OpennessSample& s) {
  out_.count = 0;
  out_.valid = false;
  out_.closed = false;
  out_.confidence = 0.f;
  const bool lok = s.leftConfidence >= p_.minConfidence;
  const bool rok = s.rightConfidence >= p_.minConfidence;
  const bool gap = havePrev_ && (s.tMs - prevT_ > p_.maxSampleGapMs || s.tMs < prevT_);
  if (!s.faceFound || !(lok || rok)) {
    abandon();
    return out_;
  }
  if (gap)
    abandon();

  // Two-eye signal: confidence-weighted mean of the usable eyes.
  const float wl = lok ? s.leftConfidence : 0.f;
  const float wr = rok ? s.rightConfidence : 0.f;
  const float both = (wl * s.left + wr * s.right) / (wl + wr);
  const float dt = havePrev_ ? static_cast<float>(s.tMs - prevT_) : 0.f;

  // Baselines learn outside closures (and inside over-long ones, which mean
  // the person's normal state has changed).
  const bool learn = !inEpisode_ || tooLong_;
  const float w = havePrev_ ? std::min(dt, 100.f) : 33.f;
  if (learn) {
    bothHist_.add(both, w);
    if (lok)
      leftHist_.add(s.left, w);
    if (rok)
      rightHist_.add(s.right, w);
  }
  const float q = p_.baselinePercentile;
  const float bBoth = std::max(kBaselineFloor, bothHist_.quantile(q, 1.f));
  const float bLeft = std::max(kBaselineFloor, leftHist_.quantile(q, 1.f));
  const float bRight = std::max(kBaselineFloor, rightHist_.quantile(q, 1.f));
  const float rb = both / bBoth;
  // An unusable eye counts as "open" for the wink logic (no wink from it).
  const bool winkOk = lok && rok;
  const float rl = winkOk ? s.left / bLeft : 1.f;
  const float rr = winkOk ? s.right / bRight : 1.f;

  step(both_, rb, prevBoth_, s.tMs, havePrev_);
  step(left_, rl, prevLeft_, s.tMs, havePrev_);
  step(right_, rr, prevRight_, s.tMs, havePrev_);

  if (!armed_) {
    // Wait until the eyes are seen open; closures already in progress at
    // (re)acquisition have no known start and are not reported.
    if (!both_.closed && !left_.closed && !right_.closed && rb > p_.openAbove)
      armed_ = true;
    both_ = left_ = right_ = Hysteresis{};
  } else {
    const bool anyClosed = both_.closed || left_.closed || right_.closed;
    if (!inEpisode_ && anyClosed) {
      inEpisode_ = true;
      episodeStart_ = s.tMs;
      tooLong_ = false;
      leftOnlyMs_ = rightOnlyMs_ = 0.f;
      minBoth_ = rb;
      confSum_ = 0;
      confN_ = 0;
    }
    if (inEpisode_) {
      if (havePrev_) {
        // "Only" time: the other eye demonstrably open, judged on its
        // conservative lower bound relative to the same baseline.
        const float ll = winkOk ? (s.leftLow >= 0.f ? s.leftLow : s.left) / bLeft : 1.f;
        const float rlLow = winkOk ? (s.rightLow >= 0.f ? s.rightLow : s.right) / bRight : 1.f;
        if (left_.closed && rlLow > p_.winkOtherOpen)
          leftOnlyMs_ += dt;
        if (right_.closed && ll > p_.winkOtherOpen)
          rightOnlyMs_ += dt;
      }
      minBoth_ = std::min(minBoth_, rb);
      confSum_ += 0.5 * (wl + wr) * (lok && rok ? 1.0 : 2.0);
      ++confN_;
      if (s.tMs - episodeStart_ > p_.maxBlinkMs)
        tooLong_ = true;
      if (!anyClosed) {
        finishEpisode(s.tMs);
        both_ = left_ = right_ = Hysteresis{};
      }
    }
  }

  out_.valid = true;
  out_.closed = armed_ && both_.closed;
  out_.openness = rb;
  out_.confidence = (lok && rok) ? 0.5f * (wl + wr) : (wl + wr);
  havePrev_ = true;
  prevT_ = s.tMs;
  prevBoth_ = rb;
  prevLeft_ = rl;
  prevRight_ = rr;
  return out_;
}

}  // namespace drishti::core
