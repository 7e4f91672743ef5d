// Calibration files: one person's calibration as text, and its parser.
//
// Represents: a CalibrationRecord (profile name, creation time, the fitted
// GazeModel and the report it was graded by) in a line-based "key = value"
// text format, versioned ("format = drishti-calibration 2"; version 1 files, from
// before the appearance y cue, still load with the pupil's y) and closed by a
// CRC-32 of everything before it, so a damaged or hand-edited file is refused
// rather than silently moving the patient's gaze. Numbers are written in the
// shortest form that reads back to the same double, so a file round-trips
// exactly. The format is described key by key in calibration_format.cpp.
// parseCalibration rejects anything wrong with a CalibrationProblem naming the
// file, line and problem; the store (calibration_store.h) then falls back to
// the previous good file. What a newer drishti may add within one format
// version is forgiven (the rule: host/data/README.md, "Calibration files"):
// a key this build does not know (spelled like one: [a-z][a-z0-9_]*) and an
// advice line of a kind it does not know (lower case letters, digits and '-',
// with a valid point) are skipped with a warning naming the line, and the
// calibration is kept. A format version newer than this build reads is
// refused ("written by a newer drishti, version N; this one reads up to M").
// Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/core/calibration_report.h"
#include "host/core/gaze_model.h"

namespace drishti::host {

struct CalibrationRecord {
  std::string profile;  // the person's profile name (one line of UTF-8)
  std::string created;  // when, as the caller's text (ISO 8601); not read from a clock here
  GazeModel model;
  CalibrationReport report;  // summary is recomputed on parsing

  bool operator==(const CalibrationRecord&) const = default;
};

// One thing wrong with a calibration file.
struct CalibrationProblem {
  std::string file;
  int line = 0;  // 1-based; 0 = the file as a whole
  std::string message;
  // The file names a format version newer than this build reads (the
  // message is then newerVersionMessage's).
  bool newerVersion = false;

  std::string describe() const;  // "file:line: message"
};

// The format version formatCalibration writes and the newest parseCalibration
// reads (it reads every version from 1 up to this one).
constexpr int kCalibrationFormatVersion = 2;

std::string formatCalibration(const CalibrationRecord& record);

// Nullopt and at least one problem when `text` is not a valid calibration.
// Problems and warnings are appended; what was skipped (unknown keys, advice
// of an unknown kind) goes to `warnings` when given, only when the file is
// kept, and does not make the parse fail.
std::optional<CalibrationRecord> parseCalibration(
    std::string_view text, const std::string& fileName, std::vector<CalibrationProblem>& problems,
    std::vector<CalibrationProblem>* warnings = nullptr);

}  // namespace drishti::host
