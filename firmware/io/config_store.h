// ConfigStore: keeps a copy of the last board file that loaded cleanly, so a
// bad edit followed by a power cut does not leave the device without a
// working configuration.
//
// Represents: one file, last-good-board.ini, in a state directory
// ($STATE_DIRECTORY from systemd's StateDirectory=, else
// $XDG_STATE_HOME/drishti, else ~/.local/state/drishti). Its first line names
// the board file it was copied from, so relative paths in it still resolve
// against that file's folder. Saving is atomic (write a temporary file, fsync,
// rename, fsync the directory): a crash leaves the old copy or the new one.
// Thread safety: none (the main thread).
#pragma once

#include <string>
#include <string_view>

#include "firmware/io/board_config_parser.h"

namespace drishti::io {

class ConfigStore {
 public:
  // `dir` empty: the store is disabled (save does nothing, nothing to load).
  explicit ConfigStore(std::string dir) : dir_(std::move(dir)) {}

  static std::string defaultDir();

  bool enabled() const { return !dir_.empty(); }
  std::string path() const;

  // Saves `text`, which was read from `sourcePath` and parsed without errors.
  bool save(const std::string& sourcePath, std::string_view text, std::string& error) const;

  // Parses the saved copy. `origin` receives the board file it came from.
  // A missing copy gives an error result too.
  ConfigResult loadLastGood(std::string& origin) const;

 private:
  std::string dir_;
};

}  // namespace drishti::io
