// Profile: one person's settings, as kept in a profile file.
//
// Represents: who the device is set up for: the access method and its
// timings, which boards to show, the language and voice, speech echo and
// privacy choices, and the help hook. Several profiles can exist (one per
// person or per stage of the disease); ProfileStore (profile_store.h) keeps
// them on disk. Format: host/data/README.md, "Profiles". Plain value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/access_params.h"
#include "host/core/gaze_settings.h"
#include "host/core/problem.h"
#include "host/core/word_predictor.h"

namespace drishti::host {

// What choosing a phrase does.
enum class PhraseAction : std::uint8_t { kSpeak, kInsert };

struct Profile {
  std::string name = "Default";  // shown to the caregiver
  std::string language = "en";   // device prompts and help message
  std::string voice = "en";      // voice profile for prompts
  std::string letterBoard = "en-abc";
  std::string phraseBoard = "en-phrases";
  std::string yesNoBoard = "en-yesno";
  std::vector<std::string> menu;  // boards in the boards menu; empty = all
  AccessParams access;
  PredictionParams prediction;
  GazeSettings gaze;             // gaze.*: how the gaze is refined
  bool echoLetters = false;      // say each letter as it is chosen
  bool echoWords = false;        // say each word when a space follows it
  bool clearAfterSpeak = false;  // empty the text bar after speaking it
  bool keepHistory = false;      // remember spoken messages across restarts (private file)
  PhraseAction phraseAction = PhraseAction::kSpeak;
  std::string helpCommand;  // run by the app when help is called (e.g. nurse-call relay)
  std::string helpMessage = "I need help";
  // The screen and the person's eyes, for calibration (degrees of visual
  // angle): the visible picture's size in mm and the eyes' distance from it.
  std::uint32_t screenWidthMm = 344;  // a 15.6" 16:9 laptop screen
  std::uint32_t screenHeightMm = 194;
  std::uint32_t viewingDistanceMm = 600;
  std::uint32_t calibrationPoints = 9;  // 5, 9 or 13
  // calibration.appearance_y: each eye's y blends its pupil's y with its
  // appearance cells' y by their held-out errors (gaze_model_fit.h). Off by
  // default: replayed on eight rendered recordings it was worse than the
  // pupil alone on two (pexels 0003 seed 9's validation median, seed 7's
  // p90; docs/BENCHMARKS.md, "The host's appearance y blended").
  bool calibrationAppearanceY = false;
};

// Parses a profile file; nullopt and problems (file:line) when it is not valid.
std::optional<Profile> parseProfile(std::string_view text, const std::string& fileName,
                                    std::vector<Problem>& problems);

// Writes `profile` in the file format; parseProfile reads it back equal.
std::string formatProfile(const Profile& profile);

}  // namespace drishti::host
