// SerialTransport: the wire byte stream over a serial tty, typically the USB
// gadget serial port of the board (/dev/ttyGS0) or a USB-serial adapter.
//
// Represents: the tty in raw mode (termios: no echo, no line editing, no
// translation of CR/LF or flow-control bytes, 8N1, CLOCAL so modem lines are
// ignored) at `baud`. Frames are written whole or not at all (StreamWriter),
// so a host that is not reading loses messages instead of stalling us.
// A device that is missing (cable not plugged in yet) or vanishes (EIO, ENODEV
// when unplugged) is reopened from tick() with backoff (0.2 s doubling to 5 s);
// the tracker runs on meanwhile. Only a path that exists and is not a tty is
// an error at open().
// Thread safety: none (the sender thread).
#pragma once

#include <span>
#include <string>

#include "firmware/io/stream_writer.h"
#include "firmware/io/transport.h"

namespace drishti::io {

struct SerialOptions {
  std::string device = "/dev/ttyGS0";
  int baud = 115200;  // one of the standard rates, 9600 .. 4000000
};

// True if `baud` is a rate termios can set.
bool isSupportedBaud(int baud);
// Those rates, slowest first.
std::span<const int> standardBauds();

class SerialTransport : public Transport {
 public:
  explicit SerialTransport(SerialOptions options);
  ~SerialTransport() override;

  bool open(std::string& error) override;
  void close() override;
  SendResult send(const protocol::Message& message) override;
  int pollFd() const override { return fd_; }
  void receive(CommandSink& sink) override;
  void tick(std::uint64_t nowUs) override;
  bool peerPresent() const override { return fd_ >= 0; }
  std::string describe() const override { return "serial " + options_.device; }

 private:
  enum class OpenResult { kOpen, kRetry, kNotATty };
  // Opens and configures the tty; `error` says why when it does not.
  OpenResult tryOpen(std::string& error);
  void lose(const char* why);

  SerialOptions options_;
  int fd_ = -1;
  std::uint64_t retryAtUs_ = 0;
  std::uint64_t backoffUs_ = 0;
  bool everOpen_ = false;
  StreamWriter writer_;
  protocol::StreamDecoder decoder_;
  std::array<std::uint8_t, protocol::kMaxFrameSize> frame_{};
};

}  // namespace drishti::io
