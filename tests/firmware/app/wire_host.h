// WireHost: the host end of drishti-tracker's wire for end-to-end tests: a
// UDP socket or a Unix socket client that decodes everything the tracker
// sends with the protocol's StreamDecoder, and can send commands back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "firmware/protocol/messages.h"
#include "firmware/protocol/stream_decoder.h"

namespace drishti::test {

class WireHost {
 public:
  // A UDP host on 127.0.0.1:`port` (0: any free port).
  static WireHost udp(std::uint16_t port = 0);
  // A Unix socket client of `path` (retries connecting for up to 3 s).
  static WireHost unixClient(const std::string& path);
  WireHost(WireHost&& other) noexcept;
  ~WireHost();

  bool ok() const { return fd_ >= 0; }
  std::uint16_t port() const { return port_; }

  // Reads and decodes for `ms` milliseconds (or until `until` messages).
  void pump(int ms, std::size_t until = SIZE_MAX);
  // Sends a command: over UDP to the address the last datagram came from.
  void send(const protocol::Command& command);

  const std::vector<protocol::Message>& messages() const { return messages_; }
  template <class T>
  std::vector<T> all() const {
    std::vector<T> out;
    for (const auto& m : messages_)
      if (const T* t = std::get_if<T>(&m))
        out.push_back(*t);
    return out;
  }
  std::uint64_t rejected() const { return decoder_.stats().rejectedFrames(); }
  std::uint64_t bytes() const { return decoder_.stats().bytesIn; }
  void clear() { messages_.clear(); }

 private:
  WireHost() = default;
  void feed(const std::uint8_t* bytes, std::size_t n);

  int fd_ = -1;
  bool udp_ = false;
  std::uint16_t port_ = 0;
  std::uint16_t peerPort_ = 0;
  protocol::StreamDecoder decoder_;
  std::vector<protocol::Message> messages_;
};

}  // namespace drishti::test
