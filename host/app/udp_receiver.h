// UdpReceiver: wire messages from drishti-tracker over UDP.
//
// Represents: a UDP socket bound to an IPv4 address and port (default
// 127.0.0.1:47800, kDefaultUdpPort: the tracker on the same board). Each
// datagram carries one delimited frame; all datagrams go through one
// StreamDecoder, whose delimiters keep a damaged or truncated datagram from
// affecting the next. Datagrams from any sender are accepted: bind to the
// loopback address (the default) unless the tracker runs on another machine.
// Thread safety: see WireReceiver.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "host/app/wire_receiver.h"

namespace drishti::app {

inline constexpr std::uint16_t kDefaultUdpPort = 47800;  // drishti-tracker's default
inline constexpr const char* kDefaultUdpAddress = "127.0.0.1";

class UdpReceiver final : public WireReceiver {
 public:
  // Binds "ADDRESS:PORT" or "PORT" (on 127.0.0.1); port 0 picks a free one.
  // Returns null with `error` set (naming the address and the reason) when
  // the address is malformed or cannot be bound. Call start() to receive.
  static std::unique_ptr<UdpReceiver> open(const std::string& endpoint, WireInbox& inbox,
                                           std::string& error);
  ~UdpReceiver() override;

  std::uint16_t port() const { return port_; }  // the bound port
  // To the address the last datagram came from (the tracker's socket is
  // connected to ours, so it takes datagrams from this port only).
  bool sendToTracker(std::span<const std::uint8_t> frame, std::string& error) override;

 private:
  UdpReceiver(std::string name, WireInbox& inbox, int fd, std::uint16_t port);
  void serve(int stopFd) override;

  int fd_;
  std::uint16_t port_;
  std::mutex peerMutex_;
  sockaddr_storage peer_{};
  socklen_t peerLength_ = 0;  // 0: nothing heard yet
  protocol::StreamDecoder decoder_;
};

// Splits "ADDRESS:PORT" or "PORT"; false with `error` set when malformed.
bool parseUdpEndpoint(const std::string& endpoint, std::string& address, std::uint16_t& port,
                      std::string& error);

}  // namespace drishti::app
