#include "host/sim/simulation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "host/core/scan_code.h"
#include "host/sim/text_metrics.h"

namespace drishti::sim {
namespace {

constexpr std::int64_t kStartUs = 1'000'000;

std::size_t commonPrefix(const std::string& a, const std::string& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n])
    ++n;
  return n;
}

}  // namespace

Simulation::Simulation(const SimSetup& setup)
    : setup_(setup), trace_(std::getenv("DRISHTI_SIM_TRACE") != nullptr) {
  host::SessionConfig config;
  config.dataDir = setup.dataDir;
  config.width = setup.screen.widthPx;
  config.height = setup.screen.heightPx;
  config.startBoard = setup.board;
  session_ = std::make_unique<host::HostSession>(config, nullptr);
  host::Profile p = session_->profile();
  p.access.method = setup.method;
  if (std::any_of(setup.settings.begin(), setup.settings.end(),
                  [](const ProfileSetting& s) { return s.key == "method"; }))
    error_ = "--set method: the method is SimSetup::method (drishti-simulate --method)";
  else if (std::optional<host::Profile> set = applySettings(p, setup.settings, error_))
    p = *set;
  earlyBlink_ = p.access.scan.earlyBlink;
  echoLetters_ = p.echoLetters;
  session_->saveProfile(p);
  session_->setGazeCalibrated(true);
  // What a calibration would report as precision for this tracker: the RMS
  // radial spread of its per-frame jitter (the smooth error field is an
  // offset, not spread).
  const double precisionDeg =
      setup.tracker.noiseDeg * std::sqrt(2.0 * (1.0 - setup.tracker.fieldShare));
  session_->setGazePrecision(static_cast<float>(precisionDeg),
                             static_cast<float>(setup.screen.pxPerDegree()));
  session_->advanceTo(kStartUs);
  // The refiner is built from the profile's gaze settings, as the app does.
  host::GazeRefinerParams refinerParams = setup.refiner;
  session_->profile().gaze.applyTo(refinerParams);
  refiner_ = std::make_unique<host::GazeRefiner>(refinerParams, setup.screen.pxPerDegree());
  refiner_->setPrecision(precisionDeg);
  eyes_ = std::make_unique<SimulatedEyes>(setup.user, setup.tracker, setup.screen, setup.seed,
                                          *this, kStartUs);
}

Simulation::~Simulation() = default;

void Simulation::deliver(const host::InputEvent& e) {
  session_->handle(e);
  host::SessionEvent ev;
  while (session_->pollEvent(ev)) {
    if (ev.kind != host::SessionEventKind::kSelected)
      continue;
    ++selections_;
    if (after_ >= 0 && ev.keyRect != session_->targets()[static_cast<std::size_t>(after_)].rect) {
      if (landedUs_ >= 0)
        ++time_.wrongAfterLanding;
      else
        ++time_.wrongBeforeLanding;
    }
    lastProgress_ = 0;
    if (trace_)
      std::fprintf(stderr, "%.3f selected '%s' (meant '%s') text '%s'\n", ev.tUs / 1e6,
                   ev.text.c_str(), intended_.c_str(), session_->text().c_str());
    // A key the person kept teaches the drift correction where they looked,
    // as the app does (only methods that point with the gaze).
    if (setup_.refine && host::methodNeedsGaze(session_->method())) {
      const auto tUs = static_cast<std::uint64_t>(ev.tUs);
      const std::size_t textSize = session_->text().size();
      refiner_->settleSelections(tUs, textSize, host::boundaryOf(ev));
      if (host::selectionShowsGaze(ev)) {
        const host::Rect& r = ev.keyRect;
        refiner_->holdSelection(tUs, r.x + 0.5 * r.w, r.y + 0.5 * r.h, 0.5 * r.w, 0.5 * r.h,
                                textSize);
      }
    }
  }
}

void Simulation::onFrame(std::int64_t tUs, bool valid, double x, double y) {
  host::InputEvent e;
  e.tUs = tUs;
  if (earlyBlink_) {
    // The tracker's lid sample (closed frames here are blinks only), as
    // WireInput passes it on; only with scan.early_blink, so that the other
    // figures stay as they were measured.
    host::InputEvent lids;
    lids.tUs = tUs;
    lids.kind = host::InputKind::kEyes;
    lids.eyesOpen = valid;
    deliver(lids);
  }
  if (!valid) {
    refiner_->noGaze(static_cast<std::uint64_t>(tUs));
    e.kind = host::InputKind::kGazeLost;
  } else {
    double ox = x, oy = y;
    if (setup_.refine && !refiner_->refine(static_cast<std::uint64_t>(tUs), x, y, ox, oy))
      return;
    e.kind = host::InputKind::kGaze;
    e.x = static_cast<float>(ox);
    e.y = static_cast<float>(oy);
    e.confidence = 0.9F;
    e.fixation = setup_.refine ? refiner_->fixationId() : -1;
  }
  const std::uint64_t before = selections_;
  deliver(e);
  if (after_ >= 0 && selections_ == before) {
    // Dwell progress lost on the key the person is after.
    const host::MethodView v = session_->methodView();
    const float p = v.focus == after_ ? v.progress : 0.0F;
    if (p < lastProgress_ && lastProgress_ > 0) {
      ++(v.focus == after_ ? time_.restartsOnKey : time_.restartsLeft);
      const host::DwellParams& d = session_->profile().access.dwell;
      time_.restartLostS += lastProgress_ * d.dwellMs / 1e3 + d.lockOnMs / 1e3;
      if (trace_)
        std::fprintf(stderr, "    %.3f dwell on '%s' lost at %.2f (%s, landed %.3f)\n", tUs / 1e6,
                     intended_.c_str(), lastProgress_, v.focus == after_ ? "on the key" : "left",
                     landedUs_ / 1e6);
    }
    lastProgress_ = p;
  }
}

void Simulation::onBlink(std::int64_t tUs, std::uint32_t durationMs) {
  host::InputEvent e;
  e.tUs = tUs;
  e.kind = host::InputKind::kBlink;
  e.durationMs = durationMs;
  e.eyes = host::BlinkEyes::kBoth;
  if (trace_)
    std::fprintf(stderr, "    %.3f blink %u ms\n", tUs / 1e6, durationMs);
  deliver(e);
}

void Simulation::centre(int index, double& x, double& y) const {
  const host::Rect r = session_->targets()[static_cast<std::size_t>(index)].rect;
  x = r.x + 0.5 * r.w;
  y = r.y + 0.5 * r.h;
}

int Simulation::keyTyping(char c) const {
  const auto& keys = session_->keys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const host::ScreenKey& k = keys[i];
    if (c == ' ' && k.action == host::KeyAction::kSpace)
      return static_cast<int>(i);
    if (c != ' ' && k.role == host::KeyRole::kBoardKey && k.action == host::KeyAction::kInsert &&
        k.boardKey != nullptr && k.boardKey->value.size() == 1 && k.boardKey->value[0] == c)
      return static_cast<int>(i);
  }
  return -1;
}

int Simulation::keyWithAction(host::KeyAction action) const {
  // The first such key: a board may have its own (en-scan's Delete), earlier
  // in the scanning order than the text bar's.
  const auto& keys = session_->keys();
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].action == action)
      return static_cast<int>(i);
  return -1;
}

int Simulation::lettersKey() const {
  const auto& keys = session_->keys();
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i].role == host::KeyRole::kCommand && keys[i].action == host::KeyAction::kBoard &&
        keys[i].arg == static_cast<int>(host::NavBoard::kLetters))
      return static_cast<int>(i);
  return -1;
}

int Simulation::neighbourOf(int index) {
  // The nearest other board key: what a slip of the eye (or of the mind) hits.
  double cx = 0, cy = 0;
  centre(index, cx, cy);
  int best = -1;
  double bestD = 1e18;
  const auto& keys = session_->keys();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (static_cast<int>(i) == index || keys[i].role != host::KeyRole::kBoardKey)
      continue;
    double x = 0, y = 0;
    centre(static_cast<int>(i), x, y);
    const double d = std::hypot(x - cx, y - cy) * eyes_->logNormal(1.0, 0.2);
    if (d < bestD) {
      bestD = d;
      best = static_cast<int>(i);
    }
  }
  return best >= 0 ? best : index;
}

void Simulation::reaim(int index) {
  // The highlight is on another key (or none): the person sees which, and
  // looks a little further toward the far side of the key from it, from
  // where they looked last (so a steady offset is walked off), staying on
  // the key.
  const host::MethodView v = session_->methodView();
  double tx = 0, ty = 0;
  centre(index, tx, ty);
  const host::Rect r = session_->targets()[static_cast<std::size_t>(index)].rect;
  double ax = eyes_->aimX(), ay = eyes_->aimY();
  if (v.focus >= 0 && v.focus != index) {
    double fx = 0, fy = 0;
    centre(v.focus, fx, fy);
    const double len = std::max(1.0, std::hypot(tx - fx, ty - fy));
    ax += 0.25 * r.w * (tx - fx) / len;
    ay += 0.25 * r.h * (ty - fy) / len;
  } else {
    ax = tx + eyes_->normal(0, 0.2 * r.w);
    ay = ty + eyes_->normal(0, 0.2 * r.h);
  }
  ax = std::clamp(ax, tx - 0.4 * r.w, tx + 0.4 * r.w);
  ay = std::clamp(ay, ty - 0.4 * r.h, ty + 0.4 * r.h);
  eyes_->nudge(ax - eyes_->aimX(), ay - eyes_->aimY());
}

void Simulation::textDisplay(double& x, double& y) const {
  // The message is shown above the keys.
  double top = setup_.screen.heightPx;
  for (const host::Target& t : session_->targets())
    top = std::min(top, static_cast<double>(t.rect.y));
  x = 0.35 * setup_.screen.widthPx;
  y = 0.55 * top;
}

bool Simulation::dwellOn(int index) {
  const std::uint64_t before = selections_;
  // For the breakdown: what happens to the dwell on this key, and which
  // wrong keys are taken before and after the eyes land on it.
  after_ = index;
  lastProgress_ = 0;
  landedUs_ = -1;
  struct Done {
    int& after;
    ~Done() { after = -1; }
  } done{after_};
  // A predicted word found in the row: the eyes already rest on it (the
  // fixation that read it), so the person keeps looking.
  const bool alreadyOn = std::exchange(eyesOnTarget_, false);
  if (!alreadyOn && session_->methodView().focus == index) {
    // The same key again: the device wants the eyes to leave it first; the
    // person looks at the letter that just appeared.
    double mx = 0, my = 0;
    textDisplay(mx, my);
    eyes_->lookAt(mx, my);
    eyes_->hold(eyes_->logNormal(setup_.user.readFixationMs, setup_.user.readFixationSdLog));
  }
  if (!alreadyOn && eyes_->chance(setup_.user.extraSearchProbability)) {
    // One more look to find the key: lands on a neighbour first.
    double nx = 0, ny = 0;
    centre(neighbourOf(index), nx, ny);
    eyes_->lookAt(nx, ny);
    eyes_->hold(eyes_->logNormal(setup_.user.searchFixationMs, setup_.user.searchFixationSdLog));
  }
  double x = 0, y = 0;
  centre(index, x, y);
  if (!alreadyOn)
    eyes_->lookAt(x, y);
  landedUs_ = eyes_->now();
  const auto selected = [&] { return selections_ > before; };
  for (int tries = 0; tries < 8; ++tries) {
    if (eyes_->holdUntil(selected, 150 + setup_.user.noticeMs))
      return true;
    const host::MethodView v = session_->methodView();
    if (v.focus == index && v.blocked) {
      // The key is framed as blocked (the eyes were reading): the person
      // looks away at the message and back, a fresh look at the key.
      double mx = 0, my = 0;
      textDisplay(mx, my);
      eyes_->lookAt(mx, my);
      eyes_->hold(eyes_->logNormal(setup_.user.readFixationMs, setup_.user.readFixationSdLog));
      eyes_->lookAt(x, y);
    } else if (v.focus == index) {
      if (eyes_->holdUntil(selected, 2500))
        return true;
    } else {
      reaim(index);
    }
  }
  return selected();
}

bool Simulation::blinkOn(int index) {
  const std::uint64_t before = selections_;
  double x = 0, y = 0;
  centre(index, x, y);
  eyes_->lookAt(x, y);
  for (int tries = 0; tries < 6; ++tries) {
    // See the key highlighted, then blink on purpose.
    eyes_->hold(setup_.user.noticeMs);
    if (selections_ > before)
      return true;  // a spontaneous blink chose it already
    if (session_->methodView().focus != index) {
      reaim(index);
      continue;
    }
    eyes_->blink(eyes_->logNormal(setup_.user.voluntaryBlinkMs, setup_.user.voluntaryBlinkSdLog));
    if (selections_ > before)
      return true;
  }
  return selections_ > before;
}

bool Simulation::scanTo(int index) {
  const std::uint64_t before = selections_;
  double x = 0, y = 0;
  centre(index, x, y);
  eyes_->lookAt(x, y);
  const std::int64_t deadline = eyes_->now() + 120'000'000;
  if (!session_->methodView().candidates.empty()) {
    host::ScanCode code;
    code.build(session_->targets());
    ++time_.codedSelections;
    time_.codeDepth += code.depthOf(index);
    time_.bits += -std::log2(std::max(code.chanceOf(index), 1e-9));
  }
  int lastBegin = -2, lastEnd = -2;
  const int* lastLit = nullptr;
  std::size_t lastLitSize = 0;
  while (selections_ == before && eyes_->now() < deadline) {
    const host::MethodView v = session_->methodView();
    if (!v.candidates.empty()) {
      // Huffman scanning: the person keeps their eyes on their key (the
      // board does not move) and, at each new lit set, takes a choice
      // reaction to see whether it is lit; lit: a deliberate blink ("yes"),
      // not lit: nothing (the step times out). A reaction slower than the
      // step lets the next set come first, and the blink answers that one.
      const auto in = [index](std::span<const int> set) {
        return std::find(set.begin(), set.end(), index) != set.end();
      };
      if (!in(v.candidates)) {
        // Their key was ruled out (a late blink): a long blink starts again.
        eyes_->hold(eyes_->logNormal(setup_.user.reactionMs, setup_.user.reactionSdLog));
        eyes_->blink(eyes_->logNormal(setup_.user.longBlinkMs, 0.1));
        ++time_.restarts;
        lastLit = nullptr;
        continue;
      }
      if (v.lit.data() == lastLit && v.lit.size() == lastLitSize) {
        eyes_->hold(1);
        continue;
      }
      lastLit = v.lit.data();
      lastLitSize = v.lit.size();
      ++time_.questions;
      if (trace_)
        std::fprintf(stderr, "  %.3f lit %zu of %zu, want %d%s\n", eyes_->now() / 1e6, v.lit.size(),
                     v.candidates.size(), index, in(v.lit) ? " (lit)" : "");
      const bool lit = in(v.lit);
      eyes_->hold(eyes_->logNormal(setup_.user.reactionMs, setup_.user.reactionSdLog));
      if (lit) {
        eyes_->blink(
            eyes_->logNormal(setup_.user.voluntaryBlinkMs, setup_.user.voluntaryBlinkSdLog));
        lastLit = nullptr;  // look at the lit set afresh
      }
      continue;
    }
    const bool changed = v.groupBegin != lastBegin || v.groupEnd != lastEnd;
    lastBegin = v.groupBegin;
    lastEnd = v.groupEnd;
    if (trace_ && changed)
      std::fprintf(stderr, "  %.3f highlight [%d,%d) want %d\n", eyes_->now() / 1e6, v.groupBegin,
                   v.groupEnd, index);
    if (v.scopeBegin >= 0 && (index < v.scopeBegin || index >= v.scopeEnd)) {
      // Inside the wrong group (a blink came late or a slip): a long blink
      // steps back out, as the device offers.
      eyes_->hold(eyes_->logNormal(setup_.user.reactionMs, setup_.user.reactionSdLog));
      eyes_->blink(eyes_->logNormal(setup_.user.longBlinkMs, 0.1));
      lastBegin = lastEnd = -2;
      continue;
    }
    if (changed && v.groupBegin <= index && index < v.groupEnd) {
      // The highlight reached the target's group: react, then blink. A lit
      // predicted letter is read first (it changes with every selection).
      if (session_->keys()[static_cast<std::size_t>(index)].role == host::KeyRole::kLetter)
        eyes_->hold(eyes_->logNormal(setup_.user.readFixationMs, setup_.user.readFixationSdLog));
      eyes_->hold(eyes_->logNormal(setup_.user.reactionMs, setup_.user.reactionSdLog));
      eyes_->blink(eyes_->logNormal(setup_.user.voluntaryBlinkMs, setup_.user.voluntaryBlinkSdLog));
      lastBegin = lastEnd = -2;  // look at the highlight afresh
      continue;
    }
    eyes_->hold(1);
  }
  return selections_ > before;
}

bool Simulation::selectTarget(int index) {
  if (trace_)
    intended_ = session_->keys()[static_cast<std::size_t>(index)].label;
  switch (session_->method()) {
    case host::MethodKind::kDwell:
      return dwellOn(index);
    case host::MethodKind::kBlink:
      return blinkOn(index);
    default:
      return scanTo(index);
  }
}

int Simulation::readPredictions(const std::string& word) {
  // The slots, left to right: one look at the row (a saccade with its
  // latency), then a reading fixation per word, stopping at the wanted one.
  // Empty slots are seen at a glance with the one before.
  const auto& keys = session_->keys();
  bool first = true;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].role != host::KeyRole::kPrediction || keys[i].labelOf().empty())
      continue;
    double x = 0, y = 0;
    centre(static_cast<int>(i), x, y);
    if (first)
      eyes_->lookAt(x, y);
    else
      eyes_->nudge(x - eyes_->aimX(), y - eyes_->aimY());
    first = false;
    eyes_->hold(eyes_->logNormal(setup_.user.readFixationMs, setup_.user.readFixationSdLog));
    // What the person saw during that fixation (the row may change under a
    // selection made meanwhile; then it is read again next time).
    if (i < session_->keys().size() && session_->keys()[i].role == host::KeyRole::kPrediction &&
        session_->keys()[i].labelOf() == word)
      return static_cast<int>(i);
  }
  return -1;
}

int Simulation::readLetters(char c) {
  // The predicted letters are scanned one by one before the rows: the
  // person watches the highlight move over them and reads each lit letter
  // (one fixation, paid in scanTo before the reaction); one that is not
  // theirs costs nothing more than the wait. Which slot holds the letter is
  // what those fixations find out.
  for (std::size_t i = 0; i < session_->keys().size(); ++i) {
    const host::ScreenKey& seen = session_->keys()[i];
    if (seen.role == host::KeyRole::kLetter && seen.boardKey != nullptr &&
        ((c == ' ' && seen.action == host::KeyAction::kSpace) ||
         (c != ' ' && seen.boardKey->value.size() == 1 && seen.boardKey->value[0] == c)))
      return static_cast<int>(i);
  }
  return -1;
}

void Simulation::checkText(std::size_t chars) {
  // Reads the end of the message: one fixation per ~8 letters, along the line.
  double x = 0, y = 0;
  textDisplay(x, y);
  eyes_->lookAt(x, y);
  const int fixations = 1 + static_cast<int>(chars / 8);
  for (int i = 0; i < fixations; ++i) {
    if (i > 0)
      eyes_->nudge(setup_.user.readSaccadeDeg * eyes_->pxPerDegree(), 0);
    eyes_->hold(eyes_->logNormal(setup_.user.readFixationMs, setup_.user.readFixationSdLog));
  }
}

bool Simulation::typePhrase(const std::string& meant, double limitS) {
  const std::int64_t limitUs = eyes_->now() + static_cast<std::int64_t>(limitS * 1e6);
  std::size_t checked = 0;    // text length at the last check
  std::size_t wordStart = 0;  // the person corrects the word just written, not older ones
  std::size_t heard = 0;      // text length at the last letter echo heard (echo letters)
  bool deleting = false;
  std::string lookedAt = "\x01";  // the text when the predictions were last read
  while (eyes_->now() < limitUs) {
    std::string typed = session_->text();
    // A predicted last word brings its space: the message is complete (the
    // voice says the same), so the person does not delete it.
    if (typed.size() == meant.size() + 1 && typed.back() == ' ' && typed.starts_with(meant))
      typed.pop_back();
    const std::size_t good = commonPrefix(typed, meant);
    if (deleting) {
      if (typed.size() > good) {
        const int back = keyWithAction(host::KeyAction::kBackspace);
        if (back < 0)
          return false;
        ++backspaces_;
        const std::int64_t t0 = eyes_->now();
        selectTarget(back);
        time_.corrections += static_cast<double>(eyes_->now() - t0) / 1e6;
        continue;
      }
      deleting = false;
    }
    if (echoLetters_ && typed.size() > heard) {
      // The device says each letter as it is chosen (profile `echo
      // letters`): the person hears a wrong one at once, while still on the
      // board, instead of when the word is checked, and reacts to it.
      heard = typed.size();
      if (good < typed.size() && good >= wordStart &&
          eyes_->chance(setup_.user.noticeErrorProbability)) {
        eyes_->hold(eyes_->logNormal(setup_.user.reactionMs, setup_.user.reactionSdLog));
        deleting = true;
        checked = good;
        heard = good;
        continue;
      }
    }
    if (typed.size() < heard)
      heard = typed.size();
    const bool wordDone = typed.size() >= meant.size() || meant[typed.size()] == ' ';
    if (wordDone && typed.size() > checked) {
      checked = typed.size();
      const std::int64_t t0 = eyes_->now();
      checkText(typed.size());
      time_.checks += static_cast<double>(eyes_->now() - t0) / 1e6;
      if (good < typed.size() && good >= wordStart &&
          eyes_->chance(setup_.user.noticeErrorProbability)) {
        deleting = true;
        checked = good;
        continue;
      }
      wordStart = typed.size();
    }
    if (typed.size() >= meant.size())
      return true;
    if (setup_.usePredictions && meant[typed.size()] != ' ' && good == typed.size() &&
        typed != lookedAt) {
      // A prediction could be there: read the slots (once per change of the
      // text), and choose the word if it is offered.
      const std::size_t wordBegin = meant.rfind(' ', typed.size() == 0 ? 0 : typed.size() - 1);
      const std::size_t from = wordBegin == std::string::npos || typed.empty() ? 0 : wordBegin + 1;
      const std::size_t to = std::min(meant.find(' ', typed.size()), meant.size());
      if (to - typed.size() >= setup_.user.predictionMinLetters &&
          typed.size() - from >= setup_.user.predictionAfterLetters) {
        lookedAt = typed;
        std::int64_t t0 = eyes_->now();
        const int slot = readPredictions(meant.substr(from, to - from));
        time_.predictionLooks += static_cast<double>(eyes_->now() - t0) / 1e6;
        if (slot >= 0) {
          ++predictionsChosen_;
          t0 = eyes_->now();
          eyesOnTarget_ = setup_.wordInPlace;
          selectTarget(slot);
          eyesOnTarget_ = false;
          time_.words += static_cast<double>(eyes_->now() - t0) / 1e6;
          continue;
        }
      }
    }
    int key = -1;
    if (setup_.usePredictions && good == typed.size()) {
      // Scanning offers predicted letters first (read as they are lit).
      key = readLetters(meant[typed.size()]);
    }
    if (key < 0)
      key = keyTyping(meant[typed.size()]);
    if (key < 0) {
      // Another board is open (a slip onto a board key): back to the letters.
      const int letters = lettersKey();
      if (letters < 0)
        return false;
      const std::int64_t t0 = eyes_->now();
      selectTarget(letters);
      time_.other += static_cast<double>(eyes_->now() - t0) / 1e6;
      continue;
    }
    if (meant[typed.size()] != ' ' && eyes_->chance(setup_.user.slipProbability))
      key = neighbourOf(key);
    const std::int64_t t0 = eyes_->now();
    landedUs_ = -1;
    selectTarget(key);
    time_.keys += static_cast<double>(eyes_->now() - t0) / 1e6;
    if (landedUs_ >= 0)
      time_.keysLanding += static_cast<double>(landedUs_ - t0) / 1e6;
    ++time_.keySelections;
  }
  return false;
}

TypingResult Simulation::type(const std::vector<std::string>& phrases) {
  TypingResult r;
  std::size_t longer = 0;
  const std::uint64_t selectionsBefore = selections_;
  eyes_->setTask(EyeTask::kSpelling);
  for (const std::string& meant : phrases) {
    for (int tries = 0; tries < 5 && !session_->text().empty(); ++tries) {
      const int clear = keyWithAction(host::KeyAction::kClear);
      if (clear < 0)
        break;
      selectTarget(clear);
    }
    const std::int64_t start = eyes_->now();
    // Generous: a phrase that takes longer than this has failed the person.
    const double limitS = 60.0 + 12.0 * static_cast<double>(meant.size());
    const bool done = typePhrase(meant, limitS);
    const std::int64_t end = eyes_->now();
    std::string written = session_->text();
    while (!written.empty() && written.back() == ' ')
      written.pop_back();  // spoken the same
    ++r.phrases;
    const std::size_t distance = minimumStringDistance(meant, written);
    const std::size_t longest = std::max(meant.size(), written.size());
    // Only correct text counts: a wrong predicted word adds many characters
    // at once, and must not make a noisy tracker look fast.
    r.chars += longest - std::min(distance, longest);
    r.seconds += static_cast<double>(end - start) / 1e6;
    r.errors += distance;
    longer += longest;
    if (!done)
      ++r.gaveUp;
    const int speak = keyWithAction(host::KeyAction::kSpeak);
    if (speak >= 0)
      selectTarget(speak);
  }
  r.wpm = wordsPerMinute(r.chars, r.seconds);
  r.cpm = r.seconds > 0 ? static_cast<double>(r.chars) / (r.seconds / 60.0) : 0;
  r.errorRate = longer > 0 ? static_cast<double>(r.errors) / static_cast<double>(longer) : 0;
  r.selections = selections_ - selectionsBefore;
  r.backspaces = backspaces_;
  r.predictionsChosen = predictionsChosen_;
  r.time = time_;
  return r;
}

ReadingResult Simulation::read(double minutes, bool resting, Reading what) {
  ReadingResult r;
  const UserParams& u = setup_.user;
  if (resting) {
    // Two long blinks pause the device (safety.rest_blinks); wait for the gesture to end.
    eyes_->setTask(EyeTask::kRest);
    eyes_->blink(2500);
    eyes_->hold(800);
    eyes_->blink(2500);
    eyes_->hold(5000);
  }
  eyes_->setTask(EyeTask::kReading);
  const std::uint64_t before = selections_;
  const std::int64_t start = eyes_->now();
  const std::int64_t end = start + static_cast<std::int64_t>(minutes * 60e6);
  const double step = u.readSaccadeDeg * eyes_->pxPerDegree();
  while (eyes_->now() < end) {
    // The lines of the screen: distinct rows of targets, top to bottom.
    std::vector<std::pair<double, std::pair<double, double>>> lines;  // y, (left, right)
    for (const host::Target& t : session_->targets()) {
      const double y = t.rect.y + 0.5 * t.rect.h;
      auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& l) {
        return std::abs(l.first - y) < 0.25 * t.rect.h;
      });
      if (it == lines.end())
        lines.push_back({y, {t.rect.x, t.rect.x + t.rect.w}});
      else
        it->second = {std::min(it->second.first, static_cast<double>(t.rect.x)),
                      std::max(it->second.second, static_cast<double>(t.rect.x + t.rect.w))};
    }
    if (what == Reading::kMessage && !lines.empty()) {
      // A composed message fills the text bar above the keys: one line of
      // text across most of the screen's width (the text bar keys to the
      // right are not part of it).
      double x = 0, y = 0;
      textDisplay(x, y);
      lines.assign(1, {y, {0.05 * setup_.screen.widthPx, 0.8 * setup_.screen.widthPx}});
    }
    if (lines.empty()) {
      // No keys (the rest screen): the eyes wander over the screen as over a page.
      for (int row = 1; row <= 8; ++row)
        lines.push_back({row * setup_.screen.heightPx / 9.0,
                         {0.1 * setup_.screen.widthPx, 0.9 * setup_.screen.widthPx}});
    }
    std::sort(lines.begin(), lines.end());
    for (const auto& line : lines) {
      double x = line.second.first + 0.5 * step;
      while (x < line.second.second && eyes_->now() < end) {
        // Reading saccades are programmed during the fixation: no extra latency.
        eyes_->nudge(x - eyes_->aimX(), line.first - eyes_->aimY());
        const bool pause = eyes_->chance(u.thinkPauseProbability);
        eyes_->hold(pause ? eyes_->logNormal(u.thinkPauseMs, u.thinkPauseSdLog)
                          : eyes_->logNormal(u.readFixationMs, u.readFixationSdLog));
        x += eyes_->chance(u.regressionProbability) ? -step : step * eyes_->logNormal(1.0, 0.3);
      }
    }
  }
  r.minutes = static_cast<double>(eyes_->now() - start) / 60e6;
  r.selections = selections_ - before;
  r.perMinute = r.minutes > 0 ? static_cast<double>(r.selections) / r.minutes : 0;
  return r;
}

ReadingResult Simulation::readAfterTyping(const std::vector<std::string>& phrases, double minutes,
                                          double readS) {
  ReadingResult r;
  if (phrases.empty() || readS <= 0)
    return r;
  for (std::size_t i = 0; r.minutes < minutes; ++i) {
    type({phrases[i % phrases.size()]});
    const ReadingResult part = read(std::min(readS / 60.0, minutes - r.minutes), false);
    r.minutes += part.minutes;
    r.selections += part.selections;
  }
  r.perMinute = r.minutes > 0 ? static_cast<double>(r.selections) / r.minutes : 0;
  return r;
}

}  // namespace drishti::sim
