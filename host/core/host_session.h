// HostSession: the whole drishti host, headless: input in, screen and speech out.
//
// Represents: one person using the device. It loads the boards, the profile
// and the saved text; takes the one timestamped input stream (gaze, blinks,
// switches, tracking state: InputEvent), runs the profile's access method and
// the safety gestures on it, applies what is selected (typing, speaking,
// navigating, rest, help), sends speech to the SpeechSink, saves the text on
// every change, and describes the current screen as a DrawList on request.
//
// Use (the app, a test or a simulation):
//   HostSession session(config, &speechSink);
//   for each input: session.handle(event);        // in time order
//   every frame:    session.advanceTo(nowUs);     // time passes (scanning, dwell, timeouts)
//                   session.render(drawList);     // only if something draws
//   then:           while (session.pollEvent(e)) ...  // help hook, attention sound, screens
//
// Time is only what the events and advanceTo() say (µs, host monotonic
// clock); nothing here reads a clock, so scripts and simulations run as fast
// as they can be fed. Events older than the session's time count as "now".
//
// Safety, always on: help_blinks long blinks call for help from any screen
// and state (also at rest and while the eyes are not seen); rest_blinks long
// blinks start or end rest; nothing is selected while resting. The help
// screen has nothing to select: no look, blink or switch of any access
// method cancels a call for help; only the help gesture made again (10 s or
// more after the call) or a caregiver (cancelHelp(), Escape in the app) does. The screen
// says plainly when tracking is lost and recovers by itself.
//
// Costs: handle() and advanceTo() do no file I/O unless the text, board or
// history changes (then one small atomic write); render() allocates nothing
// once the DrawList has grown. Word prediction (word_predictor.h) runs on
// every text change on a letter board whose language has a vocabulary
// (data/vocabulary/LANG.words); the spoken messages teach it (per profile,
// saved atomically). Not thread-safe: one thread drives a session.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/access_method.h"
#include "host/core/board_library.h"
#include "host/core/draw_list.h"
#include "host/core/dwell_selector.h"
#include "host/core/held_selections.h"
#include "host/core/input_event.h"
#include "host/core/learned_words.h"
#include "host/core/profile.h"
#include "host/core/safety_gestures.h"
#include "host/core/screen_layout.h"
#include "host/core/session_store.h"
#include "host/core/speech_sink.h"
#include "host/core/text_composer.h"
#include "host/core/vocabulary.h"

namespace drishti::host {

// Where the session reads and keeps its files, and the screen size. Plain value.
struct SessionConfig {
  std::filesystem::path dataDir;   // installed data: boards/, phrases/, profiles/default.profile
  std::filesystem::path stateDir;  // the person's files (session_store.h); empty = keep nothing
  std::string profile;             // profile name; empty = the one used last
  std::string startBoard;          // board shown at start instead of the saved one; empty = saved
  int width = 1280;                // logical px
  int height = 800;
};

// What the app (or a simulation) is told about, through pollEvent().
enum class SessionEventKind : std::uint8_t {
  kScreenChanged,   // text: the new screen's name (as DrawList::screenName)
  kSelected,        // text: the label of what was selected
  kHelpCalled,      // text: the help message; the app shows it and may notify others
  kAttentionSound,  // play the attention sound now (repeated while help is shown)
  kRunHelpCommand,  // text: the profile's help command (e.g. a nurse-call relay): run it
  kHelpCancelled,
  kRestStarted,
  kRestEnded,
  kProblem,  // text: "file:line: message" or a failed save; for the log and the caregiver
};

// One notice for the app, stamped with session time (µs).
struct SessionEvent {
  SessionEventKind kind = SessionEventKind::kScreenChanged;
  std::int64_t tUs = 0;
  std::string text;
  // kSelected: the selected key as it was on the screen then (the layout may
  // be rebuilt by the selection, and two targets can show the same label,
  // e.g. the key "a" and the predicted word "a", so it is not looked up again).
  Rect keyRect;
  KeyRole keyRole = KeyRole::kBoardKey;
  KeyAction keyAction = KeyAction::kInsert;
};

// Whether a selection says where the person looked, so drift correction may
// learn from it (with the key's centre): keys that type a character or a
// space. Not a predicted word (its slot is wide; where in it the eyes rested
// is unknown), not Delete (it undoes a mistake), not commands.
inline bool selectionShowsGaze(const SessionEvent& e) {
  return e.kind == SessionEventKind::kSelected &&
         ((e.keyRole == KeyRole::kBoardKey && e.keyAction == KeyAction::kInsert) ||
          e.keyAction == KeyAction::kSpace);
}

// Whether a selection finishes a word (a space or a predicted word) or the
// message (Speak), for what drift correction may learn (HeldSelections).
inline TextBoundary boundaryOf(const SessionEvent& e) {
  if (e.kind != SessionEventKind::kSelected)
    return TextBoundary::kNone;
  if (e.keyAction == KeyAction::kSpeak)
    return TextBoundary::kMessage;
  if (e.keyAction == KeyAction::kSpace || e.keyRole == KeyRole::kPrediction)
    return TextBoundary::kWord;
  return TextBoundary::kNone;
}

class HostSession {
 public:
  // Loads everything; never fails: damaged files are reported (problems(),
  // kProblem events, the status line) and their last good versions used.
  // `speech` may be null (no voice); it must outlive the session.
  HostSession(SessionConfig config, SpeechSink* speech);
  ~HostSession();
  HostSession(const HostSession&) = delete;
  HostSession& operator=(const HostSession&) = delete;

  // --- input and time ---
  void handle(const InputEvent& event);
  void advanceTo(std::int64_t tUs);
  std::int64_t now() const { return nowUs_; }

  // --- output ---
  void render(DrawList& out) const;
  bool pollEvent(SessionEvent& out);

  // --- what is on screen (apps, tests, simulations) ---
  ScreenKind screen() const { return place_.screen; }
  std::string_view screenName() const;  // "board:en-abc", "help", "tracking-lost", ...
  std::uint32_t screenSerial() const { return serial_; }
  bool trackingLostShown() const { return overlay_; }
  bool resting() const { return place_.screen == ScreenKind::kRest; }
  bool helpShown() const { return place_.screen == ScreenKind::kHelp; }
  const Board* board() const { return place_.board; }
  const std::string& text() const { return composer_.text(); }
  const std::vector<std::string>& recentMessages() const { return composer_.recent(); }
  std::string_view statusLine() const { return status_; }
  std::span<const Target> targets() const { return layout_.targets(); }
  // What each target is and does (same order as targets()).
  const std::vector<ScreenKey>& keys() const { return layout_.keys(); }
  std::string_view targetLabel(int index) const;
  // The first target showing `label` (e.g. "a", "Speak"), or -1.
  int findTarget(std::string_view label) const;
  MethodKind method() const { return methodKind_; }  // in use (may be a fallback)
  // The dwell the access method was given for a target, ms (its own, or the
  // profile's, after the session's adjustments: dwell.likely_ms, word_ms,
  // command_ms and the cascade); 0 for an index out of range.
  std::uint32_t dwellMsOf(int target) const;
  // The cascade's floor now (dwell.cascade_ms): the dwell the likeliest next
  // letter needs; dwell.ms when the cascade is off or back up after a pause.
  std::uint32_t cascadeFloorMs() const;
  MethodView methodView() const;
  std::uint64_t selectionCount() const { return selections_; }
  // The words in the prediction slots now (best first; empty when the
  // screen has no prediction row), and the words learned from what was said.
  const std::vector<std::string>& predictions() const { return predictions_; }
  // The board keys in the predicted-letter slots (scanning), likeliest first.
  const std::vector<const BoardKey*>& predictedLetters() const { return letters_; }
  const LearnedWords& learnedWords() const { return learned_; }
  // Forgets the learned words (memory and file); "" or the error.
  std::string forgetLearnedWords();

  // --- settings, for the app and the caregiver ---
  // Whether the tracker's gaze is calibrated. Until it is (and unless a mouse
  // gives gaze), methods that point with the gaze fall back to blink
  // scanning, and the status line says so.
  void setGazeCalibrated(bool calibrated);
  // The gaze's precision as the calibration measured it (RMS spread of the
  // samples at a target, degrees; 0 = unknown) and px per degree. Dwell's
  // hold (dwell.hold_px) is widened to kHoldPerPrecision of it, so a noisy
  // tracker's wander is one look, not a string of restarted ones; beyond
  // dwell.guard_max_deg the noise is as large as a reading step, reading
  // cannot be told from it, and the guards are off (plain dwell).
  void setGazePrecision(float deg, float pxPerDegree);
  static constexpr float kHoldPerPrecision = 0.7F;
  void cancelHelp();  // a caregiver answered (e.g. Escape on the device)
  const Profile& profile() const { return profile_; }
  const std::string& profileName() const { return profileName_; }
  std::vector<std::string> profileNames() const;
  // Saves the text, then loads and uses profile `name` (created from the
  // default if new). Returns "" or what went wrong.
  std::string switchProfile(const std::string& name);
  // Saves `p` as the current profile and uses it. Returns "" or the error.
  std::string saveProfile(const Profile& p);
  // Reads boards and the profile again (after a caregiver edited them).
  void reload();
  const std::vector<Problem>& problems() const { return problems_; }
  // A problem found outside the session (the app's calibration load), in
  // plain words: shown on the status line like the session's own (for a
  // minute after start, or at once after it) and sent as a kProblem event.
  void notice(std::string message);
  const BoardLibrary& boards() const { return library_; }

 private:
  struct Place {
    ScreenKind screen = ScreenKind::kBoard;
    const Board* board = nullptr;
    int openGroup = -1;
    int openTab = 0;
  };

  void load();
  void loadProfileState();
  void applyProfile(Profile profile, bool restoreState);
  void rebuild();
  void relabel();
  // Gives the method the layout's targets (session_dwell.cpp): with
  // dwell.likely_ms, the likely next letters' keys need that dwell; with
  // dwell.word_ms, the predicted words theirs; with dwell.command_ms, the
  // commands that neither type nor delete need at least that; after a
  // message is spoken, with dwell.spoken_ms, the keys that change the message
  // need at least that until the next selection; with dwell.resize, board
  // keys carry their next-letter chance.
  void giveTargets();
  void setMethodTargets();  // methodTargets_ from the layout and the adjustments above
  bool likelyDwell() const;
  bool cascadeDwell() const;
  // The cascade after a selection of `key` (select()) and as time passes (advanceTo()).
  void cascadeOnSelect(const ScreenKey& key);
  void cascadeOnTime();
  bool resizeKeys() const;
  void refreshStatus();
  void updateMethod();
  void select(int target);
  void applyKey(const ScreenKey& key);
  void insertText(std::string_view text, const Board* from);
  void textChanged();
  int predictionSlots() const;
  int letterSlots() const;   // predicted letters: only while scanning a board with prediction
  bool scanChances() const;  // Huffman scanning on a letter board: keys weighted by chance
  void refreshPredictions();
  const Vocabulary* baseVocabulary() const;  // the board's language's, or null
  void choosePrediction(int slot);
  void loadVocabularies();
  void speakMessage();
  void openBoard(std::string_view id);
  void goTo(ScreenKind screen);
  void startRest();
  void endRest();
  void callHelp();
  void onSafety(SafetySignal signal);
  void restInput(const InputEvent& e);
  void updateOverlay();
  void noteMethodMode();
  void saveState();
  void say(std::string_view text, std::string_view voice, SpeechKind kind);
  std::string voiceFor(std::string_view text) const;
  void emit(SessionEventKind kind, std::string text);
  void emit(SessionEvent event);
  void problem(Problem p);
  LayoutInput layoutInput() const;

  SessionConfig config_;
  SpeechSink* speech_;
  SessionStore store_;
  BoardLibrary library_;
  std::string profileName_;
  Profile profile_;
  std::vector<Problem> problems_;
  std::size_t reportedProblems_ = 0;  // problems_ already sent as kProblem events
  std::string saveError_;
  TextComposer composer_;
  std::vector<Vocabulary> vocabularies_;  // base words, one per language with a file
  LearnedWords learned_;
  std::vector<std::string> predictions_;
  std::vector<const BoardKey*> letters_;
  std::array<float, 256> chances_{};  // next-character chances (scanChances())
  std::uint32_t layoutLetterSlots_ =
      0;  // letter slots in the built layout  // the board's keys for the predicted letters
  std::string consonant_;  // last consonant of the text (+ nukta) while it ends in one
  std::size_t textTailStart_ = 0;

  Place place_;
  Place beforeRest_;
  Place beforeHelp_;
  std::string lastLetterBoard_;
  std::vector<const Board*> menu_;
  ScreenLayout layout_;
  std::unique_ptr<AccessMethod> method_;
  MethodKind methodKind_ = MethodKind::kDwell;
  std::int64_t methodMode_ = 0;  // see noteMethodMode()
  SafetyGestures safety_;
  DwellSelector wake_;
  std::vector<Target> wakeTargets_;
  std::vector<Target> methodTargets_;  // what method_ was given (giveTargets)

  bool gazeCalibrated_ = true;
  float gazePrecisionDeg_ = 0;
  bool correcting_ = false;  // the last selection was Delete: no key-target resizing
  // Cascading dwell: how far the floor has come down from dwell.ms, ms, and
  // the last selection (a pause from it puts the floor back up).
  std::uint32_t cascadeDropMs_ = 0;
  std::int64_t lastSelectionUs_ = 0;
  // A message was spoken and nothing selected since (dwell.spoken_ms).
  bool spoken_ = false;
  float pxPerDegree_ = 0;
  bool gazeSeen_ = false;
  std::int64_t lostSinceUs_ = -1;
  TrackingLoss loss_ = TrackingLoss::kEyes;
  bool overlay_ = false;
  std::int64_t restSwitchSinceUs_ = -1;
  std::int64_t nextAttentionUs_ = 0;
  std::int64_t helpCalledUs_ = 0;
  // Long blinks that go on after a call for help are the same call: the
  // gesture cancels help only once help has been shown this long.
  static constexpr std::int64_t kHelpCancelAfterUs = 10'000'000;
  std::int64_t problemsUntilUs_ = -1;
  bool started_ = false;
  std::int64_t nowUs_ = 0;
  std::uint64_t selections_ = 0;

  std::string screenName_;
  std::uint32_t serial_ = 0;
  std::string status_;
  std::string title_;
  std::string detail_;
  std::deque<SessionEvent> events_;
};

}  // namespace drishti::host
