// UnixSocketReceiver: wire messages from drishti-tracker over a Unix stream socket.
//
// Represents: a listening SOCK_STREAM socket at a path (default
// defaultUnixSocketPath(): $XDG_RUNTIME_DIR/drishti/tracker.sock, else
// /tmp/drishti-UID/tracker.sock), for a tracker on the same machine. Up to
// kMaxConnections senders at once, each with its own StreamDecoder (the
// bytes of a stream are one frame stream; a reconnect starts a fresh one).
// A stale socket file left by a crash is replaced; a path on which another
// program is listening is refused. The socket file is removed on exit.
// Thread safety: see WireReceiver.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "host/app/wire_receiver.h"

namespace drishti::app {

std::filesystem::path defaultUnixSocketPath();

class UnixSocketReceiver final : public WireReceiver {
 public:
  static constexpr std::size_t kMaxConnections = 4;

  // Creates the socket's folder (mode 0700) if needed, binds and listens.
  // Returns null with `error` set (naming the path and the reason).
  static std::unique_ptr<UnixSocketReceiver> open(const std::filesystem::path& path,
                                                  WireInbox& inbox, std::string& error);
  ~UnixSocketReceiver() override;

  const std::filesystem::path& path() const { return path_; }

 private:
  struct Connection {
    int fd = -1;
    protocol::StreamDecoder decoder;
  };

  UnixSocketReceiver(std::filesystem::path path, WireInbox& inbox, int fd);
  void serve(int stopFd) override;
  void accept();
  void close(Connection& c);

  std::filesystem::path path_;
  int listenFd_;
  std::array<Connection, kMaxConnections> connections_{};
};

}  // namespace drishti::app
