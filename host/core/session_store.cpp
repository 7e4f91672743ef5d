#include "host/core/session_store.h"

#include <algorithm>

#include "host/core/atomic_file.h"
#include "host/core/last_good_file.h"
#include "host/core/versioned_lexer.h"

namespace drishti::host {
namespace {

// A file the device wrote, of a format version newer than this build reads,
// is renamed aside (NAME.words -> NAME.words.v2; .v2-2, .v2-3 ... when that
// name is taken), never read nor overwritten here: what the person made stays
// whole for the newer drishti (rename it back), and this one starts a new
// file. Reported by name; nothing happens to a file of a version it reads.
void setAsideIfNewer(const std::filesystem::path& path, std::string_view magic,
                     std::string_view what, std::vector<Problem>& problems) {
  std::string error;
  const std::optional<std::string> text = readWholeFile(path, error);
  if (!text)
    return;  // the loader reports it
  const FileVersion v = fileVersion(*text, magic);
  if (v.version <= 1)
    return;
  std::error_code ec;
  std::filesystem::path aside = path;
  aside += ".v" + std::to_string(v.version);
  for (int i = 2; std::filesystem::exists(aside, ec) && i < 1000; ++i) {
    aside = path;
    aside += ".v" + std::to_string(v.version) + "-" + std::to_string(i);
  }
  if (!std::filesystem::exists(aside, ec))
    std::filesystem::rename(path, aside, ec);
  const std::string refused = std::string(what) + " " + newerVersionMessage(v.version, 1);
  if (ec || std::filesystem::exists(path)) {
    problems.push_back({path.string(), v.line,
                        refused + "; it could not be kept aside (" +
                            (ec ? ec.message() : "no free name") + ") and is not used"});
    return;
  }
  problems.push_back({path.string(), v.line,
                      refused + ": kept unchanged as " + aside.filename().string() +
                          " (for that drishti: rename it back), and a new one is started"});
}

// Deletes `path` and the files setAsideIfNewer kept beside it.
std::string removeWithAsides(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec)
    return "cannot delete " + path.string() + ": " + ec.message();
  const std::string prefix = path.filename().string() + ".v";
  std::vector<std::filesystem::path> asides;
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path(), ec))
    if (e.path().filename().string().starts_with(prefix))
      asides.push_back(e.path());
  for (const std::filesystem::path& a : asides) {
    std::filesystem::remove(a, ec);
    if (ec)
      return "cannot delete " + a.string() + ": " + ec.message();
  }
  return {};
}

}  // namespace

bool validProfileName(std::string_view name) {
  return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::optional<SavedState> parseSavedState(std::string_view text, const std::string& fileName,
                                          std::vector<Problem>& problems,
                                          std::vector<Problem>* warnings) {
  SavedState s;
  VersionedLexer lexer(text, "drishti-state", "a state file", fileName, problems);
  const std::size_t before = problems.size();
  while (lexer.next()) {
    const int line = lexer.lineNumber();
    const auto& t = lexer.tokens();
    const bool known = t[0].text == "board" || t[0].text == "text" || t[0].text == "undo";
    if (!known && lexer.skipUnknownKey(warnings))
      continue;
    if (!known) {
      problems.push_back({fileName, line, "unknown entry '" + t[0].text + "'"});
    } else if (t.size() != 2) {
      problems.push_back({fileName, line, "'" + t[0].text + "' takes one value"});
    } else if (t[0].text == "board") {
      s.board = t[1].text;
    } else if (t[0].text == "text") {
      s.text = t[1].text;
    } else {
      s.undo = t[1].text;
    }
  }
  if (!lexer.headerOk())
    return std::nullopt;
  if (problems.size() != before)
    return std::nullopt;
  return s;
}

std::string formatSavedState(const SavedState& state) {
  return "drishti-state 1\nboard " + quoteToken(state.board) + "\ntext " + quoteToken(state.text) +
         "\nundo " + quoteToken(state.undo) + "\n";
}

std::optional<std::vector<std::string>> parseHistory(std::string_view text,
                                                     const std::string& fileName,
                                                     std::vector<Problem>& problems,
                                                     std::vector<Problem>* warnings) {
  std::vector<std::string> out;
  VersionedLexer lexer(text, "drishti-history", "a history file", fileName, problems);
  const std::size_t before = problems.size();
  while (lexer.next()) {
    const int line = lexer.lineNumber();
    const auto& t = lexer.tokens();
    if (t.size() == 2 && t[0].text == "message") {
      out.push_back(t[1].text);
    } else if (t[0].text == "message" || !lexer.skipUnknownKey(warnings)) {
      problems.push_back({fileName, line, "expected: message \"text\""});
    }
  }
  if (!lexer.headerOk())
    return std::nullopt;
  if (problems.size() != before)
    return std::nullopt;
  return out;
}

std::string formatHistory(const std::vector<std::string>& messages) {
  std::string out = "drishti-history 1\n";
  for (const std::string& m : messages)
    out += "message " + quoteToken(m) + "\n";
  return out;
}

std::filesystem::path SessionStore::profilePath(const std::string& name) const {
  return dir_ / "profiles" / (name + ".profile");
}
std::filesystem::path SessionStore::statePath(const std::string& name) const {
  return dir_ / "profiles" / (name + ".state");
}
std::filesystem::path SessionStore::historyPath(const std::string& name) const {
  return dir_ / "profiles" / (name + ".history");
}

std::filesystem::path SessionStore::wordsPath(const std::string& name) const {
  return dir_ / "profiles" / (name + ".words");
}

std::vector<std::string> SessionStore::profileNames() const {
  std::vector<std::string> names;
  std::error_code ec;
  if (!enabled() || !std::filesystem::is_directory(dir_ / "profiles", ec))
    return names;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "profiles", ec))
    if (e.path().extension() == ".profile" && validProfileName(e.path().stem().string()))
      names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string SessionStore::activeProfileName() const {
  if (!enabled())
    return "default";
  std::string error;
  const std::optional<std::string> text = readWholeFile(dir_ / "active-profile", error);
  if (!text)
    return "default";
  std::string name = *text;
  while (!name.empty() && (name.back() == '\n' || name.back() == '\r' || name.back() == ' '))
    name.pop_back();
  return validProfileName(name) ? name : "default";
}

std::string SessionStore::setActiveProfileName(const std::string& name) {
  if (!validProfileName(name))
    return "profile name '" + name + "' must be 1-40 of a-z, 0-9, '-' and '_'";
  if (!enabled())
    return {};
  return writeFileAtomically(dir_ / "active-profile", name + "\n");
}

Profile SessionStore::loadProfile(const std::string& name, const std::filesystem::path& seed,
                                  std::vector<Problem>& problems) const {
  auto parse = [](std::string_view text, const std::string& file, std::vector<Problem>& out) {
    return parseProfile(text, file, out);
  };
  std::filesystem::path path = seed;
  std::error_code ec;
  if (enabled()) {
    path = profilePath(name);
    if (!std::filesystem::exists(path, ec)) {
      // First start with this profile: begin from the installed default.
      std::string error;
      std::optional<std::string> seedText = readWholeFile(seed, error);
      if (!seedText) {
        problems.push_back({seed.string(), 0, error + "; starting from built-in settings"});
        seedText = formatProfile(Profile{});
      }
      const std::string writeError = writeFileAtomically(path, *seedText);
      if (!writeError.empty()) {
        problems.push_back({path.string(), 0, writeError});
        path = seed;
      }
    }
  }
  std::optional<Profile> p = loadWithLastGood<Profile>(path, lastGoodDir(), parse, problems);
  if (!p) {
    problems.push_back({path.string(), 0, "using built-in settings until the profile is fixed"});
    return Profile{};
  }
  return *p;
}

std::string SessionStore::saveProfile(const std::string& name, const Profile& profile) const {
  if (!enabled())
    return {};
  if (!validProfileName(name))
    return "profile name '" + name + "' must be 1-40 of a-z, 0-9, '-' and '_'";
  return writeFileAtomically(profilePath(name), formatProfile(profile));
}

SavedState SessionStore::loadState(const std::string& name, std::vector<Problem>& problems) const {
  std::error_code ec;
  if (!enabled())
    return {};
  setAsideIfNewer(statePath(name), "drishti-state", "the state file was", problems);
  if (!std::filesystem::exists(statePath(name), ec))
    return {};
  std::vector<Problem> warnings;
  auto parse = [&warnings](std::string_view text, const std::string& file,
                           std::vector<Problem>& out) {
    warnings.clear();  // only the version that is used
    return parseSavedState(text, file, out, &warnings);
  };
  // The text is private: its last good copy is kept with the same mode as the file.
  SavedState state =
      loadWithLastGood<SavedState>(statePath(name), lastGoodDir(), parse, problems, 0600)
          .value_or(SavedState{});
  problems.insert(problems.end(), warnings.begin(), warnings.end());
  return state;
}

std::string SessionStore::saveState(const std::string& name, const SavedState& state) const {
  if (!enabled())
    return {};
  return writeFileAtomically(statePath(name), formatSavedState(state), 0600);
}

std::vector<std::string> SessionStore::loadHistory(const std::string& name,
                                                   std::vector<Problem>& problems) const {
  std::error_code ec;
  if (!enabled())
    return {};
  setAsideIfNewer(historyPath(name), "drishti-history", "the history file was", problems);
  if (!std::filesystem::exists(historyPath(name), ec))
    return {};
  std::string error;
  const std::optional<std::string> text = readWholeFile(historyPath(name), error);
  if (!text) {
    problems.push_back({historyPath(name).string(), 0, error});
    return {};
  }
  // No last good copy for history: a copy would be a second place private
  // messages live, and clearing must remove them all.
  std::vector<Problem> warnings;
  std::optional<std::vector<std::string>> messages =
      parseHistory(*text, historyPath(name).string(), problems, &warnings);
  problems.insert(problems.end(), warnings.begin(), warnings.end());
  return messages.value_or(std::vector<std::string>{});
}

std::string SessionStore::saveHistory(const std::string& name,
                                      const std::vector<std::string>& messages) const {
  if (!enabled())
    return {};
  return writeFileAtomically(historyPath(name), formatHistory(messages), 0600);
}

std::string SessionStore::clearHistory(const std::string& name) const {
  if (!enabled())
    return {};
  return removeWithAsides(historyPath(name));
}

LearnedWords SessionStore::loadWords(const std::string& name,
                                     std::vector<Problem>& problems) const {
  std::error_code ec;
  if (!enabled())
    return {};
  setAsideIfNewer(wordsPath(name), "drishti-words", "the learned-words file was", problems);
  if (!std::filesystem::exists(wordsPath(name), ec))
    return {};
  std::string error;
  const std::optional<std::string> text = readWholeFile(wordsPath(name), error);
  if (!text) {
    problems.push_back({wordsPath(name).string(), 0, error});
    return {};
  }
  // Like the history, no last good copy: the words reveal what was said.
  std::vector<Problem> warnings;
  std::optional<LearnedWords> words =
      parseLearnedWords(*text, wordsPath(name).string(), problems, &warnings);
  problems.insert(problems.end(), warnings.begin(), warnings.end());
  if (!words) {
    problems.push_back({wordsPath(name).string(), 0,
                        "learned words start afresh (the file is replaced when a message is "
                        "next spoken)"});
    return {};
  }
  return std::move(*words);
}

std::string SessionStore::saveWords(const std::string& name, const LearnedWords& words) const {
  if (!enabled())
    return {};
  return writeFileAtomically(wordsPath(name), words.format(), 0600);
}

std::string SessionStore::clearWords(const std::string& name) const {
  if (!enabled())
    return {};
  return removeWithAsides(wordsPath(name));
}

}  // namespace drishti::host
