// ProfileSetting: one profile setting given to drishti-simulate (`--set KEY
// VALUE`), and how the settings are applied to a profile.
//
// The settings go through the profile file parser the device uses
// (host/core/profile.h), so every key of host/data/README.md, "Profiles",
// works with the file's ranges, checks and messages, and the simulator
// needs no field of its own per setting.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "host/core/profile.h"

namespace drishti::sim {

struct ProfileSetting {
  std::string key;    // a profile key, e.g. dwell.ms
  std::string value;  // its value(s) as written in a profile file, e.g. 600
};

// Returns `base` with each setting applied, as a profile file that holds
// `base` with each setting's line in place of its key's would read; nullopt
// and `error` (which setting, and what is wrong with it, in the parser's
// words) when that file is not valid. A key may be given once.
std::optional<host::Profile> applySettings(const host::Profile& base,
                                           const std::vector<ProfileSetting>& settings,
                                           std::string& error);

}  // namespace drishti::sim
