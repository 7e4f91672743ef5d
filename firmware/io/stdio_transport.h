// StdioTransport: the wire on stdout, commands from stdin.
//
// Represents: two formats on the process's standard streams:
//  - kJson: one JSON object per line (json_lines.h), for a person or jq to read;
//    commands are typed as text lines ("calibration on", "set long_blink_ms 600",
//    "status"); acks come back as JSON lines too.
//  - kWire: the binary wire byte stream, e.g. piped through ssh to a host;
//    commands arrive as wire frames on stdin.
// A reader that stops reading loses lines instead of stalling the tracker
// (stdout is polled before each write); a closed stdin just ends commands.
// The process must ignore SIGPIPE (drishti-tracker does).
// Thread safety: none (the sender thread).
#pragma once

#include <array>

#include "firmware/io/stream_writer.h"
#include "firmware/io/transport.h"

namespace drishti::io {

class StdioTransport : public Transport {
 public:
  enum class Format { kJson, kWire };

  // `out`/`in` default to stdout/stdin; tests pass pipes.
  explicit StdioTransport(Format format, int out = 1, int in = 0);

  bool open(std::string& error) override;
  void close() override;
  SendResult send(const protocol::Message& message) override;
  int pollFd() const override { return in_; }
  void receive(CommandSink& sink) override;
  void tick(std::uint64_t nowUs) override;
  bool peerPresent() const override { return out_ >= 0; }
  std::string describe() const override;

 private:
  void receiveLine(std::string_view line, CommandSink& sink);

  Format format_;
  int out_;
  int in_;
  StreamWriter writer_;
  protocol::StreamDecoder decoder_;
  std::array<std::uint8_t, 2048> buffer_{};  // an encoded frame or a JSON line
  std::array<char, 256> line_{};             // a text command being typed
  std::size_t lineSize_ = 0;
  bool lineTooLong_ = false;
  std::uint32_t textSeq_ = 0;
};

}  // namespace drishti::io
