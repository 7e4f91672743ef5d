// Transport: carries wire-protocol messages to the host and host commands back.
//
// Represents: one link (UDP, Unix domain socket, serial tty, stdout) owned by
// the sender thread. The host may be absent, slow, or come and go: send()
// never blocks; a message that cannot go out now is dropped and reported as
// kDropped (the host sees the gap in sequence numbers), and a broken link
// reopens itself from tick(). Commands that arrive are decoded with the
// protocol's StreamDecoder (any bytes are survived) and handed to the
// CommandSink; damaged input is counted, never acted on.
// Requires: one thread calls every method. Ensures: after open(), send(),
// receive() and tick() allocate nothing and never throw.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "firmware/protocol/messages.h"
#include "firmware/protocol/stream_decoder.h"

namespace drishti::io {

enum class SendResult : std::uint8_t {
  kSent,     // handed to the kernel (for a stream: all of it, or the rest is queued)
  kDropped,  // not sent: no peer, or the peer is not keeping up; the link is fine
  kFailed,   // the link broke; the transport closed it and will reopen it
};

// Receives what the host sends.
class CommandSink {
 public:
  virtual ~CommandSink() = default;
  virtual void onCommand(const protocol::Command& command) = 0;
  // A frame from the host was rejected (or was a message type the host must not send).
  virtual void onRejected(const protocol::DecodeError& error) = 0;
};

struct TransportStats {
  std::uint64_t sent = 0;
  std::uint64_t dropped = 0;
  std::uint64_t failures = 0;  // times the link broke
  std::uint64_t reopens = 0;   // successful reopens after a failure
  std::uint64_t commands = 0;
  std::uint64_t rejected = 0;  // frames from the host rejected by the decoder
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Creates the socket or opens the device. On failure returns false and says
  // why in `error`. A transport whose peer is merely absent opens fine.
  virtual bool open(std::string& error) = 0;
  virtual void close() = 0;

  virtual SendResult send(const protocol::Message& message) = 0;

  // A descriptor to poll for input (-1 if none right now); when it is readable,
  // or at least every tick, call receive().
  virtual int pollFd() const = 0;
  virtual void receive(CommandSink& sink) = 0;

  // Housekeeping, at least 10 times a second: reopens a broken link with backoff.
  virtual void tick(std::uint64_t nowUs) = 0;

  // True while a host is known to be there (connected client, open tty);
  // UDP cannot know and says true.
  virtual bool peerPresent() const = 0;

  virtual std::string describe() const = 0;
  const TransportStats& stats() const { return stats_; }

 protected:
  // Counts a send result; returns it.
  SendResult count(SendResult r) {
    if (r == SendResult::kSent)
      ++stats_.sent;
    else if (r == SendResult::kDropped)
      ++stats_.dropped;
    else
      ++stats_.failures;
    return r;
  }
  // Feeds bytes from the host to `decoder`, passing commands to `sink`.
  void decodeInput(protocol::StreamDecoder& decoder, const std::uint8_t* bytes, std::size_t n,
                   CommandSink& sink);

  TransportStats stats_;
};

}  // namespace drishti::io
