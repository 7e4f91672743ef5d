#include "host/app/udp_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "host/app/host_clock.h"

namespace drishti::app {

bool parseUdpEndpoint(const std::string& endpoint, std::string& address, std::uint16_t& port,
                      std::string& error) {
  const std::size_t colon = endpoint.rfind(':');
  address = colon == std::string::npos ? kDefaultUdpAddress : endpoint.substr(0, colon);
  const std::string portText = colon == std::string::npos ? endpoint : endpoint.substr(colon + 1);
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), value);
  if (portText.empty() || ec != std::errc() || end != portText.data() + portText.size() ||
      value > 65535) {
    error = "'" + endpoint + "' is not ADDRESS:PORT (e.g. 127.0.0.1:47800) or a port number";
    return false;
  }
  in_addr parsed{};
  if (inet_pton(AF_INET, address.c_str(), &parsed) != 1) {
    error = "'" + address + "' in '" + endpoint + "' is not an IPv4 address (e.g. 127.0.0.1)";
    return false;
  }
  port = static_cast<std::uint16_t>(value);
  return true;
}

std::unique_ptr<UdpReceiver> UdpReceiver::open(const std::string& endpoint, WireInbox& inbox,
                                               std::string& error) {
  std::string address;
  std::uint16_t port = 0;
  if (!parseUdpEndpoint(endpoint, address, port, error))
    return nullptr;
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    error = std::string("cannot create a UDP socket: ") + std::strerror(errno);
    return nullptr;
  }
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, address.c_str(), &sa.sin_addr);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
    error = "cannot listen for drishti-tracker on UDP " + address + ":" + std::to_string(port) +
            ": " + std::strerror(errno) +
            (errno == EADDRINUSE ? " (is another drishti running? use --udp to pick another port)"
                                 : "");
    ::close(fd);
    return nullptr;
  }
  socklen_t len = sizeof sa;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&sa), &len);
  const std::uint16_t bound = ntohs(sa.sin_port);
  return std::unique_ptr<UdpReceiver>(
      new UdpReceiver("udp " + address + ":" + std::to_string(bound), inbox, fd, bound));
}

UdpReceiver::UdpReceiver(std::string name, WireInbox& inbox, int fd, std::uint16_t port)
    : WireReceiver(std::move(name), inbox), fd_(fd), port_(port) {}

UdpReceiver::~UdpReceiver() {
  stop();
  ::close(fd_);
}

void UdpReceiver::serve(int stopFd) {
  // Larger than any frame: a longer datagram is garbage and is read (and
  // rejected) whole rather than left in the socket.
  std::array<std::uint8_t, 4 * protocol::kMaxFrameSize> buffer{};
  std::array<pollfd, 2> fds{{{fd_, POLLIN, 0}, {stopFd, POLLIN, 0}}};
  while (true) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      logProblem(hostNowUs(), std::string("stopped receiving: ") + std::strerror(errno));
      return;
    }
    if (fds[1].revents != 0)
      return;
    while (true) {
      sockaddr_storage from{};
      socklen_t fromLength = sizeof from;
      const ssize_t n = ::recvfrom(fd_, buffer.data(), buffer.size(), MSG_TRUNC,
                                   reinterpret_cast<sockaddr*>(&from), &fromLength);
      if (n < 0)
        break;  // EAGAIN: all read
      {
        const std::lock_guard<std::mutex> lock(peerMutex_);
        peer_ = from;
        peerLength_ = fromLength;
      }
      const std::int64_t now = hostNowUs();
      const std::size_t got = std::min(static_cast<std::size_t>(n), buffer.size());
      deliver(decoder_, std::span<const std::uint8_t>(buffer.data(), got), now);
    }
  }
}

bool UdpReceiver::sendToTracker(std::span<const std::uint8_t> frame, std::string& error) {
  sockaddr_storage to{};
  socklen_t length = 0;
  {
    const std::lock_guard<std::mutex> lock(peerMutex_);
    to = peer_;
    length = peerLength_;
  }
  if (length == 0) {
    error = name() + ": nothing heard from drishti-tracker yet, so nowhere to send to";
    return false;
  }
  if (::sendto(fd_, frame.data(), frame.size(), MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&to),
               length) != static_cast<ssize_t>(frame.size())) {
    error = name() + ": sending to drishti-tracker failed: " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace drishti::app
