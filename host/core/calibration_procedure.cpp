#include "host/core/calibration_procedure.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace drishti::host {

CalibrationProcedure::CalibrationProcedure(const CalibrationGeometry& geometry,
                                           const CalibrationParams& params)
    : geometry_(geometry),
      params_(params),
      collector_(geometry, CalibrationPattern::make(params.pattern, params.marginFraction)),
      gate_(params.gate) {}

double CalibrationProcedure::elapsedMs(std::uint64_t fromUs, std::uint64_t nowUs) const {
  return nowUs >= fromUs ? static_cast<double>(nowUs - fromUs) / 1000.0 : 0.0;
}

void CalibrationProcedure::start(std::uint64_t nowUs) {
  collector_ = CalibrationCollector(
      geometry_, CalibrationPattern::make(params_.pattern, params_.marginFraction));
  gate_.reset();
  result_.reset();
  singlePoint_ = false;
  retriesLeft_ = std::max(0, params_.retries);
  fromX_ = 0.5 * geometry_.widthPx;
  fromY_ = 0.5 * geometry_.heightPx;
  std::vector<Step> steps;
  for (const CalibrationTarget& t : collector_.calibrationTargets())
    steps.push_back({ReportPointKind::kCalibration, t.index});
  beginSequence(std::move(steps), CalibrationPhase::kCalibrating, nowUs);
}

bool CalibrationProcedure::recalibratePoint(int index, std::uint64_t nowUs) {
  const bool finished = phase_ == CalibrationPhase::kDone || phase_ == CalibrationPhase::kFailed;
  if (!finished || !result_ || index < 0 ||
      index >= static_cast<int>(collector_.calibrationTargets().size()))
    return false;
  singlePoint_ = true;
  retriesLeft_ = 0;
  backup_ = collector_.samples(ReportPointKind::kCalibration, index);
  backupRefused_ = collector_.refusals(ReportPointKind::kCalibration, index);
  gate_.restartStability();
  beginSequence({{ReportPointKind::kCalibration, index}}, CalibrationPhase::kCalibrating, nowUs);
  return true;
}

void CalibrationProcedure::cancel() {
  if (phase_ != CalibrationPhase::kCalibrating && phase_ != CalibrationPhase::kValidating)
    return;
  if (singlePoint_ && result_) {
    const Step st = steps_.front();
    collector_.restore(st.kind, st.index, std::move(backup_), backupRefused_);
    backup_.clear();
    singlePoint_ = false;
    phase_ = result_->ok ? CalibrationPhase::kDone : CalibrationPhase::kFailed;
    return;
  }
  phase_ = CalibrationPhase::kCancelled;
}

void CalibrationProcedure::beginSequence(std::vector<Step> steps, CalibrationPhase phase,
                                         std::uint64_t nowUs) {
  steps_ = std::move(steps);
  current_ = 0;
  failed_.clear();
  phase_ = phase;
  beginTarget(nowUs);
}

void CalibrationProcedure::beginTarget(std::uint64_t nowUs) {
  step_ = TargetStep::kMoving;
  stepStartUs_ = nowUs;
  firstSteadyUs_ = lastSteadyUs_ = 0;
  lastVerdict_ = GateVerdict::kSettling;
  movedSinceSteady_ = false;
  beforeJump_.clear();
  collector_.clearPoint(steps_[current_].kind, steps_[current_].index);
}

void CalibrationProcedure::finishTarget(bool success, std::uint64_t nowUs) {
  const Step st = steps_[current_];
  const int needed = std::max(1, params_.minSamples);
  if (!success && static_cast<int>(beforeJump_.size()) >= needed) {
    // The fixation after a relocation was too short; the one before it was not.
    collector_.restore(st.kind, st.index, beforeJump_, collector_.refusals(st.kind, st.index));
    success = true;
  }
  if (!success) {
    // Too few samples to use; why the rest were refused stays, for the advice.
    collector_.restore(st.kind, st.index, {}, collector_.refusals(st.kind, st.index));
    if (st.kind == ReportPointKind::kCalibration)
      failed_.push_back(st.index);
  }
  const CalibrationTarget& t = collector_.target(st.kind, st.index);
  fromX_ = t.x;
  fromY_ = t.y;
  ++current_;
  if (current_ < steps_.size())
    beginTarget(nowUs);
  else
    endSequence(nowUs);
}

void CalibrationProcedure::endSequence(std::uint64_t nowUs) {
  if (phase_ == CalibrationPhase::kCalibrating) {
    if (!failed_.empty() && retriesLeft_ > 0 && !params_.fixedSchedule) {
      --retriesLeft_;
      std::vector<Step> again;
      for (int i : failed_)
        again.push_back({ReportPointKind::kCalibration, i});
      beginSequence(std::move(again), CalibrationPhase::kCalibrating, nowUs);
      return;
    }
    if (singlePoint_ && !failed_.empty()) {
      // The retry failed: keep what the point had before.
      const int index = failed_.front();
      collector_.restore(ReportPointKind::kCalibration, index, std::move(backup_), backupRefused_);
      backup_.clear();
    }
    const bool fitted = collector_.fit(params_.fit, params_.model);
    if (fitted && params_.validate && !singlePoint_) {
      std::vector<Step> steps;
      for (const CalibrationTarget& t : collector_.validationTargets())
        steps.push_back({ReportPointKind::kValidation, t.index});
      if (!steps.empty()) {
        beginSequence(std::move(steps), CalibrationPhase::kValidating, nowUs);
        return;
      }
    }
  }
  finish();
}

void CalibrationProcedure::finish() {
  CalibrationResult r;
  r.ok = collector_.model().calibrated();
  r.model = collector_.model();
  r.report = collector_.report(params_.quality);
  result_ = std::move(r);
  phase_ = result_->ok ? CalibrationPhase::kDone : CalibrationPhase::kFailed;
}

void CalibrationProcedure::update(std::uint64_t nowUs) {
  if (phase_ != CalibrationPhase::kCalibrating && phase_ != CalibrationPhase::kValidating)
    return;
  if (params_.fixedSchedule) {
    // Steps start at their scheduled times, not at the sample that noticed
    // them, so the schedule never drifts from the plan.
    const auto moveUs = static_cast<std::uint64_t>(params_.moveMs * 1000.0);
    const auto pointUs = static_cast<std::uint64_t>(params_.pointMs * 1000.0);
    while (phase_ == CalibrationPhase::kCalibrating || phase_ == CalibrationPhase::kValidating) {
      if (step_ == TargetStep::kMoving && nowUs >= stepStartUs_ + moveUs) {
        step_ = TargetStep::kCollecting;
        stepStartUs_ += moveUs;
        gate_.restartStability();
      } else if (step_ == TargetStep::kCollecting && nowUs >= stepStartUs_ + pointUs) {
        const Step st = steps_[current_];
        finishTarget(collector_.accepted(st.kind, st.index) >= std::max(1, params_.minSamples),
                     stepStartUs_ + pointUs);
      } else {
        return;
      }
    }
    return;
  }
  if (step_ == TargetStep::kMoving) {
    if (elapsedMs(stepStartUs_, nowUs) < params_.moveMs)
      return;
    step_ = TargetStep::kCollecting;
    stepStartUs_ = nowUs;
    gate_.restartStability();
  }
  const Step st = steps_[current_];
  const int accepted = collector_.accepted(st.kind, st.index);
  const int needed = std::max(1, params_.minSamples);
  // After a saccade, wait for the next fixation: it may replace what was kept.
  const bool enough =
      !movedSinceSteady_ && accepted >= needed &&
      (accepted >= params_.maxSamples ||
       (firstSteadyUs_ != 0 && elapsedMs(firstSteadyUs_, nowUs) >= params_.collectMs));
  if (enough) {
    finishTarget(true, nowUs);
  } else if (elapsedMs(stepStartUs_, nowUs) >= params_.pointTimeoutMs) {
    finishTarget(accepted >= needed, nowUs);
  }
}

bool CalibrationProcedure::relocated(const Step& st, const protocol::EyeSample& s) const {
  // Mean eye feature of the samples kept so far against this one, per usable eye.
  const auto& kept = collector_.samples(st.kind, st.index);
  if (kept.empty())
    return false;
  const double normPerDeg = params_.gate.eyeballRadiusMm * std::numbers::pi / 180.0 /
                            std::max(params_.gate.eyeWidthMm, 1.0);
  double sum = 0;
  int eyes = 0;
  for (std::size_t e = 0; e < 2; ++e) {
    if (!gate_.eyeUsable(static_cast<int>(e)))
      continue;
    double mx = 0, my = 0;
    int n = 0;
    for (const protocol::EyeSample& k : kept) {
      if (!k.eyes[e].valid)
        continue;
      mx += k.eyes[e].normX;
      my += k.eyes[e].normY;
      ++n;
    }
    if (n == 0)
      continue;
    sum += std::hypot(s.eyes[e].normX - mx / n, s.eyes[e].normY - my / n);
    ++eyes;
  }
  return eyes > 0 && sum / eyes > params_.relocateDeg * normPerDeg;
}

void CalibrationProcedure::addSample(const protocol::EyeSample& sample, std::uint64_t nowUs) {
  update(nowUs);
  if (phase_ != CalibrationPhase::kCalibrating && phase_ != CalibrationPhase::kValidating)
    return;
  // Every sample goes through the gate so its speed history has no holes.
  const GateVerdict verdict = gate_.classify(sample);
  if (step_ != TargetStep::kCollecting || elapsedMs(stepStartUs_, nowUs) < params_.settleMs)
    return;
  collector_.noteSample(sample, verdict, gate_);
  lastVerdict_ = verdict;
  const Step st = steps_[current_];
  if (verdict == GateVerdict::kSteady) {
    if (movedSinceSteady_ && relocated(st, sample)) {
      const auto& kept = collector_.samples(st.kind, st.index);
      if (kept.size() >= beforeJump_.size())  // keep the longest earlier fixation
        beforeJump_.assign(kept.begin(), kept.end());
      collector_.dropSince(st.kind, st.index, 0);
      firstSteadyUs_ = 0;
    }
    movedSinceSteady_ = false;
    if (!params_.fixedSchedule || collector_.accepted(st.kind, st.index) < params_.maxSamples)
      collector_.accept(st.kind, st.index, sample, gate_);
    if (firstSteadyUs_ == 0)
      firstSteadyUs_ = nowUs;
    lastSteadyUs_ = nowUs;
  } else {
    if (verdict == GateVerdict::kClosed) {
      // The lids were already coming down in the samples just before.
      const auto guardUs = static_cast<std::uint64_t>(params_.gate.blinkGuardMs * 1000.0);
      collector_.dropSince(st.kind, st.index,
                           sample.captureUs > guardUs ? sample.captureUs - guardUs : 0);
    }
    if (verdict == GateVerdict::kMoving)
      movedSinceSteady_ = true;
    collector_.refuse(st.kind, st.index, verdict);
  }
  update(nowUs);
}

CalibrationView CalibrationProcedure::view(std::uint64_t nowUs) const {
  CalibrationView v;
  v.phase = phase_;
  if (phase_ != CalibrationPhase::kCalibrating && phase_ != CalibrationPhase::kValidating)
    return v;
  const Step st = steps_[current_];
  const CalibrationTarget& t = collector_.target(st.kind, st.index);
  v.step = step_;
  v.kind = st.kind;
  v.index = st.index;
  v.number = static_cast<int>(current_) + 1;
  v.count = static_cast<int>(steps_.size());
  const double outer = params_.targetOuterDeg * geometry_.pxPerDegree();
  const double inner = params_.targetInnerDeg * geometry_.pxPerDegree();
  const double elapsed = elapsedMs(stepStartUs_, nowUs);
  if (step_ == TargetStep::kMoving) {
    const double a = std::clamp(elapsed / std::max(params_.moveMs, 1.0), 0.0, 1.0);
    const double e = 0.5 - 0.5 * std::cos(std::numbers::pi * a);  // ease in and out
    v.x = fromX_ + (t.x - fromX_) * e;
    v.y = fromY_ + (t.y - fromY_) * e;
    v.radiusPx = outer;
    v.animation = a;
  } else {
    const double a = std::clamp(elapsed / std::max(params_.shrinkMs, 1.0), 0.0, 1.0);
    v.x = t.x;
    v.y = t.y;
    v.radiusPx = outer + (inner - outer) * (1.0 - (1.0 - a) * (1.0 - a));
    v.animation = a;
    const double accepted = collector_.accepted(st.kind, st.index);
    const double bySamples =
        accepted / std::max(1, std::max(params_.minSamples, params_.maxSamples));
    const double byTime = firstSteadyUs_ == 0
                              ? 0.0
                              : std::min(1.0, accepted / std::max(1, params_.minSamples)) *
                                    std::min(1.0, elapsedMs(firstSteadyUs_, nowUs) /
                                                      std::max(params_.collectMs, 1.0));
    v.progress = std::clamp(std::max(bySamples, byTime), 0.0, 1.0);
    const double quietMs = 800;
    if (elapsed > params_.settleMs + quietMs &&
        (lastSteadyUs_ == 0 || elapsedMs(lastSteadyUs_, nowUs) > quietMs)) {
      switch (lastVerdict_) {
        case GateVerdict::kNotTracked:
          v.hint = CalibrationHint::kEyesNotSeen;
          break;
        case GateVerdict::kClosed:
          v.hint = CalibrationHint::kEyesClosed;
          break;
        case GateVerdict::kMoving:
        case GateVerdict::kSettling:
          v.hint = CalibrationHint::kEyesMoving;
          break;
        case GateVerdict::kSteady:
          break;
      }
    }
  }
  return v;
}

}  // namespace drishti::host
