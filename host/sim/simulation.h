// Simulation: a simulated user spelling on the real host core, with no screen.
//
// Represents: one person (UserParams) with a tracker of a given error
// (TrackerErrorParams) using one access method on one board of a real
// HostSession (the installed boards and default profile, nothing saved).
// The person sees what the screen would show through the session's public
// state (targets, the method's highlight, the text) and acts on it with
// SimulatedEyes: looks at keys and holds (dwell), looks and blinks
// (blink-select), watches the scanning highlight and blinks (scanning);
// slips to a neighbouring key now and then, checks each word in the text
// bar and deletes what is wrong when they see it. The gaze goes through
// the device's GazeRefiner (filter, drift correction from selections,
// fixation centroid) as in the app; blinks go in as the tracker reports
// them. Measures what a therapist would: speed, uncorrected errors, and
// selections made while the person only reads.
// Deterministic for a seed. Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "host/core/calibration_geometry.h"
#include "host/core/gaze_refiner.h"
#include "host/core/host_session.h"
#include "host/sim/profile_settings.h"
#include "host/sim/simulated_eyes.h"
#include "host/sim/user_params.h"

namespace drishti::sim {

struct SimSetup {
  std::filesystem::path dataDir;  // host/data
  host::MethodKind method = host::MethodKind::kDwell;
  std::string board = "en-abc";
  UserParams user;
  TrackerErrorParams tracker;
  // 1280 x 800 px on a 13.3" 16:10 laptop screen (286 x 179 mm), 550 mm away.
  host::CalibrationGeometry screen{1280, 800, 286, 179, 550};
  bool refine = true;               // the device's GazeRefiner; false: raw points to the session
  host::GazeRefinerParams refiner;  // its saccadeRestart comes from the profile
  // Profile settings over the installed default profile, through the
  // profile parser (profile_settings.h); not `method` (the method above).
  std::vector<ProfileSetting> settings;
  // The person reads the prediction slots and chooses a predicted word
  // (when the board shows them); false: types every letter.
  bool usePredictions = true;
  // Dwell: the person keeps looking at a predicted word found in the row
  // (the fixation that read it rests on it) instead of searching for it and
  // looking at it again (false: as the published figures were measured).
  bool wordInPlace = false;
  std::uint64_t seed = 1;
};

// Where the time of typing went, s (the phrases' times, summed).
struct TimeSpent {
  double keys = 0;  // selecting the letters and spaces meant (each from its first look)
  std::uint64_t keySelections = 0;
  double keysLanding = 0;      // of `keys` (dwell): from setting out to the eyes landing on the key
  double predictionLooks = 0;  // reading the prediction slots
  double words = 0;            // choosing a predicted word once found
  double checks = 0;           // reading the message after a word
  double corrections = 0;      // selecting Delete
  double other = 0;            // anything else (back to the letters after a slip)
  // Huffman scanning, every selection meant (keys, Delete, ...): how many
  // there were, the lit sets the person answered, the questions the code
  // had for the key when it was set out for (its depth), the information
  // -log2(chance) of the key under the code's chances (bits), and the long
  // blinks that started again from all keys.
  std::uint64_t codedSelections = 0;
  std::uint64_t questions = 0;
  double codeDepth = 0;
  double bits = 0;
  std::uint64_t restarts = 0;
  // Dwell, while the person is after a key: how often its dwell progress
  // fell back to 0 without a selection, with the gaze still on the key
  // (the hold guard's new look) or after it left the key (the focus went to
  // another key or none), and the dwell time so lost, s.
  std::uint64_t restartsOnKey = 0;
  std::uint64_t restartsLeft = 0;
  double restartLostS = 0;
  // Selections of another key than the one the person was after (dwell),
  // by when they happened: before the eyes landed on the key (on the way,
  // or on a key looked at while searching), or after landing.
  std::uint64_t wrongBeforeLanding = 0;
  std::uint64_t wrongAfterLanding = 0;
};

struct TypingResult {
  std::size_t phrases = 0;
  std::size_t chars = 0;  // correct characters of the final texts: longer length - distance
  double seconds = 0;     // from the first look of each phrase to its last character
  double wpm = 0;
  double cpm = 0;
  std::size_t errors = 0;  // minimum string distance, summed
  double errorRate = 0;    // uncorrected: errors / sum of max(len(meant), len(written))
  std::uint64_t selections = 0;
  std::uint64_t backspaces = 0;         // times the person set out to select Delete
  std::size_t gaveUp = 0;               // phrases abandoned at the time limit
  std::uint64_t predictionsChosen = 0;  // times the person set out to choose a predicted word
  TimeSpent time;                       // where the typing time went
};

struct ReadingResult {
  double minutes = 0;
  std::uint64_t selections = 0;  // all of them false: the person only read
  double perMinute = 0;
};

class Simulation final : public EyeListener {
 public:
  explicit Simulation(const SimSetup& setup);
  ~Simulation() override;

  // Types each phrase, checks it, then speaks and clears it.
  TypingResult type(const std::vector<std::string>& phrases);
  // What the person reads while meaning to select nothing.
  enum class Reading : std::uint8_t {
    kMessage,  // the message in the text bar, line after line (a composed phrase)
    kBoard,    // the board's key labels, row by row (looking the board over)
  };
  // Reads for `minutes`, meaning to select nothing; with `resting`, first
  // pauses the device (two long blinks).
  ReadingResult read(double minutes, bool resting, Reading what = Reading::kBoard);
  // The worst case for a dwell that shortens while the person types
  // (dwell.cascade_ms): types the phrases in turn, each as type() does (it
  // ends with Speak), and at once reads the board's keys for `readS`
  // seconds, until `minutes` of such reading; only the selections made while
  // reading count.
  ReadingResult readAfterTyping(const std::vector<std::string>& phrases, double minutes,
                                double readS);

  // "" or why setup.settings could not be applied (the session then runs
  // the profile without them; a caller should not use it).
  const std::string& error() const { return error_; }
  host::HostSession& session() { return *session_; }
  SimulatedEyes& eyes() { return *eyes_; }
  std::uint64_t selections() const { return selections_; }

  void onFrame(std::int64_t tUs, bool valid, double x, double y) override;
  void onBlink(std::int64_t tUs, std::uint32_t durationMs) override;

 private:
  void deliver(const host::InputEvent& e);
  bool selectTarget(int index);
  bool dwellOn(int index);
  bool blinkOn(int index);
  bool scanTo(int index);
  void reaim(int index);
  int keyTyping(char c) const;
  int keyWithAction(host::KeyAction action) const;
  int lettersKey() const;
  int neighbourOf(int index);
  void checkText(std::size_t chars);
  int readPredictions(const std::string& word);
  int readLetters(char c);  // the predicted-letter slot typing c, -1 if not offered
  void textDisplay(double& x, double& y) const;
  void centre(int index, double& x, double& y) const;
  bool typePhrase(const std::string& meant, double limitS);

  SimSetup setup_;
  std::string error_;
  bool earlyBlink_ = false;   // scan.early_blink: lid samples are sent too
  bool echoLetters_ = false;  // the profile's echo says letters: the person hears them
  std::unique_ptr<host::HostSession> session_;
  std::unique_ptr<host::GazeRefiner> refiner_;
  std::unique_ptr<SimulatedEyes> eyes_;
  std::uint64_t selections_ = 0;
  std::uint64_t backspaces_ = 0;
  std::uint64_t predictionsChosen_ = 0;
  TimeSpent time_;
  std::int64_t landedUs_ = -1;  // when the eyes last landed on a key to dwell on
  bool trace_ = false;          // DRISHTI_SIM_TRACE set: every selection on stderr
  std::string intended_;        // the key the person is after (for the trace)
  int after_ = -1;              // the target the person is dwelling for (-1: none)
  // The eyes rest on the target to be selected next (a predicted word just
  // found in the row): dwelling on it needs no search and no new saccade.
  bool eyesOnTarget_ = false;
  float lastProgress_ = 0;  // its progress at the last frame
};

}  // namespace drishti::sim
