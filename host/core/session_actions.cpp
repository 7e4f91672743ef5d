// HostSession: what a selection does, navigation, rest, help, speech and saving.
#include <algorithm>
#include <utility>

#include "host/core/host_session.h"
#include "host/core/utf8_text.h"
#include "host/core/word_predictor.h"

namespace drishti::host {

void HostSession::select(int target) {
  if (target < 0 || target >= static_cast<int>(layout_.keys().size()))
    return;
  // A copy: applying it may rebuild the layout the key lives in.
  const ScreenKey key = layout_.keys()[static_cast<std::size_t>(target)];
  ++selections_;
  // Delete says the last key was wrong: key-target resizing rests until the
  // next other selection, so a key it took from the person is not taken again.
  correcting_ = key.action == KeyAction::kBackspace;
  if (method_)  // Delete or Undo: the selection before was wrong (scan.adapt learns from it)
    method_->selected(correcting_ || key.action == KeyAction::kUndo);
  cascadeOnSelect(key);
  if (std::exchange(spoken_, false) && method_) {
    // The selection after a spoken message: the keys' own dwell again
    // (speakMessage() sets spoken_ anew if this is Speak once more).
    setMethodTargets();
    method_->retime(methodTargets_, nowUs_);
  }
  SessionEvent selected;
  selected.kind = SessionEventKind::kSelected;
  selected.tUs = nowUs_;
  selected.text = std::string(key.labelOf());
  selected.keyRect = layout_.targets()[static_cast<std::size_t>(target)].rect;
  selected.keyRole = key.role;
  selected.keyAction = key.action;
  emit(std::move(selected));
  switch (key.role) {
    case KeyRole::kBoardKey:
    case KeyRole::kCommand:
      applyKey(key);
      return;
    case KeyRole::kGroup:
      place_.openGroup = key.arg;
      rebuild();
      return;
    case KeyRole::kCloseGroup:
      place_.openGroup = -1;
      rebuild();
      return;
    case KeyRole::kTab:
      place_.openTab = key.arg;
      rebuild();
      return;
    case KeyRole::kMenuItem:
      if (key.arg >= 0 && key.arg < static_cast<int>(menu_.size()))
        openBoard(menu_[static_cast<std::size_t>(key.arg)]->id);
      return;
    case KeyRole::kRecentItem: {
      const std::vector<std::string>& recent = composer_.recent();
      if (key.arg < 0 || key.arg >= static_cast<int>(recent.size()))
        return;
      const std::string message = recent[static_cast<std::size_t>(key.arg)];
      say(message, voiceFor(message), SpeechKind::kMessage);
      composer_.remember(message);
      if (profile_.keepHistory) {
        const std::string error = store_.saveHistory(profileName_, composer_.recent());
        if (!error.empty())
          problem({store_.historyPath(profileName_).string(), 0, error});
      }
      openBoard(lastLetterBoard_);
      return;
    }
    case KeyRole::kAskClearHistory:
      goTo(ScreenKind::kConfirmClearHistory);
      return;
    case KeyRole::kConfirmYes: {
      composer_.forgetRecent();
      const std::string error = store_.clearHistory(profileName_);
      if (!error.empty())
        problem({store_.historyPath(profileName_).string(), 0, error});
      // The learned words are what the saved messages were made of.
      if (const std::string wordsError = forgetLearnedWords(); !wordsError.empty())
        problem({store_.wordsPath(profileName_).string(), 0, wordsError});
      goTo(ScreenKind::kRecent);
      return;
    }
    case KeyRole::kConfirmNo:
      goTo(ScreenKind::kRecent);
      return;
    case KeyRole::kPrediction:
      choosePrediction(key.arg);
      return;
    case KeyRole::kLetter:
      if (key.boardKey != nullptr)
        applyKey(key);  // an empty slot does nothing
      return;
  }
}

void HostSession::choosePrediction(int slot) {
  if (slot < 0 || slot >= static_cast<int>(predictions_.size()))
    return;  // an empty slot: nothing to complete
  const std::string word = predictions_[static_cast<std::size_t>(slot)];
  const std::string& t = composer_.text();
  const std::size_t prefixBytes = wordContext(t).prefix.size();
  if (t.size() - prefixBytes + word.size() + 1 > TextComposer::kMaxTextBytes) {
    status_ = "The message is full. Speak it or clear it to go on.";
    return;
  }
  // The letters written so far are replaced by the word (they are its start,
  // perhaps in another case), then a space follows, ready for the next word.
  for (std::size_t n = countCodePoints(std::string_view(t).substr(t.size() - prefixBytes)); n > 0;
       --n)
    composer_.backspace();
  composer_.insert(word + " ");
  textChanged();
  saveState();
  if (profile_.echoWords)
    say(word, voiceFor(word), SpeechKind::kWordEcho);
}

std::string HostSession::forgetLearnedWords() {
  learned_.clear();
  refreshPredictions();
  relabel();
  return store_.clearWords(profileName_);
}

void HostSession::applyKey(const ScreenKey& key) {
  const BoardKey* bk = key.boardKey;
  const Board* from = place_.board;
  switch (key.action) {
    case KeyAction::kInsert:
      if (bk != nullptr)
        insertText(key.showsSign ? std::string_view(bk->sign) : std::string_view(bk->value), from);
      if (place_.board != nullptr && place_.board->style == BoardStyle::kGroups &&
          place_.openGroup >= 0) {
        place_.openGroup = -1;  // E-tran: back to the groups for the next letter
        rebuild();
      }
      return;
    case KeyAction::kSay:
      if (bk == nullptr)
        return;
      if (profile_.phraseAction == PhraseAction::kInsert) {
        const std::string& t = composer_.text();
        std::string words = (!t.empty() && t.back() != ' ') ? " " + bk->value : bk->value;
        insertText(words + " ", nullptr);
      } else {
        // An answer on a yes/no board is said as a prompt; a phrase is the person's message.
        const bool answer = from != nullptr && from->kind == BoardKind::kAnswers;
        say(bk->speak.empty() ? bk->value : bk->speak,
            from != nullptr ? from->voiceOrLanguage() : profile_.voice,
            answer ? SpeechKind::kPrompt : SpeechKind::kMessage);
      }
      return;
    case KeyAction::kSpace:
      if (composer_.insert(" ")) {
        textChanged();
        saveState();
        if (profile_.echoWords && !composer_.lastWord().empty()) {
          const std::string word(composer_.lastWord());
          say(word, voiceFor(word), SpeechKind::kWordEcho);
        }
      }
      return;
    case KeyAction::kBackspace:
      if (composer_.backspace()) {
        textChanged();
        saveState();
      }
      return;
    case KeyAction::kClear:
      if (composer_.clear()) {
        textChanged();
        saveState();
      }
      return;
    case KeyAction::kUndo:
      if (composer_.undo()) {
        textChanged();
        saveState();
      }
      return;
    case KeyAction::kSpeak:
      speakMessage();
      return;
    case KeyAction::kRecent:
      goTo(ScreenKind::kRecent);
      return;
    case KeyAction::kBoards:
      goTo(ScreenKind::kBoardsMenu);
      return;
    case KeyAction::kBoard:
      if (key.role == KeyRole::kCommand) {
        switch (static_cast<NavBoard>(key.arg)) {
          case NavBoard::kLetters:
            openBoard(lastLetterBoard_);
            return;
          case NavBoard::kPhrases:
            openBoard(profile_.phraseBoard);
            return;
          case NavBoard::kYesNo:
            openBoard(profile_.yesNoBoard);
            return;
        }
        return;
      }
      if (bk != nullptr)
        openBoard(bk->value);
      return;
    case KeyAction::kLetters:
      openBoard(lastLetterBoard_);
      return;
    case KeyAction::kRest:
      startRest();
      return;
    case KeyAction::kHelp:
      callHelp();
      return;
  }
}

void HostSession::insertText(std::string_view text, const Board* from) {
  if (!composer_.insert(text)) {
    status_ = "The message is full. Speak it or clear it to go on.";
    return;
  }
  textChanged();
  saveState();
  if (profile_.echoLetters && from != nullptr)
    say(text, from->voiceOrLanguage(), SpeechKind::kLetterEcho);
}

void HostSession::speakMessage() {
  const std::string message = composer_.text();
  if (message.find_first_not_of(' ') == std::string::npos)
    return;
  say(message, voiceFor(message), SpeechKind::kMessage);
  composer_.remember(message);
  if (methodKind_ == MethodKind::kDwell && profile_.access.dwell.spokenMs > 0 && method_) {
    // The message is finished: the keys that would add to it need
    // dwell.spoken_ms until the next selection (a dwell under way keeps its
    // progress, as the cascade's pause does).
    spoken_ = true;
    setMethodTargets();
    method_->retime(methodTargets_, nowUs_);
  }
  if (profile_.keepHistory) {
    const std::string error = store_.saveHistory(profileName_, composer_.recent());
    if (!error.empty())
      problem({store_.historyPath(profileName_).string(), 0, error});
  }
  if (profile_.prediction.learn) {
    // What the person said is what they are likely to say again.
    learned_.learn(message);
    const std::string error = store_.saveWords(profileName_, learned_);
    if (!error.empty())
      problem({store_.wordsPath(profileName_).string(), 0, error});
    refreshPredictions();
    relabel();
  }
  if (profile_.clearAfterSpeak && composer_.clear()) {
    textChanged();
    saveState();
  }
}

std::string HostSession::voiceFor(std::string_view text) const {
  // The voice of a board written in the text's script: the current board
  // first, then the letter board, then any.
  const Script script = dominantScript(text);
  if (place_.board != nullptr && place_.board->script == script)
    return place_.board->voiceOrLanguage();
  if (const Board* letters = library_.find(lastLetterBoard_);
      letters != nullptr && letters->script == script)
    return letters->voiceOrLanguage();
  if (script == Script::kLatin)
    return profile_.voice;
  for (const Board& b : library_.boards())
    if (b.script == script && b.style != BoardStyle::kTabs)
      return b.voiceOrLanguage();
  for (const Board& b : library_.boards())
    if (b.script == script)
      return b.language;
  return profile_.voice;
}

void HostSession::say(std::string_view text, std::string_view voice, SpeechKind kind) {
  if (speech_ == nullptr || text.empty())
    return;
  SpeechRequest r;
  r.text = std::string(text);
  r.language = std::string(voice);
  r.kind = kind;
  // The person's own words and prompts cut off whatever is being said; an echo
  // waits its turn (letters come a second or more apart with the eyes), so it
  // never cuts off a message just spoken.
  r.interrupt = kind == SpeechKind::kMessage || kind == SpeechKind::kPrompt;
  speech_->speak(r);
}

void HostSession::openBoard(std::string_view id) {
  const Board* b = library_.find(id);
  if (b == nullptr) {
    problem({profileName_, 0, "there is no board '" + std::string(id) + "'"});
    return;
  }
  place_ = Place{ScreenKind::kBoard, b, -1, 0};
  if (b->kind == BoardKind::kLetters)
    lastLetterBoard_ = b->id;
  saveState();
  rebuild();
}

void HostSession::goTo(ScreenKind screen) {
  place_.screen = screen;
  rebuild();
}

void HostSession::startRest() {
  if (place_.screen == ScreenKind::kRest || place_.screen == ScreenKind::kHelp)
    return;
  beforeRest_ = place_;
  place_.screen = ScreenKind::kRest;
  restSwitchSinceUs_ = -1;
  method_->reset(nowUs_);
  wake_.reset(nowUs_);
  if (speech_ != nullptr)
    speech_->stopSpeaking();
  emit(SessionEventKind::kRestStarted, {});
  rebuild();
}

void HostSession::endRest() {
  if (place_.screen != ScreenKind::kRest)
    return;
  const Rect wake = layout_.wakeRect();
  place_ = beforeRest_;
  restSwitchSinceUs_ = -1;
  emit(SessionEventKind::kRestEnded, {});
  rebuild();
  // The eyes that woke the device rest on whatever key is now under the circle.
  method_->holdOff(wake);
}

void HostSession::callHelp() {
  if (place_.screen == ScreenKind::kHelp)
    return;
  // Cancelling help returns to what the person was doing, not to rest.
  beforeHelp_ = place_.screen == ScreenKind::kRest ? beforeRest_ : place_;
  place_.screen = ScreenKind::kHelp;
  helpCalledUs_ = nowUs_;
  method_->reset(nowUs_);
  nextAttentionUs_ = nowUs_ + static_cast<std::int64_t>(profile_.access.safety.helpRepeatMs) * 1000;
  emit(SessionEventKind::kHelpCalled, profile_.helpMessage);
  emit(SessionEventKind::kAttentionSound, {});
  if (!profile_.helpCommand.empty())
    emit(SessionEventKind::kRunHelpCommand, profile_.helpCommand);
  say(profile_.helpMessage, profile_.voice, SpeechKind::kPrompt);
  rebuild();
  // The tracking-loss screen never hides a call for help.
  if (overlay_)
    updateOverlay();
}

void HostSession::cancelHelp() {
  if (place_.screen != ScreenKind::kHelp)
    return;
  place_ = beforeHelp_;
  if (speech_ != nullptr)
    speech_->stopSpeaking();
  emit(SessionEventKind::kHelpCancelled, {});
  rebuild();
}

void HostSession::onSafety(SafetySignal signal) {
  if (signal == SafetySignal::kHelp) {
    if (place_.screen != ScreenKind::kHelp) {
      callHelp();
    } else if (nowUs_ - helpCalledUs_ >= kHelpCancelAfterUs) {
      // The help gesture again, as deliberately: the person is all right.
      cancelHelp();
    }
  } else if (signal == SafetySignal::kRestToggle) {
    if (place_.screen == ScreenKind::kRest)
      endRest();
    else
      startRest();
  }
  updateOverlay();
}

void HostSession::saveState() {
  if (!store_.enabled())
    return;
  SavedState s;
  s.board = place_.board != nullptr ? place_.board->id : std::string();
  s.text = composer_.text();
  s.undo = composer_.undoText();
  const std::string error = store_.saveState(profileName_, s);
  if (error != saveError_) {
    saveError_ = error;
    if (!error.empty())
      emit(SessionEventKind::kProblem, error);
    refreshStatus();
  }
}

}  // namespace drishti::host
