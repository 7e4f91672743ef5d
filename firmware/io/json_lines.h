// JSON lines: the debugging form of the wire, one message per line.
//
// formatJsonLine() writes a message as one JSON object and a newline, e.g.
//   {"type":"blink","seq":12,"send_us":...,"kind":"long","duration_ms":812,...}
// for a person reading the stream or a script (jq) reading it. Field names are
// the protocol's (messages.h) in snake_case, with the same units. Each eye of
// an eye_sample has "appearance": its 15 appearance cells (3 rows x 5 columns,
// row-major, top row and image-left column first, summing to 1), or [] when
// the eye's appearance was not measured.
// parseTextCommand() reads the commands a person types on stdin in that mode:
//   calibration on | calibration off | set <name> <value> | status
// Ensures: neither allocates nor throws. Thread safety: reentrant.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "firmware/protocol/messages.h"

namespace drishti::io {

// Returns the length written (with the newline), or 0 if `out` is too small
// (2 KB is always enough).
std::size_t formatJsonLine(const protocol::Message& message, std::span<char> out);

// Parses one line into `command` (kind, name, value; seq is left alone). On
// failure returns false and points `error` at a static explanation.
bool parseTextCommand(std::string_view line, protocol::Command& command, const char*& error);

}  // namespace drishti::io
