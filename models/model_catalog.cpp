#include "model_catalog.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sha256.h"

namespace drishti::models {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos)
    return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::vector<std::string> splitPath(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto colon = s.find(':');
    const auto part = trim(s.substr(0, colon));
    if (!part.empty())
      out.emplace_back(part);
    if (colon == std::string_view::npos)
      break;
    s.remove_prefix(colon + 1);
  }
  return out;
}

bool isHex64(std::string_view s) {
  if (s.size() != 64)
    return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return true;
}

std::string missingKey(const ModelEntry& e) {
  if (e.file.empty())
    return "file";
  if (e.search.empty())
    return "search";
  if (e.package.empty())
    return "package";
  if (e.sha256.empty())
    return "sha256";
  if (e.size == 0)
    return "size";
  return {};
}

}  // namespace

std::optional<ModelCatalog> ModelCatalog::parse(std::string_view text, std::string_view origin,
                                                std::string& error) {
  ModelCatalog catalog;
  auto fail = [&](int line, const std::string& problem) {
    error = std::string(origin) + ":" + std::to_string(line) + ": " + problem;
    return std::nullopt;
  };
  // A section is complete when the next begins or the file ends; a missing key
  // is reported at the section's header line.
  auto finish = [&]() -> bool {
    if (catalog.entries_.empty())
      return true;
    const ModelEntry& e = catalog.entries_.back();
    const std::string key = missingKey(e);
    if (key.empty())
      return true;
    fail(e.line, "model [" + e.name + "] has no '" + key + "'");
    return false;
  };

  int lineNo = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    const auto raw = text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++lineNo;
    const auto line = trim(raw);
    if (line.empty() || line.front() == '#')
      continue;

    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3)
        return fail(lineNo, "malformed section header");
      if (!finish())
        return std::nullopt;
      ModelEntry entry;
      entry.name = std::string(trim(line.substr(1, line.size() - 2)));
      entry.line = lineNo;
      if (catalog.find(entry.name) != nullptr) {
        return fail(lineNo, "model [" + entry.name + "] is listed twice");
      }
      catalog.entries_.push_back(std::move(entry));
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos)
      return fail(lineNo, "expected 'key = value'");
    if (catalog.entries_.empty())
      return fail(lineNo, "key outside a [model] section");
    const auto key = trim(line.substr(0, eq));
    const auto value = trim(line.substr(eq + 1));
    ModelEntry& e = catalog.entries_.back();
    if (key == "file") {
      if (value.empty() || value.find('/') != std::string_view::npos) {
        return fail(lineNo, "'file' must be a plain file name");
      }
      e.file = std::string(value);
    } else if (key == "search") {
      e.search = splitPath(value);
    } else if (key == "package") {
      e.package = std::string(value);
    } else if (key == "sha256") {
      if (!isHex64(value))
        return fail(lineNo, "'sha256' must be 64 lowercase hex digits");
      e.sha256 = std::string(value);
    } else if (key == "size") {
      std::uint64_t size = 0;
      for (char c : value) {
        if (c < '0' || c > '9' || size > (UINT64_MAX - 9) / 10) {
          return fail(lineNo, "'size' must be a whole number of bytes");
        }
        size = size * 10 + static_cast<std::uint64_t>(c - '0');
      }
      e.size = size;
    } else if (key == "licence") {
      e.licence = std::string(value);
    } else if (key == "source") {
      e.source = std::string(value);
    } else {
      return fail(lineNo, "unknown key '" + std::string(key) + "'");
    }
  }
  if (!finish())
    return std::nullopt;
  if (catalog.entries_.empty())
    return fail(lineNo, "no models listed");
  return catalog;
}

std::optional<ModelCatalog> ModelCatalog::load(const std::string& manifestPath,
                                               std::string& error) {
  std::ifstream in(manifestPath, std::ios::binary);
  if (!in) {
    error = manifestPath + ": cannot read the model manifest";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), manifestPath, error);
}

const ModelEntry* ModelCatalog::find(std::string_view name) const {
  for (const auto& e : entries_) {
    if (e.name == name)
      return &e;
  }
  return nullptr;
}

ModelLocation ModelCatalog::locate(std::string_view name, const std::vector<std::string>& extraDirs,
                                   bool verifySha256) const {
  ModelLocation result;
  const ModelEntry* e = find(name);
  if (e == nullptr) {
    result.message = "model '" + std::string(name) + "' is not in the model manifest";
    return result;
  }
  std::vector<std::string> dirs = extraDirs;
  dirs.insert(dirs.end(), e->search.begin(), e->search.end());
  std::string tried;
  for (const auto& dir : dirs) {
    const std::string path = (std::filesystem::path(dir) / e->file).string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size != e->size) {
      result.message = path + ": size " + std::to_string(ec ? 0 : size) + " bytes, manifest says " +
                       std::to_string(e->size) + " (damaged or a different version; reinstall " +
                       e->package + ")";
      return result;
    }
    if (verifySha256) {
      const auto digest = sha256OfFile(path);
      if (!digest || *digest != e->sha256) {
        result.message = path + ": sha256 " + digest.value_or("unreadable") +
                         " does not match the manifest's " + e->sha256 + " (reinstall " +
                         e->package + ")";
        return result;
      }
    }
    result.found = true;
    result.path = path;
    return result;
  }
  result.message = "model file " + e->file + " not found (looked in " + tried +
                   "); install it with: sudo apt-get install " + e->package +
                   " (or run scripts/setup)";
  return result;
}

std::string defaultManifestPath() {
  if (const char* env = std::getenv("DRISHTI_MODELS_MANIFEST"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(DRISHTI_INSTALLED_MANIFEST, ec)) {
    return DRISHTI_INSTALLED_MANIFEST;
  }
  return DRISHTI_SOURCE_MANIFEST;
}

std::optional<std::string> sha256OfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  Sha256 hash;
  std::vector<std::uint8_t> chunk(1 << 16);
  while (in) {
    in.read(reinterpret_cast<char*>(chunk.data()), static_cast<std::streamsize>(chunk.size()));
    hash.update({chunk.data(), static_cast<std::size_t>(in.gcount())});
  }
  if (in.bad())
    return std::nullopt;
  return hash.hexDigest();
}

}  // namespace drishti::models
