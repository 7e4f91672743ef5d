// UdpTransport: one datagram per wire frame to the host's address and port.
//
// Represents: a UDP socket connected to host:port, so that only that peer's
// datagrams (its commands) are received. The default host is 127.0.0.1; an
// address that is not loopback is refused unless allowRemote is set, because
// eye data would then leave the machine in clear text.
// Host absent: datagrams are simply lost (counted as dropped once the kernel
// reports the port closed); the transport never blocks and never fails for it.
// Thread safety: none (the sender thread).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <string>

#include "firmware/io/transport.h"
#include "firmware/protocol/frame_codec.h"

namespace drishti::io {

struct UdpOptions {
  std::string host = "127.0.0.1";  // numeric IPv4 or IPv6 address, or "localhost"
  std::uint16_t port = 47800;      // the host's port
  std::uint16_t localPort = 0;     // ours (0: any); the host answers to it
  bool allowRemote = false;        // permit a non-loopback host
};

// True if `host` is a numeric loopback address or "localhost".
bool isLoopbackHost(const std::string& host);

class UdpTransport : public Transport {
 public:
  explicit UdpTransport(UdpOptions options);
  ~UdpTransport() override;

  bool open(std::string& error) override;
  void close() override;
  SendResult send(const protocol::Message& message) override;
  int pollFd() const override { return fd_; }
  void receive(CommandSink& sink) override;
  void tick(std::uint64_t nowUs) override;
  bool peerPresent() const override { return !refused_; }
  std::string describe() const override;

  // The local port actually bound (for tests and the start-up line).
  std::uint16_t localPort() const;

 private:
  UdpOptions options_;
  int fd_ = -1;
  bool refused_ = false;  // the kernel said the host's port is closed
  protocol::StreamDecoder decoder_;
  std::array<std::uint8_t, protocol::kMaxFrameSize> frame_{};
};

}  // namespace drishti::io
