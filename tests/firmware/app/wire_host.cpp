#include "tests/firmware/app/wire_host.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstring>
#include <thread>

#include "firmware/protocol/frame_codec.h"

namespace drishti::test {

WireHost WireHost::udp(std::uint16_t port) {
  WireHost h;
  h.udp_ = true;
  h.fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int big = 4 << 20;
  ::setsockopt(h.fd_, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  if (::bind(h.fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(h.fd_);
    h.fd_ = -1;
    return h;
  }
  socklen_t len = sizeof a;
  ::getsockname(h.fd_, reinterpret_cast<sockaddr*>(&a), &len);
  h.port_ = ntohs(a.sin_port);
  return h;
}

WireHost WireHost::unixClient(const std::string& path) {
  WireHost h;
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  for (int i = 0; i < 300; ++i) {
    h.fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(h.fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0)
      return h;
    ::close(h.fd_);
    h.fd_ = -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return h;
}

WireHost::WireHost(WireHost&& o) noexcept
    : fd_(o.fd_), udp_(o.udp_), port_(o.port_), peerPort_(o.peerPort_) {
  o.fd_ = -1;
}

WireHost::~WireHost() {
  if (fd_ >= 0)
    ::close(fd_);
}

void WireHost::feed(const std::uint8_t* bytes, std::size_t n) {
  decoder_.feed(
      std::span<const std::uint8_t>(bytes, n),
      [&](protocol::DecodeStatus s, const protocol::Message& m, const protocol::DecodeError&) {
        if (s == protocol::DecodeStatus::kMessage)
          messages_.push_back(m);
      });
}

void WireHost::pump(int ms, std::size_t until) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  std::array<std::uint8_t, 65536> buffer;
  while (std::chrono::steady_clock::now() < end && messages_.size() < until) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 10) <= 0)
      continue;
    if (udp_) {
      sockaddr_in from{};
      socklen_t len = sizeof from;
      const ssize_t n = ::recvfrom(fd_, buffer.data(), buffer.size(), 0,
                                   reinterpret_cast<sockaddr*>(&from), &len);
      if (n > 0) {
        peerPort_ = ntohs(from.sin_port);
        feed(buffer.data(), static_cast<std::size_t>(n));
      }
    } else {
      const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
      if (n <= 0)
        return;  // the tracker hung up
      feed(buffer.data(), static_cast<std::size_t>(n));
    }
  }
}

void WireHost::send(const protocol::Command& command) {
  std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
  const std::size_t n = protocol::encodeFrame(command, frame);
  if (udp_) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(peerPort_);
    ::sendto(fd_, frame.data(), n, 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
  } else {
    [[maybe_unused]] const auto w = ::write(fd_, frame.data(), n);
  }
}

}  // namespace drishti::test
