// Atomic file writes and whole-file reads for user data.
//
// The patient's text, profiles and history must survive a crash or a power
// cut at any instant. writeFileAtomically() writes a temporary file in the
// same directory, fsyncs it, renames it over the target and fsyncs the
// directory, so after a crash the file holds either the old or the new
// content, never a mix or nothing. Creates missing parent directories.
//
// Errors are returned as a sentence naming the path (never thrown). Blocking
// I/O: call from the UI thread only for the small files host/core writes
// (a few KB). Thread-safe for different paths.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace drishti::host {

// Writes `data` to `path` atomically with permission bits `mode` (e.g. 0600
// for private messages). Returns an empty string on success, else the error.
std::string writeFileAtomically(const std::filesystem::path& path, std::string_view data,
                                mode_t mode = 0644);

// Reads a whole file. On failure returns nullopt and sets `error` to a
// sentence naming the path.
std::optional<std::string> readWholeFile(const std::filesystem::path& path, std::string& error);

}  // namespace drishti::host
