#include "firmware/io/config_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace drishti::io {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kHeader = "# drishti-tracker: last good copy of ";

bool writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string ConfigStore::defaultDir() {
  if (const char* s = std::getenv("STATE_DIRECTORY"); s != nullptr && *s != '\0') {
    const std::string first(s, std::strcspn(s, ":"));  // systemd may list several
    return first;
  }
  if (const char* x = std::getenv("XDG_STATE_HOME"); x != nullptr && *x == '/')
    return std::string(x) + "/drishti";
  if (const char* h = std::getenv("HOME"); h != nullptr && *h == '/')
    return std::string(h) + "/.local/state/drishti";
  return {};
}

std::string ConfigStore::path() const {
  return dir_.empty() ? std::string() : (fs::path(dir_) / "last-good-board.ini").string();
}

bool ConfigStore::save(const std::string& sourcePath, std::string_view text,
                       std::string& error) const {
  if (!enabled())
    return true;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  const std::string target = path();
  const std::string temp = target + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot write " + temp + ": " + std::strerror(errno);
    return false;
  }
  const std::string header = std::string(kHeader) + fs::absolute(sourcePath).string() + "\n";
  const bool ok = writeAll(fd, header) && writeAll(fd, text) && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), target.c_str()) != 0) {
    error = "cannot save " + target + ": " + std::strerror(ok ? errno : err);
    ::unlink(temp.c_str());
    return false;
  }
  const int dirFd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {
    ::fsync(dirFd);  // the rename itself must survive a power cut
    ::close(dirFd);
  }
  return true;
}

ConfigResult ConfigStore::loadLastGood(std::string& origin) const {
  ConfigResult result;
  const std::string file = path();
  std::ifstream in(file, std::ios::binary);
  if (!enabled() || !in) {
    result.errors.push_back({file, 0, "no last good configuration saved"});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const auto eol = all.find('\n');
  const std::string first = all.substr(0, eol);
  if (first.rfind(kHeader, 0) != 0) {
    result.errors.push_back({file, 1, "not a saved configuration (no header line)"});
    return result;
  }
  origin = first.substr(kHeader.size());
  // The header counts as line 1, so line numbers match the saved file.
  return parseBoardConfig(all, file, fs::path(origin).parent_path().string());
}

}  // namespace drishti::io
