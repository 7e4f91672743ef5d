// Helpers for transport tests: a sink that keeps commands, and a decoder
// that keeps messages.
#pragma once

#include <poll.h>

#include <span>
#include <vector>

#include "firmware/io/transport.h"
#include "firmware/protocol/stream_decoder.h"

namespace drishti::test {

struct KeepingSink : io::CommandSink {
  void onCommand(const protocol::Command& c) override { commands.push_back(c); }
  void onRejected(const protocol::DecodeError& e) override { rejected.push_back(e); }
  std::vector<protocol::Command> commands;
  std::vector<protocol::DecodeError> rejected;
};

struct HostDecoder {
  void feed(std::span<const std::uint8_t> bytes) {
    decoder.feed(bytes, [&](protocol::DecodeStatus s, const protocol::Message& m,
                            const protocol::DecodeError&) {
      if (s == protocol::DecodeStatus::kMessage)
        messages.push_back(m);
      else
        ++errors;
    });
  }
  protocol::StreamDecoder decoder;
  std::vector<protocol::Message> messages;
  int errors = 0;
};

inline bool readable(int fd, int timeoutMs) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeoutMs) > 0;
}

inline protocol::Command command(protocol::CommandKind kind, std::uint32_t seq) {
  protocol::Command c;
  c.kind = kind;
  c.seq = seq;
  return c;
}

// Polls `transport` for input until `sink` has `n` commands or ~2 s passed.
inline void receiveCommands(io::Transport& transport, KeepingSink& sink, std::size_t n) {
  for (int i = 0; i < 200 && sink.commands.size() < n; ++i) {
    if (transport.pollFd() >= 0)
      readable(transport.pollFd(), 10);
    transport.receive(sink);
  }
}

}  // namespace drishti::test
