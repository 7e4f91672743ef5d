#include "host/sim/profile_settings.h"

#include <algorithm>
#include <set>

namespace drishti::sim {

std::optional<host::Profile> applySettings(const host::Profile& base,
                                           const std::vector<ProfileSetting>& settings,
                                           std::string& error) {
  std::set<std::string> keys;
  for (const ProfileSetting& s : settings) {
    // One line each: a line break would smuggle another setting past the
    // line numbers that name the setting in an error.
    const auto breaks = [](const std::string& v) {
      return v.find_first_of("\r\n") != std::string::npos;
    };
    if (s.key.empty() || s.key.find_first_of(" \t#\"\\") != std::string::npos || breaks(s.key)) {
      error = "--set '" + s.key + "': not a profile key (host/data/README.md, Profiles)";
      return std::nullopt;
    }
    if (breaks(s.value)) {
      error = "--set " + s.key + ": the value must be one line";
      return std::nullopt;
    }
    keys.insert(s.key);
  }
  // The base in the file format without the lines of the keys given, then
  // one line per setting, in order: line `first + i` is settings[i].
  const std::string formatted = host::formatProfile(base);
  std::string text;
  int lines = 0;
  std::size_t pos = 0;
  while (pos < formatted.size()) {
    const std::size_t end = std::min(formatted.find('\n', pos), formatted.size());
    const std::string line = formatted.substr(pos, end - pos);
    pos = end + 1;
    if (lines > 0 && keys.count(line.substr(0, line.find(' '))) > 0)
      continue;
    text += line + '\n';
    ++lines;
  }
  const int first = lines + 1;
  for (const ProfileSetting& s : settings)
    text += s.key + ' ' + s.value + '\n';
  std::vector<host::Problem> problems;
  std::optional<host::Profile> p = host::parseProfile(text, "--set", problems);
  if (!p) {
    error.clear();
    for (const host::Problem& problem : problems) {
      if (!error.empty())
        error += "; ";
      const int i = problem.line - first;
      error += i >= 0 && i < static_cast<int>(settings.size())
                   ? "--set " + settings[static_cast<std::size_t>(i)].key + " " +
                         settings[static_cast<std::size_t>(i)].value + ": " + problem.message
                   : "--set: " + problem.message;
    }
    if (error.empty())
      error = "--set: the settings do not make a valid profile";
  }
  return p;
}

}  // namespace drishti::sim
