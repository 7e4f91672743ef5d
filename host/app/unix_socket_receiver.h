// UnixSocketReceiver: wire messages from drishti-tracker over a Unix stream socket.
//
// Represents: the host's end of the tracker's Unix socket transport. The
// tracker listens at a path (default kDefaultUnixSocketPath, its board file's
// [transport] path) and streams frames to every host that connects; this
// receiver connects, reads the stream through one StreamDecoder, and when the
// tracker is not there yet, or goes away, tries again every second (a fresh
// decoder per connection), saying so once per change rather than every try.
// Thread safety: see WireReceiver.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "host/app/wire_receiver.h"

namespace drishti::app {

inline constexpr const char* kDefaultUnixSocketPath = "/run/drishti/tracker.sock";

class UnixSocketReceiver final : public WireReceiver {
 public:
  // Null with `error` set when the path cannot be a socket path (empty or too
  // long). A tracker that is not listening yet is not an error; `quietWait`
  // leaves that unsaid (the default path, when the tracker may well use UDP).
  static std::unique_ptr<UnixSocketReceiver> open(const std::filesystem::path& path,
                                                  WireInbox& inbox, std::string& error,
                                                  bool quietWait = false);
  ~UnixSocketReceiver() override;

  const std::filesystem::path& path() const { return path_; }
  bool connected() const { return connected_.load(); }
  bool sendToTracker(std::span<const std::uint8_t> frame, std::string& error) override;

 private:
  UnixSocketReceiver(std::filesystem::path path, WireInbox& inbox, bool quietWait);
  void serve(int stopFd) override;
  int connect(std::string& why) const;  // a connected fd, or -1 with the reason

  std::filesystem::path path_;
  bool quietWait_;
  std::atomic<bool> connected_{false};
  std::mutex fdMutex_;
  int fd_ = -1;  // the connection, for sending; guarded by fdMutex_
  protocol::StreamDecoder decoder_;
};

}  // namespace drishti::app
