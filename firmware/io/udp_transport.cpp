#include "firmware/io/udp_transport.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace drishti::io {
namespace {

std::string resolvedName(const std::string& host) {
  return host == "localhost" ? "127.0.0.1" : host;
}

}  // namespace

bool isLoopbackHost(const std::string& host) {
  const std::string h = resolvedName(host);
  in_addr a4{};
  if (::inet_pton(AF_INET, h.c_str(), &a4) == 1)
    return (ntohl(a4.s_addr) >> 24) == 127;
  in6_addr a6{};
  if (::inet_pton(AF_INET6, h.c_str(), &a6) == 1)
    return IN6_IS_ADDR_LOOPBACK(&a6);
  return false;
}

UdpTransport::UdpTransport(UdpOptions options) : options_(std::move(options)) {}

UdpTransport::~UdpTransport() {
  close();
}

bool UdpTransport::open(std::string& error) {
  close();
  const std::string host = resolvedName(options_.host);
  sockaddr_storage peer{};
  socklen_t peerLen = 0;
  int family = AF_INET;
  auto* p4 = reinterpret_cast<sockaddr_in*>(&peer);
  auto* p6 = reinterpret_cast<sockaddr_in6*>(&peer);
  if (::inet_pton(AF_INET, host.c_str(), &p4->sin_addr) == 1) {
    p4->sin_family = AF_INET;
    p4->sin_port = htons(options_.port);
    peerLen = sizeof(sockaddr_in);
  } else if (::inet_pton(AF_INET6, host.c_str(), &p6->sin6_addr) == 1) {
    family = AF_INET6;
    p6->sin6_family = AF_INET6;
    p6->sin6_port = htons(options_.port);
    peerLen = sizeof(sockaddr_in6);
  } else {
    error = "udp: '" + options_.host + "' is not a numeric IP address (or localhost)";
    return false;
  }
  const bool loopback = isLoopbackHost(host);
  if (!loopback && !options_.allowRemote) {
    error = "udp: " + options_.host +
            " is not this machine; eye data would leave it unencrypted. Set "
            "allow_remote = true in [transport] (or --allow-remote) to permit it";
    return false;
  }
  fd_ = ::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    error = std::string("udp: socket: ") + std::strerror(errno);
    return false;
  }
  // Receive commands only on the interface the host talks to.
  sockaddr_storage local{};
  socklen_t localLen = peerLen;
  if (family == AF_INET) {
    auto* l = reinterpret_cast<sockaddr_in*>(&local);
    l->sin_family = AF_INET;
    l->sin_port = htons(options_.localPort);
    l->sin_addr.s_addr = htonl(loopback ? INADDR_LOOPBACK : INADDR_ANY);
  } else {
    auto* l = reinterpret_cast<sockaddr_in6*>(&local);
    l->sin6_family = AF_INET6;
    l->sin6_port = htons(options_.localPort);
    l->sin6_addr = loopback ? in6addr_loopback : in6addr_any;
  }
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), localLen) != 0) {
    error = "udp: cannot bind local port " + std::to_string(options_.localPort) + ": " +
            std::strerror(errno);
    close();
    return false;
  }
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&peer), peerLen) != 0) {
    error = "udp: cannot address " + options_.host + ":" + std::to_string(options_.port) + ": " +
            std::strerror(errno);
    close();
    return false;
  }
  refused_ = false;
  decoder_.reset();
  return true;
}

void UdpTransport::close() {
  if (fd_ >= 0)
    ::close(fd_);
  fd_ = -1;
}

SendResult UdpTransport::send(const protocol::Message& message) {
  if (fd_ < 0)
    return count(SendResult::kDropped);
  const std::size_t n = protocol::encodeFrame(message, frame_);
  while (true) {
    if (::send(fd_, frame_.data(), n, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0) {
      refused_ = false;
      return count(SendResult::kSent);
    }
    if (errno == EINTR)
      continue;
    // ECONNREFUSED: the host's port is closed (host not running). The rest
    // (buffer full, network down) are also conditions of the moment.
    if (errno == ECONNREFUSED)
      refused_ = true;
    return count(errno == EBADF || errno == ENOTSOCK ? SendResult::kFailed : SendResult::kDropped);
  }
}

void UdpTransport::receive(CommandSink& sink) {
  if (fd_ < 0)
    return;
  std::array<std::uint8_t, protocol::kMaxFrameSize * 2> buffer;
  while (true) {
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno == ECONNREFUSED) {
        refused_ = true;  // a queued ICMP error; the next recv goes on
        continue;
      }
      return;
    }
    refused_ = false;
    decodeInput(decoder_, buffer.data(), static_cast<std::size_t>(n), sink);
  }
}

void UdpTransport::tick(std::uint64_t /*nowUs*/) {}

std::uint16_t UdpTransport::localPort() const {
  sockaddr_storage local{};
  socklen_t len = sizeof local;
  if (fd_ < 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&local), &len) != 0)
    return 0;
  if (local.ss_family == AF_INET)
    return ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&local)->sin6_port);
}

std::string UdpTransport::describe() const {
  return "udp " + options_.host + ":" + std::to_string(options_.port);
}

}  // namespace drishti::io
