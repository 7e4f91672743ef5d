// WireReceiver: one transport from drishti-tracker, read on its own thread.
//
// Represents: the receiving end of a socket. Bytes are stamped on the host's
// monotonic clock when read, decoded by protocol::StreamDecoder (one per
// byte stream) and pushed to the WireInbox with their arrival time. Any bytes
// may arrive: damaged, foreign or oversized frames are counted and logged at
// most once every few seconds (with how many were held back), and the
// receiver carries on; nothing a sender does can stop it or make it allocate
// per message.
//
// Subclasses (UdpReceiver, UnixSocketReceiver) own their sockets and
// implement serve(), which must return when `stopFd` becomes readable, and
// sendToTracker() (commands go back over the same transport).
// Thread safety: start/stop from one thread; stats() from any.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <thread>

#include "firmware/protocol/stream_decoder.h"
#include "host/app/app_log.h"
#include "host/app/wire_inbox.h"

namespace drishti::app {

struct ReceiverStats {
  std::uint64_t bytes = 0;
  std::uint64_t messages = 0;
  std::uint64_t rejectedFrames = 0;  // damaged, foreign or oversized
  std::uint64_t connections = 0;     // stream sockets: accepted so far
};

class WireReceiver {
 public:
  virtual ~WireReceiver();
  WireReceiver(const WireReceiver&) = delete;
  WireReceiver& operator=(const WireReceiver&) = delete;

  void start();
  void stop();  // returns when the thread has ended; safe to call twice

  const std::string& name() const { return name_; }  // e.g. "udp 127.0.0.1:47800"
  ReceiverStats stats() const;

  // Sends one encoded frame (a Command) back to the tracker this receiver
  // hears from; false with `error` when there is no tracker to send to yet
  // or the send failed. Never blocks. Any thread.
  virtual bool sendToTracker(std::span<const std::uint8_t> frame, std::string& error) = 0;

 protected:
  WireReceiver(std::string name, WireInbox& inbox);
  virtual void serve(int stopFd) = 0;
  // Decodes `bytes` read at `arrivalUs` with `decoder` (one per stream).
  void deliver(protocol::StreamDecoder& decoder, std::span<const std::uint8_t> bytes,
               std::int64_t arrivalUs);
  void countConnection() { connections_.fetch_add(1, std::memory_order_relaxed); }
  void logProblem(std::int64_t nowUs, const std::string& what);

 private:
  std::string name_;
  WireInbox& inbox_;
  int stopFd_ = -1;  // eventfd: written by stop()
  std::thread thread_;
  RateLimit logLimit_;
  std::atomic<std::uint64_t> bytes_{0};
  std::atomic<std::uint64_t> messages_{0};
  std::atomic<std::uint64_t> rejected_{0};
  std::atomic<std::uint64_t> connections_{0};
};

}  // namespace drishti::app
