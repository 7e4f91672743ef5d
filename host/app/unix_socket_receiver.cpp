#include "host/app/unix_socket_receiver.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "host/app/app_log.h"
#include "host/app/host_clock.h"

namespace drishti::app {
namespace {

constexpr int kRetryMs = 1000;

bool fillAddress(const std::filesystem::path& path, sockaddr_un& sa) {
  sa = {};
  sa.sun_family = AF_UNIX;
  const std::string s = path.string();
  if (s.empty() || s.size() >= sizeof sa.sun_path)
    return false;
  std::memcpy(sa.sun_path, s.c_str(), s.size() + 1);
  return true;
}

}  // namespace

std::unique_ptr<UnixSocketReceiver> UnixSocketReceiver::open(const std::filesystem::path& path,
                                                             WireInbox& inbox, std::string& error,
                                                             bool quietWait) {
  sockaddr_un sa{};
  if (!fillAddress(path, sa)) {
    error = path.string() + ": not usable as a socket path (empty or longer than " +
            std::to_string(sizeof sa.sun_path - 1) + " bytes)";
    return nullptr;
  }
  return std::unique_ptr<UnixSocketReceiver>(new UnixSocketReceiver(path, inbox, quietWait));
}

UnixSocketReceiver::UnixSocketReceiver(std::filesystem::path path, WireInbox& inbox, bool quietWait)
    : WireReceiver("unix " + path.string(), inbox), path_(std::move(path)), quietWait_(quietWait) {}

UnixSocketReceiver::~UnixSocketReceiver() {
  stop();
}

int UnixSocketReceiver::connect(std::string& why) const {
  sockaddr_un sa{};
  fillAddress(path_, sa);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    why = std::strerror(errno);
    return -1;
  }
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
    why = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

void UnixSocketReceiver::serve(int stopFd) {
  std::array<std::uint8_t, 4096> buffer{};
  std::string lastWhy;
  while (true) {
    std::string why;
    const int fd = connect(why);
    if (fd < 0) {
      if (why != lastWhy && !quietWait_)  // once per change, not once a second
        logLine(name() + ": waiting for drishti-tracker (" + why + ")");
      lastWhy = why;
      pollfd stop{stopFd, POLLIN, 0};
      if (::poll(&stop, 1, kRetryMs) > 0)
        return;
      continue;
    }
    lastWhy.clear();
    decoder_.reset();  // a new stream: nothing of the last one carries over
    {
      const std::lock_guard<std::mutex> lock(fdMutex_);
      fd_ = fd;
    }
    connected_ = true;
    countConnection();
    logLine(name() + ": connected to drishti-tracker");
    std::array<pollfd, 2> fds{{{fd, POLLIN, 0}, {stopFd, POLLIN, 0}}};
    bool stopping = false;
    while (true) {
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR)
          continue;
        break;
      }
      if (fds[1].revents != 0) {
        stopping = true;
        break;
      }
      const ssize_t n = ::read(fd, buffer.data(), buffer.size());
      if (n > 0) {
        deliver(decoder_, std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(n)),
                hostNowUs());
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        break;  // the tracker went away
      }
    }
    {
      const std::lock_guard<std::mutex> lock(fdMutex_);
      fd_ = -1;
      ::close(fd);
    }
    connected_ = false;
    if (stopping)
      return;
    logLine(name() + ": drishti-tracker went away; trying again every second");
  }
}

bool UnixSocketReceiver::sendToTracker(std::span<const std::uint8_t> frame, std::string& error) {
  const std::lock_guard<std::mutex> lock(fdMutex_);
  if (fd_ < 0) {
    error = name() + ": not connected to drishti-tracker";
    return false;
  }
  // A frame is small; a full socket buffer means the tracker is stuck: drop it.
  if (::send(fd_, frame.data(), frame.size(), MSG_DONTWAIT | MSG_NOSIGNAL) !=
      static_cast<ssize_t>(frame.size())) {
    error = name() + ": sending to drishti-tracker failed: " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace drishti::app
