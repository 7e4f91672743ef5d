// ModelCatalog: the model manifest (models/manifest.ini) and model lookup.
//
// Represents: the list of model files the device may load, each with its
// Debian package, search directories, size, sha256, licence and source.
// Loading reads a file and may fail; failures come back as a message naming
// the file, line and problem, never as an exception. Thread safety: const
// methods may be called concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drishti::models {

struct ModelEntry {
  std::string name;                 // section name, e.g. "face_landmarks_68"
  std::string file;                 // file name
  std::vector<std::string> search;  // directories, in order
  std::string package;              // Debian package that installs it
  std::string sha256;               // 64 lowercase hex digits
  std::uint64_t size = 0;           // bytes
  std::string licence;
  std::string source;
  int line = 0;  // line of the section header in the manifest
};

struct ModelLocation {
  bool found = false;
  std::string path;     // when found
  std::string message;  // when not found: what is wrong and what to do
};

class ModelCatalog {
 public:
  // Parses manifest text; `origin` names it in messages. Every model needs file,
  // search, package, sha256 and size. On error, returns nullopt and sets `error`
  // to "origin:line: problem".
  static std::optional<ModelCatalog> parse(std::string_view text, std::string_view origin,
                                           std::string& error);
  static std::optional<ModelCatalog> load(const std::string& manifestPath, std::string& error);

  const ModelEntry* find(std::string_view name) const;
  const std::vector<ModelEntry>& entries() const { return entries_; }

  // Looks for the model's file in `extraDirs`, then in the manifest's directories.
  // A file of the wrong size (or, with verifySha256, the wrong digest) is refused.
  ModelLocation locate(std::string_view name, const std::vector<std::string>& extraDirs = {},
                       bool verifySha256 = false) const;

 private:
  std::vector<ModelEntry> entries_;
};

// The manifest to use: $DRISHTI_MODELS_MANIFEST if set, else the installed copy
// if present, else the one in the source tree this binary was built from.
std::string defaultManifestPath();

// SHA-256 of a file as lowercase hex; nullopt if it cannot be read.
std::optional<std::string> sha256OfFile(const std::string& path);

}  // namespace drishti::models
