// StreamWriter: non-blocking writes of whole frames to a stream descriptor
// (Unix stream socket, tty, pipe) without ever tearing a frame.
//
// Represents: one descriptor plus a fixed buffer for the unsent tail of the
// last frame. A frame is written whole, or its unwritten tail waits here and
// goes out before anything else; while a tail waits, new frames are dropped
// (the peer is not keeping up) instead of queued. So the peer's decoder sees
// complete frames and sequence gaps, never a backlog.
// Requires: a socket in O_NONBLOCK mode, or any tty, pipe or file (these are
// polled before each write, so a blocking one is fine); one thread. Ensures: write() and
// flush() never block, never allocate; SIGPIPE is never raised for sockets
// (MSG_NOSIGNAL); for ttys and pipes the process must ignore SIGPIPE.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "firmware/io/transport.h"
#include "firmware/protocol/frame_codec.h"

namespace drishti::io {

class StreamWriter {
 public:
  static constexpr std::size_t kCapacity = 4096;  // bytes; > kMaxFrameSize and a JSON line

  // `isSocket` selects send(MSG_NOSIGNAL) instead of write().
  void attach(int fd, bool isSocket);
  void detach();
  int fd() const { return fd_; }

  SendResult write(std::span<const std::uint8_t> bytes);
  // Sends what is pending; false if the descriptor failed.
  bool flush();
  bool pending() const { return pendingSize_ > 0; }

 private:
  // Writes as much of `bytes` as the kernel takes; -1 on failure.
  std::ptrdiff_t writeSome(const std::uint8_t* bytes, std::size_t n);

  int fd_ = -1;
  bool isSocket_ = false;
  std::array<std::uint8_t, kCapacity> pending_{};
  std::size_t pendingSize_ = 0;
};

}  // namespace drishti::io
