// CalibrationStore: each person's calibrations on disk, newest first.
//
// Represents: a folder with one sub-folder per profile (the profile name,
// with every byte outside [A-Za-z0-9_-] written as %XX, so any UTF-8 name is
// a safe folder name), holding numbered calibration files
// "calibration-000042.cal" (calibration_format.h) and, beside each, the
// session's report picture "calibration-000042.svg". Writes are atomic: a
// temporary file in the same folder, fsync, rename over the final name, fsync
// of the folder, so a power cut leaves the old or the new file, never a torn
// one; a saved file is read back and parsed before save() reports success.
// loadLatest() returns the newest file that parses; damaged newer files, and
// files of a format version newer than this build reads, are reported
// (file:line) and skipped (left in place), so the person keeps the last good
// calibration. The newest `keep` files are kept; older ones are deleted only
// after a good newer one has been written.
// Blocking file I/O (small files): call from the UI thread, not per frame.
// Errors are returned as sentences naming the path, never thrown.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/calibration_format.h"

namespace drishti::host {

struct LoadedCalibration {
  std::optional<CalibrationRecord> record;   // nullopt: no usable calibration
  std::filesystem::path path;                // file the record came from
  bool fellBack = false;                     // newer files were damaged and skipped
  std::vector<CalibrationProblem> problems;  // what was wrong with the skipped files
  std::vector<CalibrationProblem> warnings;  // what the loaded file had that was skipped
};

// What a therapist should be told of `loaded`, in plain words, or "" when
// nothing went wrong: the newest calibration was written by a newer drishti
// (or is damaged) and the last good one is in use, or none can be used and
// the person should calibrate. The files and lines stay in loaded.problems.
std::string calibrationLoadNotice(const LoadedCalibration& loaded);

class CalibrationStore {
 public:
  explicit CalibrationStore(std::filesystem::path root, int keep = 5);

  // Saves `record` as the newest calibration of record.profile, with
  // `reportSvg` beside it when not empty. Returns "" on success, else the error.
  std::string save(const CalibrationRecord& record, std::string_view reportSvg = {},
                   std::filesystem::path* savedPath = nullptr);

  LoadedCalibration loadLatest(std::string_view profile) const;

  // Profile names that have a folder, sorted.
  std::vector<std::string> profiles() const;
  // A profile's calibration files, newest first.
  std::vector<std::filesystem::path> history(std::string_view profile) const;

  std::filesystem::path profileDir(std::string_view profile) const;
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
  int keep_;
};

// Writes `data` to `path` atomically (see above). "" or the error.
std::string writeCalibrationFileAtomically(const std::filesystem::path& path,
                                           std::string_view data);

// Profile name <-> folder name (see above); decode returns nullopt for a name
// that no encoding produces.
std::string encodeProfileDir(std::string_view profile);
std::optional<std::string> decodeProfileDir(std::string_view dir);

}  // namespace drishti::host
