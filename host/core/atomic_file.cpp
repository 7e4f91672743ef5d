#include "host/core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace drishti::host {
namespace {

std::string sysError(std::string_view what, const std::filesystem::path& path, int err) {
  std::string out(what);
  out += ' ';
  out += path.string();
  out += ": ";
  out += std::strerror(err);
  return out;
}

bool writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string writeFileAtomically(const std::filesystem::path& path, std::string_view data,
                                mode_t mode) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return "cannot create the folder " + dir.string() + ": " + ec.message();

  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0)
    return sysError("cannot create", tmp, errno);
  // open() applies the umask; the caller's mode (e.g. 0600) is what must hold.
  if (::fchmod(fd, mode) != 0 || !writeAll(fd, data) || ::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return sysError("cannot write", tmp, err);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return sysError("cannot write", tmp, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return sysError("cannot replace", path, err);
  }
  const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd < 0)
    return sysError("cannot open the folder", dir, errno);
  const int syncResult = ::fsync(dirFd);
  const int err = errno;
  ::close(dirFd);
  if (syncResult != 0)
    return sysError("cannot flush the folder", dir, err);
  return {};
}

std::optional<std::string> readWholeFile(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    error = std::filesystem::exists(path, ec) ? "cannot read " + path.string()
                                              : path.string() + " does not exist";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "cannot read " + path.string();
    return std::nullopt;
  }
  return std::move(buffer).str();
}

}  // namespace drishti::host
