// A UDP socket bound to a free port on 127.0.0.1, the kernel choosing the
// port: for end-to-end tests that give drishti an endpoint to listen on (after
// release()) or one that is already taken (while it is held).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace drishti::app::test {

class LoopbackUdp {
 public:
  LoopbackUdp() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    address_.sin_family = AF_INET;
    ::inet_pton(AF_INET, "127.0.0.1", &address_.sin_addr);
    bound_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&address_), sizeof address_) == 0;
    socklen_t len = sizeof address_;
    if (bound_)
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address_), &len);
  }
  ~LoopbackUdp() { release(); }
  LoopbackUdp(const LoopbackUdp&) = delete;
  LoopbackUdp& operator=(const LoopbackUdp&) = delete;

  bool bound() const { return bound_; }
  const sockaddr_in& address() const { return address_; }
  // "127.0.0.1:PORT", as drishti's --udp takes it.
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(ntohs(address_.sin_port)); }
  // Closes the socket, leaving the port free for the program under test.
  void release() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
  bool bound_ = false;
  sockaddr_in address_{};
};

}  // namespace drishti::app::test
