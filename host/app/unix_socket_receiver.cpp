#include "host/app/unix_socket_receiver.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "host/app/host_clock.h"

namespace drishti::app {
namespace {

bool fillAddress(const std::filesystem::path& path, sockaddr_un& sa) {
  sa = {};
  sa.sun_family = AF_UNIX;
  const std::string s = path.string();
  if (s.empty() || s.size() >= sizeof sa.sun_path)
    return false;
  std::memcpy(sa.sun_path, s.c_str(), s.size() + 1);
  return true;
}

// True if a program is accepting connections at `path`.
bool someoneListens(const sockaddr_un& sa) {
  const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (probe < 0)
    return false;
  const bool listening = ::connect(probe, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0;
  ::close(probe);
  return listening;
}

}  // namespace

std::filesystem::path defaultUnixSocketPath() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  if (runtime != nullptr && *runtime == '/')
    return std::filesystem::path(runtime) / "drishti" / "tracker.sock";
  return std::filesystem::path("/tmp") / ("drishti-" + std::to_string(::getuid())) / "tracker.sock";
}

std::unique_ptr<UnixSocketReceiver> UnixSocketReceiver::open(const std::filesystem::path& path,
                                                             WireInbox& inbox, std::string& error) {
  sockaddr_un sa{};
  if (!fillAddress(path, sa)) {
    error = path.string() + ": not usable as a socket path (empty or longer than " +
            std::to_string(sizeof sa.sun_path - 1) + " bytes)";
    return nullptr;
  }
  const auto dir = path.parent_path();
  if (!dir.empty() && !std::filesystem::exists(dir)) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      error =
          dir.string() + ": cannot create the folder for the tracker socket (" + ec.message() + ")";
      return nullptr;
    }
    ::chmod(dir.c_str(), 0700);  // the person's gaze is nobody else's business
  }
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      error = path.string() + ": exists and is not a socket; not replacing it";
      return nullptr;
    }
    if (someoneListens(sa)) {
      error = path.string() + ": another program is already listening there (another drishti?)";
      return nullptr;
    }
    ::unlink(path.c_str());  // left behind by a crash
  }
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    error = std::string("cannot create a Unix socket: ") + std::strerror(errno);
    return nullptr;
  }
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0 || ::listen(fd, 4) != 0) {
    error = path.string() + ": cannot listen for drishti-tracker: " + std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<UnixSocketReceiver>(new UnixSocketReceiver(path, inbox, fd));
}

UnixSocketReceiver::UnixSocketReceiver(std::filesystem::path path, WireInbox& inbox, int fd)
    : WireReceiver("unix " + path.string(), inbox), path_(std::move(path)), listenFd_(fd) {}

UnixSocketReceiver::~UnixSocketReceiver() {
  stop();
  for (Connection& c : connections_)
    close(c);
  ::close(listenFd_);
  ::unlink(path_.c_str());
}

void UnixSocketReceiver::close(Connection& c) {
  if (c.fd >= 0)
    ::close(c.fd);
  c.fd = -1;
  c.decoder.reset();
}

void UnixSocketReceiver::accept() {
  while (true) {
    const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0)
      return;
    Connection* free = nullptr;
    for (Connection& c : connections_) {
      if (c.fd < 0) {
        free = &c;
        break;
      }
    }
    if (free == nullptr) {
      logProblem(hostNowUs(), "refused a connection: already " + std::to_string(kMaxConnections) +
                                  " senders connected");
      ::close(fd);
      continue;
    }
    free->fd = fd;
    free->decoder.reset();
    countConnection();
  }
}

void UnixSocketReceiver::serve(int stopFd) {
  std::array<std::uint8_t, 4096> buffer{};
  std::array<pollfd, kMaxConnections + 2> fds{};
  while (true) {
    fds[0] = {stopFd, POLLIN, 0};
    fds[1] = {listenFd_, POLLIN, 0};
    for (std::size_t i = 0; i < kMaxConnections; ++i)
      fds[i + 2] = {connections_[i].fd, POLLIN, 0};  // fd -1 is ignored by poll
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      logProblem(hostNowUs(), std::string("stopped receiving: ") + std::strerror(errno));
      return;
    }
    if (fds[0].revents != 0)
      return;
    if (fds[1].revents != 0)
      accept();
    for (std::size_t i = 0; i < kMaxConnections; ++i) {
      Connection& c = connections_[i];
      if (c.fd < 0 || fds[i + 2].revents == 0)
        continue;
      while (true) {
        const ssize_t n = ::read(c.fd, buffer.data(), buffer.size());
        if (n > 0) {
          deliver(c.decoder,
                  std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)),
                  hostNowUs());
          continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EINTR))
          close(c);  // the sender went away (or the connection broke)
        break;
      }
    }
  }
}

}  // namespace drishti::app
