// HostSession: loading, the input stream, time, status and drawing.
// What selections do is in session_actions.cpp.
#include "host/core/host_session.h"

#include <algorithm>
#include <array>

#include "host/core/board_parser.h"
#include "host/core/last_good_file.h"
#include "host/core/letter_predictor.h"
#include "host/core/screen_renderer.h"
#include "host/core/utf8_text.h"
#include "host/core/word_predictor.h"

namespace drishti::host {
namespace {

constexpr std::size_t kMaxEvents = 256;  // unread events beyond this are dropped, oldest first
constexpr std::int64_t kShowProblemsUs = 60'000'000;  // problems lead the status line for a minute
constexpr std::size_t kTextTail = 40;                 // code points of the message shown in the bar

// The emergency board, used only when no board file can be read at all, so
// the person can still spell and call for help.
constexpr std::string_view kFallbackBoard = R"board(drishti-board 1
id fallback-abc
title "ABC (built in)"
language en
script latin
row a b c d e f g
row h i j k l m n
row o p q r s t u
row v w x y z ' ?
)board";

}  // namespace

HostSession::HostSession(SessionConfig config, SpeechSink* speech)
    : config_(std::move(config)),
      speech_(speech),
      store_(config_.stateDir),
      safety_(SafetyParams{}),
      wake_(DwellParams{}) {
  load();
}

HostSession::~HostSession() = default;

void HostSession::load() {
  problems_.clear();
  reportedProblems_ = 0;
  std::vector<std::filesystem::path> dirs{config_.dataDir / "boards", config_.dataDir / "phrases"};
  if (store_.enabled())
    dirs.push_back(store_.boardsDir());
  library_.load(dirs, store_.lastGoodDir());
  problems_ = library_.problems();
  if (library_.boards().empty()) {
    problems_.push_back({(config_.dataDir / "boards").string(), 0,
                         "no board could be read; using a built-in letter board"});
    library_.add(*parseBoard(kFallbackBoard, "built-in").board);
  }
  loadVocabularies();
  profileName_ = config_.profile.empty() ? store_.activeProfileName() : config_.profile;
  if (!validProfileName(profileName_)) {
    problems_.push_back({profileName_, 0, "not a valid profile name; using 'default'"});
    profileName_ = "default";
  }
  loadProfileState();
}

void HostSession::loadVocabularies() {
  vocabularies_.clear();
  const std::filesystem::path dir = config_.dataDir / "vocabulary";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return;  // no prediction: the boards work as before
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".words")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  const auto parse = [](std::string_view text, const std::string& file, std::vector<Problem>& out) {
    return parseVocabulary(text, file, out);
  };
  for (const std::filesystem::path& file : files) {
    std::optional<Vocabulary> v =
        loadWithLastGood<Vocabulary>(file, store_.lastGoodDir(), parse, problems_);
    if (!v)
      continue;
    const bool repeat = std::any_of(vocabularies_.begin(), vocabularies_.end(),
                                    [&](const Vocabulary& o) { return o.language == v->language; });
    if (repeat)
      problems_.push_back(
          {file.string(), 0, "a second vocabulary for language '" + v->language + "'; ignored"});
    else
      vocabularies_.push_back(std::move(*v));
  }
}

void HostSession::loadProfileState() {
  applyProfile(
      store_.loadProfile(profileName_, config_.dataDir / "profiles" / "default.profile", problems_),
      true);
}

void HostSession::applyProfile(Profile profile, bool restoreState) {
  profile_ = std::move(profile);
  const std::string activeError = store_.setActiveProfileName(profileName_);
  if (!activeError.empty())
    problems_.push_back({store_.dir().string(), 0, activeError});
  safety_ = SafetyGestures(profile_.access.safety);
  DwellParams wakeParams = profile_.access.dwell;
  wakeParams.dwellMs = profile_.access.safety.wakeDwellMs;
  wake_ = DwellSelector(wakeParams);

  SavedState saved;
  if (restoreState) {
    saved = store_.loadState(profileName_, problems_);
    composer_.set(saved.text, saved.undo);
    composer_.setRecent(profile_.keepHistory ? store_.loadHistory(profileName_, problems_)
                                             : std::vector<std::string>{});
    learned_ = store_.loadWords(profileName_, problems_);
  } else if (place_.board != nullptr) {
    saved.board = place_.board->id;  // a changed setting keeps the person where they are
  }

  // The profile's references to boards, checked again whenever the profile changes.
  const std::string profileFile =
      store_.enabled() ? store_.profilePath(profileName_).string() : profileName_;
  std::erase_if(problems_, [&](const Problem& p) {
    return p.file == profileFile && p.message.find("names board") != std::string::npos;
  });
  reportedProblems_ = std::min(reportedProblems_, problems_.size());
  for (const std::string& id : {profile_.letterBoard, profile_.phraseBoard, profile_.yesNoBoard})
    if (library_.find(id) == nullptr)
      problems_.push_back(
          {profileFile, 0, "the profile names board '" + id + "', which does not exist"});
  menu_.clear();
  if (profile_.menu.empty()) {
    for (const Board& b : library_.boards())
      menu_.push_back(&b);
  } else {
    for (const std::string& id : profile_.menu) {
      if (const Board* b = library_.find(id))
        menu_.push_back(b);
      else
        problems_.push_back(
            {profileFile, 0, "the profile's menu names board '" + id + "', which does not exist"});
    }
  }

  const Board* start = library_.find(restoreState ? config_.startBoard : std::string());
  if (start == nullptr)
    start = library_.find(saved.board);
  if (start == nullptr)
    start = library_.find(profile_.letterBoard);
  if (start == nullptr)
    start = &library_.boards().front();
  lastLetterBoard_ =
      library_.find(profile_.letterBoard) != nullptr ? profile_.letterBoard : start->id;
  if (start->kind == BoardKind::kLetters)
    lastLetterBoard_ = start->id;
  place_ = Place{ScreenKind::kBoard, start, -1, 0};
  beforeRest_ = beforeHelp_ = place_;
  lostSinceUs_ = -1;
  overlay_ = false;
  for (; reportedProblems_ < problems_.size(); ++reportedProblems_)
    emit(SessionEventKind::kProblem, problems_[reportedProblems_].describe());
  textChanged();
  methodKind_ = profile_.access.method;
  method_.reset();
  updateMethod();
  rebuild();
}

void HostSession::reload() {
  saveState();
  const std::string board = place_.board != nullptr ? place_.board->id : std::string();
  load();
  if (library_.find(board) != nullptr)
    openBoard(board);
}

std::vector<std::string> HostSession::profileNames() const {
  std::vector<std::string> names = store_.profileNames();
  if (names.empty())
    names.push_back(profileName_);
  return names;
}

std::string HostSession::switchProfile(const std::string& name) {
  if (!validProfileName(name))
    return "profile name '" + name + "' must be 1-40 of a-z, 0-9, '-' and '_'";
  saveState();
  profileName_ = name;
  problems_.clear();
  reportedProblems_ = 0;
  loadProfileState();
  return saveError_;
}

std::string HostSession::saveProfile(const Profile& p) {
  std::vector<Problem> check;
  // What is saved must read back: the same checks as for a file edited by hand.
  if (!parseProfile(formatProfile(p), "profile", check))
    return describeAll(check);
  const std::string error = store_.saveProfile(profileName_, p);
  if (!error.empty())
    return error;
  applyProfile(p, false);
  return {};
}

void HostSession::setGazeCalibrated(bool calibrated) {
  if (gazeCalibrated_ == calibrated)
    return;
  gazeCalibrated_ = calibrated;
  if (!calibrated)
    gazeSeen_ = false;
  updateMethod();
}

void HostSession::setGazePrecision(float deg, float pxPerDegree) {
  if (!(deg >= 0) || !(pxPerDegree > 0) ||
      (deg == gazePrecisionDeg_ && pxPerDegree == pxPerDegree_))
    return;
  gazePrecisionDeg_ = deg;
  pxPerDegree_ = pxPerDegree;
  method_.reset();  // made again with the new hold
  updateMethod();
}

void HostSession::updateMethod() {
  MethodKind wanted = profile_.access.method;
  if (methodNeedsGaze(wanted) && !gazeCalibrated_ && !gazeSeen_)
    wanted = MethodKind::kScan;  // blinks work before calibration; pointing does not
  if (method_ && wanted == methodKind_)
    return;
  methodKind_ = wanted;
  AccessParams access = profile_.access;
  if (gazePrecisionDeg_ > access.dwell.guardMaxDeg)
    access.dwell.holdPx = 0;  // the guards cannot tell reading from this noise
  else if (access.dwell.holdPx > 0)
    access.dwell.holdPx =
        std::max(access.dwell.holdPx, kHoldPerPrecision * gazePrecisionDeg_ * pxPerDegree_);
  access.dwell.resizeSigmaPx = gazePrecisionDeg_ * pxPerDegree_;
  method_ = makeAccessMethod(wanted, access, static_cast<float>(config_.width),
                             static_cast<float>(config_.height));
  if (letterSlots() != static_cast<int>(layoutLetterSlots_)) {
    // Scanning started or stopped: the predicted letters come or go.
    refreshPredictions();
    layout_.build(layoutInput());
    layoutLetterSlots_ = static_cast<std::uint32_t>(letterSlots());
  } else {
    refreshPredictions();  // Huffman scanning's weights come or go
    layout_.relabel(layoutInput());
  }
  giveTargets();
  refreshStatus();
}

LayoutInput HostSession::layoutInput() const {
  LayoutInput in;
  in.screen = place_.screen;
  in.board = place_.board;
  in.openGroup = place_.openGroup;
  in.openTab = place_.openTab;
  in.menu = &menu_;
  in.recent = &composer_.recent();
  in.canUndo = composer_.canUndo();
  in.hasHistory = profile_.keepHistory;
  in.consonant = consonant_;
  in.predictionSlots = predictionSlots();
  in.predictions = &predictions_;
  in.letterSlots = letterSlots();
  in.letters = &letters_;
  in.chances = scanChances() ? &chances_ : nullptr;
  in.width = static_cast<float>(config_.width);
  in.height = static_cast<float>(config_.height);
  return in;
}

void HostSession::rebuild() {
  refreshPredictions();
  layout_.build(layoutInput());
  layoutLetterSlots_ = static_cast<std::uint32_t>(letterSlots());
  giveTargets();
  wakeTargets_.clear();
  if (place_.screen == ScreenKind::kRest) {
    Target t;
    t.rect = layout_.wakeRect();
    wakeTargets_.push_back(t);
  }
  wake_.setTargets(wakeTargets_, nowUs_);
  std::string name(screenKindName(place_.screen));
  if (place_.screen == ScreenKind::kBoard && place_.board != nullptr) {
    name += ":" + place_.board->id;
    if (place_.board->style == BoardStyle::kGroups && place_.openGroup >= 0)
      name += ":group-" + std::to_string(place_.openGroup + 1);
    if (place_.board->style == BoardStyle::kTabs)
      name += ":tab-" + std::to_string(place_.openTab + 1);
  }
  if (name != screenName_) {
    screenName_ = std::move(name);
    ++serial_;
    emit(SessionEventKind::kScreenChanged, std::string(screenName()));
  }
  refreshStatus();
}

void HostSession::relabel() {
  // Scanning passes over empty slots: a changed set of them is a new scan tree
  // (the text changes on a selection, when scanning starts from the top anyway).
  // With dwell.likely_ms or dwell.cascade_ms the dwell times change with the
  // text, and with dwell.resize the keys' next-letter chances.
  if ((layout_.relabel(layoutInput()) && methodKind_ == MethodKind::kScan) || likelyDwell() ||
      cascadeDwell() || (methodKind_ == MethodKind::kDwell && profile_.access.dwell.resize))
    giveTargets();
}

void HostSession::textChanged() {
  const std::string& t = composer_.text();
  consonant_.clear();
  if (endsWithIndicConsonant(t)) {
    std::size_t start = lastCodePointStart(t);
    if (lastCodePoint(t) == 0x093C)  // nukta: keep it with its consonant
      start = lastCodePointStart(std::string_view(t).substr(0, start));
    consonant_ = t.substr(start);
  }
  textTailStart_ = tailStart(t, kTextTail);
  refreshPredictions();
  relabel();
}

int HostSession::predictionSlots() const {
  const Board* b = place_.board;
  if (!profile_.prediction.enabled || place_.screen != ScreenKind::kBoard || b == nullptr ||
      b->kind != BoardKind::kLetters || b->style != BoardStyle::kGrid || !b->textBar)
    return 0;
  const bool known = std::any_of(vocabularies_.begin(), vocabularies_.end(),
                                 [&](const Vocabulary& v) { return v.language == b->language; });
  return known ? static_cast<int>(profile_.prediction.slots) : 0;
}

int HostSession::letterSlots() const {
  if (methodKind_ != MethodKind::kScan || predictionSlots() <= 0)
    return 0;
  return static_cast<int>(profile_.access.scan.letterSlots);
}

bool HostSession::scanChances() const {
  const Board* b = place_.board;
  return methodKind_ == MethodKind::kScan && profile_.access.scan.mode == ScanMode::kHuffman &&
         place_.screen == ScreenKind::kBoard && b != nullptr && b->kind == BoardKind::kLetters;
}

void HostSession::refreshPredictions() {
  const int slots = predictionSlots();
  letters_.clear();
  const bool chances = scanChances();
  if (slots <= 0 && !chances) {
    predictions_.clear();
    return;
  }
  const Vocabulary* base = baseVocabulary();
  if (slots > 0)
    predictWords(composer_.text(), base, learned_, static_cast<std::size_t>(slots), predictions_);
  else
    predictions_.clear();
  const int letterCount = letterSlots();
  if (letterCount <= 0 && !chances)
    return;
  // Only letters this board types, each offered by its own key.
  std::string typable;
  std::array<const BoardKey*, 256> keyOf{};
  for (const BoardGroup& g : place_.board->groups)
    for (const BoardKey& k : g.keys) {
      const char c = k.typedChar();
      if (c != 0 && keyOf[static_cast<unsigned char>(c)] == nullptr) {
        keyOf[static_cast<unsigned char>(c)] = &k;
        typable.push_back(c);
      }
    }
  // The text bar's Space types a space on boards without their own (en-abc).
  if (chances && place_.board->textBar && typable.find(' ') == std::string::npos)
    typable.push_back(' ');
  if (chances)
    letterChances(composer_.text(), base, learned_, typable, chances_);
  for (char c : predictLetters(composer_.text(), base, learned_, typable,
                               static_cast<std::size_t>(letterCount)))
    letters_.push_back(keyOf[static_cast<unsigned char>(c)]);
}

const Vocabulary* HostSession::baseVocabulary() const {
  const Vocabulary* base = nullptr;
  for (const Vocabulary& v : vocabularies_)
    if (place_.board != nullptr && v.language == place_.board->language)
      base = &v;
  return base;
}

std::string_view HostSession::screenName() const {
  return overlay_ ? std::string_view("tracking-lost") : std::string_view(screenName_);
}

std::string_view HostSession::targetLabel(int index) const {
  if (index < 0 || index >= static_cast<int>(layout_.keys().size()))
    return {};
  return layout_.keys()[static_cast<std::size_t>(index)].labelOf();
}

int HostSession::findTarget(std::string_view label) const {
  for (std::size_t i = 0; i < layout_.keys().size(); ++i)
    if (layout_.keys()[i].labelOf() == label)
      return static_cast<int>(i);
  return -1;
}

MethodView HostSession::methodView() const {
  MethodView v;
  if (method_ && !overlay_ && place_.screen != ScreenKind::kRest)
    method_->view(v);
  return v;
}

// --- input and time ---

void HostSession::handle(const InputEvent& event) {
  advanceTo(event.tUs);
  InputEvent e = event;
  e.tUs = nowUs_;
  if (e.kind == InputKind::kEyes) {  // lids: for the safety gestures, and scan.early_blink
    const SafetySignal signal = safety_.input(e);
    if (signal != SafetySignal::kNone) {
      onSafety(signal);
      return;
    }
    if (methodKind_ == MethodKind::kScan && !overlay_ && place_.screen != ScreenKind::kRest) {
      if (const int chosen = method_->input(e); chosen >= 0)
        select(chosen);
    }
    return;
  }
  switch (e.kind) {
    case InputKind::kTrackingLost:
      if (lostSinceUs_ < 0) {
        lostSinceUs_ = e.tUs;
        loss_ = e.loss;
      }
      break;
    case InputKind::kTrackingBack:
      lostSinceUs_ = -1;
      break;
    case InputKind::kGaze:
      lostSinceUs_ = -1;  // someone is pointing (the eyes again, or a mouse)
      if (!gazeSeen_) {
        gazeSeen_ = true;
        updateMethod();
      }
      break;
    default:
      break;
  }
  updateOverlay();
  const SafetySignal signal = safety_.input(e);
  if (signal != SafetySignal::kNone) {
    onSafety(signal);
    return;
  }
  if (overlay_)
    return;
  if (place_.screen == ScreenKind::kRest) {
    restInput(e);
    return;
  }
  const int chosen = method_->input(e);
  if (chosen >= 0)
    select(chosen);
  noteMethodMode();
}

void HostSession::noteMethodMode() {
  // The status line explains the method's current mode (direct looks or halving,
  // codes or scanning); it is rebuilt only when that mode changes.
  const MethodView v = methodView();
  // (The adaptive scan step is shown too: each new step is a new mode.)
  const std::int64_t mode = (v.directLooks ? 1 : 0) | (v.scanning ? 2 : 0) |
                            (static_cast<std::int64_t>((v.stepMs + 50) / 100) << 2);
  if (mode != methodMode_) {
    methodMode_ = mode;
    refreshStatus();
  }
}

void HostSession::advanceTo(std::int64_t tUs) {
  if (!started_) {
    started_ = true;
    nowUs_ = tUs;
    problemsUntilUs_ = tUs + kShowProblemsUs;
    nextAttentionUs_ = tUs;
    if (method_)
      method_->reset(tUs);
    wake_.reset(tUs);
    return;
  }
  if (tUs <= nowUs_)
    return;
  const bool problemsWereShown = nowUs_ < problemsUntilUs_;
  nowUs_ = tUs;
  const SafetySignal signal = safety_.advance(tUs);
  if (signal != SafetySignal::kNone)
    onSafety(signal);
  updateOverlay();
  if (place_.screen == ScreenKind::kHelp) {
    const std::uint32_t repeatMs = profile_.access.safety.helpRepeatMs;
    if (repeatMs > 0 && nowUs_ >= nextAttentionUs_) {
      nextAttentionUs_ = nowUs_ + static_cast<std::int64_t>(repeatMs) * 1000;
      emit(SessionEventKind::kAttentionSound, {});
      say(profile_.helpMessage, profile_.voice, SpeechKind::kPrompt);
    }
  }
  if (place_.screen == ScreenKind::kRest) {
    const bool heldLong = restSwitchSinceUs_ >= 0 &&
                          nowUs_ - restSwitchSinceUs_ >=
                              static_cast<std::int64_t>(profile_.access.safety.wakeDwellMs) * 1000;
    if (wake_.advance(nowUs_) >= 0 || heldLong)
      endRest();
  } else if (!overlay_) {
    cascadeOnTime();
    const int chosen = method_->advance(nowUs_);
    if (chosen >= 0)
      select(chosen);
    noteMethodMode();
  }
  if (problemsWereShown && nowUs_ >= problemsUntilUs_)
    refreshStatus();
}

void HostSession::updateOverlay() {
  const bool lostLongEnough =
      lostSinceUs_ >= 0 &&
      nowUs_ - lostSinceUs_ >=
          static_cast<std::int64_t>(profile_.access.safety.trackingLostDelayMs) * 1000;
  // Rest and help are calm or urgent on their own; they stay as they are.
  const bool show =
      lostLongEnough && place_.screen != ScreenKind::kRest && place_.screen != ScreenKind::kHelp;
  if (show == overlay_)
    return;
  overlay_ = show;
  ++serial_;
  // Whatever was under way is forgotten: the person starts afresh when the eyes return.
  method_->reset(nowUs_);
  emit(SessionEventKind::kScreenChanged, std::string(screenName()));
}

void HostSession::restInput(const InputEvent& e) {
  if (e.kind == InputKind::kSwitchDown && e.switchId == 0 && restSwitchSinceUs_ < 0)
    restSwitchSinceUs_ = e.tUs;
  if (e.kind == InputKind::kSwitchUp && e.switchId == 0)
    restSwitchSinceUs_ = -1;
  if (wake_.input(e) >= 0)
    endRest();
}

// --- output ---

void HostSession::render(DrawList& out) const {
  MethodView view = methodView();
  RenderInput in;
  in.screen = place_.screen;
  in.screenName = screenName();
  in.screenSerial = serial_;
  in.width = static_cast<float>(config_.width);
  in.height = static_cast<float>(config_.height);
  in.method = methodKind_;
  const std::string& t = composer_.text();
  in.text = std::string_view(t).substr(std::min(textTailStart_, t.size()));
  in.textCut = textTailStart_ > 0;
  in.textScript = dominantScript(in.text);
  in.status = status_;
  in.title = title_;
  in.detail = detail_;
  in.wakeProgress = place_.screen == ScreenKind::kRest ? wake_.progress() : 0.0F;
  in.longBlinks = safety_.longBlinks();
  in.trackingLost = overlay_;
  in.loss = loss_;
  renderScreen(layout_, view, in, out);
}

bool HostSession::pollEvent(SessionEvent& out) {
  if (events_.empty())
    return false;
  out = std::move(events_.front());
  events_.pop_front();
  return true;
}

void HostSession::emit(SessionEventKind kind, std::string text) {
  SessionEvent e;
  e.kind = kind;
  e.tUs = nowUs_;
  e.text = std::move(text);
  emit(std::move(e));
}

void HostSession::emit(SessionEvent event) {
  if (events_.size() >= kMaxEvents)
    events_.pop_front();
  events_.push_back(std::move(event));
}

void HostSession::notice(std::string message) {
  if (started_)
    problemsUntilUs_ = nowUs_ + kShowProblemsUs;
  problem({{}, 0, std::move(message)});
}

void HostSession::problem(Problem p) {
  emit(SessionEventKind::kProblem, p.describe());
  problems_.push_back(std::move(p));
  refreshStatus();
}

}  // namespace drishti::host
