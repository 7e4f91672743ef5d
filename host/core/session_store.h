// SessionStore: what the device keeps on disk for its users.
//
// Represents: the state folder (e.g. ~/.local/state/drishti) and its files:
//   active-profile              the name of the profile in use
//   profiles/NAME.profile       each person's settings (profile.h)
//   profiles/NAME.state         the text being written, its undo text and the
//                               board in use: written on every change (mode 0600)
//   profiles/NAME.history       spoken messages, only if the profile keeps
//                               history; private (mode 0600); clearable
//   profiles/NAME.words         words learned for prediction (learned_words.h);
//                               private (mode 0600), no last good copy
//   last-good/                  last good copies of every data file read
// The state, history and words files are the device's own: across drishti
// versions an unknown key in them is skipped with a warning (in `problems`,
// after the file's other problems) and the rest kept; a file of a newer format
// version is renamed aside (NAME.words.v2), reported, and a new one started, so
// this older build never overwrites it (host/data/README.md). clearHistory and
// clearWords delete those kept-aside files too.
// Every write is atomic (atomic_file.h); every read of a damaged file is
// reported with file and line and falls back to its last good copy. With an
// empty folder the store keeps nothing (simulations, tests of pure logic).
// Blocking file I/O of small files. Not thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "host/core/learned_words.h"
#include "host/core/problem.h"
#include "host/core/profile.h"

namespace drishti::host {

// What is saved on every change so a restart loses nothing.
struct SavedState {
  std::string board;  // board id in use
  std::string text;   // the text bar
  std::string undo;   // the text a clear removed
};

// The parsers of the files the device writes (and learned_words.h): nullopt
// and problems (file:line) for garbage or a newer format version; a key this
// build does not know, spelled like one, is skipped with a warning in
// `warnings` (when given) and the rest kept (versioned_lexer.h).
std::optional<SavedState> parseSavedState(std::string_view text, const std::string& fileName,
                                          std::vector<Problem>& problems,
                                          std::vector<Problem>* warnings = nullptr);
std::string formatSavedState(const SavedState& state);

std::optional<std::vector<std::string>> parseHistory(std::string_view text,
                                                     const std::string& fileName,
                                                     std::vector<Problem>& problems,
                                                     std::vector<Problem>* warnings = nullptr);
std::string formatHistory(const std::vector<std::string>& messages);

// Profile names are file names: 1-40 of a-z, 0-9, '-', '_'.
bool validProfileName(std::string_view name);

class SessionStore {
 public:
  explicit SessionStore(std::filesystem::path stateDir = {}) : dir_(std::move(stateDir)) {}

  bool enabled() const { return !dir_.empty(); }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path lastGoodDir() const {
    return enabled() ? dir_ / "last-good" : std::filesystem::path();
  }
  std::filesystem::path boardsDir() const {
    return enabled() ? dir_ / "boards" : std::filesystem::path();
  }

  std::vector<std::string> profileNames() const;
  std::string activeProfileName() const;                      // "default" when none is recorded
  std::string setActiveProfileName(const std::string& name);  // "" or the error

  // The profile NAME; if it does not exist yet, it is created from `seed`
  // (the installed default profile). Problems are appended; on failure the
  // built-in defaults are returned (a profile is always available).
  Profile loadProfile(const std::string& name, const std::filesystem::path& seed,
                      std::vector<Problem>& problems) const;
  std::string saveProfile(const std::string& name, const Profile& profile) const;

  SavedState loadState(const std::string& name, std::vector<Problem>& problems) const;
  std::string saveState(const std::string& name, const SavedState& state) const;

  std::vector<std::string> loadHistory(const std::string& name,
                                       std::vector<Problem>& problems) const;
  std::string saveHistory(const std::string& name, const std::vector<std::string>& messages) const;
  std::string clearHistory(const std::string& name) const;  // deletes the file and its copies

  // Learned words: empty when there is no file; a damaged file is reported
  // and the person starts afresh (the next spoken message rewrites it).
  LearnedWords loadWords(const std::string& name, std::vector<Problem>& problems) const;
  std::string saveWords(const std::string& name, const LearnedWords& words) const;
  std::string clearWords(const std::string& name) const;

  std::filesystem::path profilePath(const std::string& name) const;
  std::filesystem::path statePath(const std::string& name) const;
  std::filesystem::path historyPath(const std::string& name) const;
  std::filesystem::path wordsPath(const std::string& name) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace drishti::host
