// Reading board files (INI: [section], key = value, # comments) into a
// BoardConfig, with every problem reported as "file:line: problem".
//
// Every key is checked: unknown sections and keys (typos), duplicates, values
// that are not numbers or not one of the allowed words, numbers out of range,
// malformed thread specs, missing keys a choice needs (a video source without
// a path), and combinations that are unsafe (a UDP host that is not this
// machine without allow_remote). All problems are collected, not just the
// first, so one edit can fix them all. Relative paths are taken relative to
// the board file's folder. A file with any problem yields no config at all:
// the caller keeps running on the last good one.
// Thread safety: reentrant.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/io/board_config.h"

namespace drishti::io {

struct ConfigError {
  std::string file;
  int line = 0;  // 1-based; 0 when the problem is with the file as a whole
  std::string problem;

  // "boards/rpi5/board.ini:12: [camera] fps: 'fast' is not a number"
  std::string text() const;
};

struct ConfigResult {
  std::optional<BoardConfig> config;  // set only when errors is empty
  std::vector<ConfigError> errors;

  bool ok() const { return config.has_value(); }
  // All errors, one per line.
  std::string message() const;
};

// `file` names the text in messages; relative paths are resolved against
// `baseDir`, or the folder of `file` when `baseDir` is empty.
ConfigResult parseBoardConfig(std::string_view text, const std::string& file,
                              const std::string& baseDir = {});
// Reads and parses a board file; `text` (optional) receives what was read.
ConfigResult loadBoardConfig(const std::string& path, std::string* text = nullptr);

// The checks of the whole config that parseBoardConfig() makes after reading
// every key (a source's path, a remote UDP host, IR LED lines, ...), for a
// config changed since (command-line overrides). `lineOf(section, key)` gives
// the line of a key (key null: of the section) for messages, or 0.
using LineOf = std::function<int(const char* section, const char* key)>;
std::vector<ConfigError> checkBoardConfig(BoardConfig& config, const LineOf& lineOf = {},
                                          bool irLedSection = false);

}  // namespace drishti::io
