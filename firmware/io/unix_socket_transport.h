// UnixSocketTransport: a Unix domain stream socket that hosts connect to.
//
// Represents: a listening socket at `path`, mode 0600 (only the tracker's user,
// and root, may connect: eye data is personal), serving up to kMaxClients
// connected hosts (the drishti app, a logger). Every message goes to every
// client as a byte stream of wire frames; each client's commands are decoded
// on their own. A client that stops reading loses messages (never blocks the
// tracker); one that hangs up is forgotten; when a new client arrives and all
// places are taken, the longest-connected one is let go.
// A stale socket file left by a crash is replaced; a live one (another tracker
// answering on it) or a file that is not a socket is an error.
// Thread safety: none (the sender thread).
#pragma once

#include <array>
#include <string>

#include "firmware/io/stream_writer.h"
#include "firmware/io/transport.h"

namespace drishti::io {

class UnixSocketTransport : public Transport {
 public:
  static constexpr std::size_t kMaxClients = 4;

  explicit UnixSocketTransport(std::string path);
  ~UnixSocketTransport() override;

  bool open(std::string& error) override;
  void close() override;
  SendResult send(const protocol::Message& message) override;
  int pollFd() const override { return epoll_; }
  void receive(CommandSink& sink) override;
  void tick(std::uint64_t nowUs) override;
  bool peerPresent() const override { return clientCount() > 0; }
  std::string describe() const override { return "unix socket " + path_; }

  std::size_t clientCount() const;

 private:
  struct Client {
    int fd = -1;
    std::uint64_t since = 0;  // connection order
    StreamWriter writer;
    protocol::StreamDecoder decoder;
  };

  void accept();
  void drop(Client& client);

  std::string path_;
  int listener_ = -1;
  int epoll_ = -1;
  std::uint64_t connections_ = 0;
  std::uint64_t inode_ = 0;  // of the socket file we made, so close() removes only ours
  std::array<Client, kMaxClients> clients_{};
  std::array<std::uint8_t, protocol::kMaxFrameSize> frame_{};
};

}  // namespace drishti::io
