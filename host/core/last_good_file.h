// loadWithLastGood: read a data file, falling back to its last good version.
//
// Caregivers edit boards, phrase lists and profiles by hand, so a file can be
// broken at any time. The rule: report the problem (file and line) and keep
// working with the last version that was good. When `path` parses, a copy is
// written atomically to `lastGood` (only if it differs), so the last good
// version survives restarts. When it does not, the problems are reported and
// the copy is parsed instead; a note says which version is being used.
//
// Blocking file I/O; call at start-up or on an explicit reload.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "host/core/atomic_file.h"
#include "host/core/problem.h"

namespace drishti::host {

// Where the last good copy of `file` is kept inside `lastGoodDir`: the file's
// absolute path with '/' turned into '%', so copies of files in different
// folders never collide.
std::filesystem::path lastGoodPath(const std::filesystem::path& lastGoodDir,
                                   const std::filesystem::path& file);

// `parse(std::string_view text, const std::string& fileName, std::vector<Problem>& out)`
// returns std::optional<T>, appending what it rejects to `out`.
template <class T, class Parse>
std::optional<T> loadWithLastGood(const std::filesystem::path& path,
                                  const std::filesystem::path& lastGoodDir, Parse&& parse,
                                  std::vector<Problem>& problems, mode_t copyMode = 0644) {
  std::string error;
  const std::optional<std::string> text = readWholeFile(path, error);
  std::vector<Problem> fresh;
  std::optional<T> value;
  if (text) {
    value = parse(*text, path.string(), fresh);
  } else {
    fresh.push_back({path.string(), 0, error});
  }
  const std::filesystem::path copy =
      lastGoodDir.empty() ? std::filesystem::path() : lastGoodPath(lastGoodDir, path);
  if (value) {
    if (!copy.empty()) {
      std::string oldError;
      const std::optional<std::string> old = readWholeFile(copy, oldError);
      if (!old || *old != *text) {
        const std::string writeError = writeFileAtomically(copy, *text, copyMode);
        if (!writeError.empty())
          problems.push_back({path.string(), 0, "could not keep a last good copy: " + writeError});
      }
    }
    return value;
  }
  problems.insert(problems.end(), fresh.begin(), fresh.end());
  if (copy.empty())
    return std::nullopt;
  std::string copyError;
  const std::optional<std::string> copyText = readWholeFile(copy, copyError);
  if (!copyText) {
    problems.push_back({path.string(), 0, "no last good copy to fall back on"});
    return std::nullopt;
  }
  std::vector<Problem> ignored;
  value = parse(*copyText, copy.string(), ignored);
  if (value)
    problems.push_back({path.string(), 0, "using the last good version of this file"});
  else
    problems.push_back(
        {path.string(), 0, "the last good copy " + copy.string() + " is damaged too"});
  return value;
}

}  // namespace drishti::host
