#include "firmware/io/unix_socket_transport.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "firmware/io/log.h"

namespace drishti::io {

UnixSocketTransport::UnixSocketTransport(std::string path) : path_(std::move(path)) {}

UnixSocketTransport::~UnixSocketTransport() {
  close();
}

bool UnixSocketTransport::open(std::string& error) {
  close();
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path_.empty() || path_.size() >= sizeof addr.sun_path) {
    error = "unix socket: path '" + path_ + "' is empty or longer than " +
            std::to_string(sizeof addr.sun_path - 1) + " bytes";
    return false;
  }
  std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);

  struct stat st {};
  if (::lstat(path_.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      error = "unix socket: " + path_ + " exists and is not a socket; not replacing it";
      return false;
    }
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const bool live =
        probe >= 0 && ::connect(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (probe >= 0)
      ::close(probe);
    if (live) {
      error = "unix socket: " + path_ + " is in use (is another drishti-tracker running?)";
      return false;
    }
    ::unlink(path_.c_str());  // left by a tracker that did not exit cleanly
  }

  listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listener_ < 0) {
    error = std::string("unix socket: socket: ") + std::strerror(errno);
    return false;
  }
  // The file gets mode 0600 from the moment it exists: no window in which
  // another user could connect. umask is per process; this runs while no other
  // thread of ours creates files.
  const mode_t old = ::umask(0177);
  const int bound = ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  const int bindErrno = errno;
  ::umask(old);
  if (bound != 0) {
    error = "unix socket: cannot create " + path_ + ": " + std::strerror(bindErrno);
    close();
    return false;
  }
  ::chmod(path_.c_str(), 0600);
  if (::lstat(path_.c_str(), &st) == 0)
    inode_ = st.st_ino;
  if (::listen(listener_, 4) != 0) {
    error = std::string("unix socket: listen: ") + std::strerror(errno);
    close();
    return false;
  }
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listener_;
  if (epoll_ < 0 || ::epoll_ctl(epoll_, EPOLL_CTL_ADD, listener_, &ev) != 0) {
    error = std::string("unix socket: epoll: ") + std::strerror(errno);
    close();
    return false;
  }
  return true;
}

void UnixSocketTransport::close() {
  for (Client& c : clients_)
    drop(c);
  if (listener_ >= 0) {
    ::close(listener_);
    listener_ = -1;
    struct stat st {};
    if (inode_ != 0 && ::lstat(path_.c_str(), &st) == 0 && st.st_ino == inode_)
      ::unlink(path_.c_str());
    inode_ = 0;
  }
  if (epoll_ >= 0)
    ::close(epoll_);
  epoll_ = -1;
}

std::size_t UnixSocketTransport::clientCount() const {
  std::size_t n = 0;
  for (const Client& c : clients_)
    n += c.fd >= 0;
  return n;
}

void UnixSocketTransport::drop(Client& client) {
  if (client.fd < 0)
    return;
  if (epoll_ >= 0)
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, client.fd, nullptr);
  ::close(client.fd);
  client.fd = -1;
  client.writer.detach();
}

void UnixSocketTransport::accept() {
  while (true) {
    const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
      return;  // EAGAIN: no more waiting; other errors: the client gave up
    Client* slot = nullptr;
    for (Client& c : clients_) {
      if (c.fd < 0) {
        slot = &c;
        break;
      }
      if (slot == nullptr || c.since < slot->since)
        slot = &c;
    }
    if (slot->fd >= 0) {
      logLine(LogLevel::kWarning, "%s: %zu hosts connected; letting the oldest go", path_.c_str(),
              kMaxClients + 1);
      drop(*slot);
    }
    slot->fd = fd;
    slot->since = ++connections_;
    slot->writer.attach(fd, /*isSocket=*/true);
    slot->decoder.reset();
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
  }
}

void UnixSocketTransport::receive(CommandSink& sink) {
  if (epoll_ < 0)
    return;
  std::array<epoll_event, kMaxClients + 1> events;
  const int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 0);
  for (int i = 0; i < n; ++i) {
    const int fd = events[static_cast<std::size_t>(i)].data.fd;
    if (fd == listener_) {
      accept();
      continue;
    }
    for (Client& c : clients_) {
      if (c.fd != fd)
        continue;
      std::array<std::uint8_t, 1024> buffer;
      while (c.fd >= 0) {
        const ssize_t r = ::read(c.fd, buffer.data(), buffer.size());
        if (r > 0) {
          decodeInput(c.decoder, buffer.data(), static_cast<std::size_t>(r), sink);
        } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
          drop(c);  // hung up
        } else if (errno == EAGAIN) {
          break;
        }
      }
    }
  }
}

SendResult UnixSocketTransport::send(const protocol::Message& message) {
  const std::size_t n = protocol::encodeFrame(message, frame_);
  bool any = false;
  for (Client& c : clients_) {
    if (c.fd < 0)
      continue;
    const SendResult r = c.writer.write({frame_.data(), n});
    if (r == SendResult::kFailed)
      drop(c);  // the host went away; the socket itself is fine
    any = any || r == SendResult::kSent;
  }
  return count(any ? SendResult::kSent : SendResult::kDropped);
}

void UnixSocketTransport::tick(std::uint64_t /*nowUs*/) {
  for (Client& c : clients_) {
    if (c.fd >= 0 && !c.writer.flush())
      drop(c);
  }
}

}  // namespace drishti::io
