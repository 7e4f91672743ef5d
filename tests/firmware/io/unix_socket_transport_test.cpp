#include "firmware/io/unix_socket_transport.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "firmware/protocol/frame_codec.h"
#include "tests/firmware/io/transport_test_support.h"
#include "tests/support/test_data.h"

namespace drishti::io {
namespace {

namespace fs = std::filesystem;
using test::HostDecoder;
using test::KeepingSink;

int connectTo(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Accepts pending connections (the sender does this at every heartbeat).
void accept(UnixSocketTransport& t) {
  KeepingSink sink;
  for (int i = 0; i < 50 && t.clientCount() == 0; ++i) {
    test::readable(t.pollFd(), 10);
    t.receive(sink);
  }
}

void readAll(int fd, HostDecoder& host, int firstWaitMs = 1000) {
  std::array<std::uint8_t, 4096> buffer;
  int wait = firstWaitMs;
  while (test::readable(fd, wait)) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n <= 0)
      break;
    host.feed({buffer.data(), static_cast<std::size_t>(n)});
    wait = 50;
  }
}

TEST_CASE("the Unix socket is private to its user") {
  const std::string path = (test::scratchDir("unix-mode") / "tracker.sock").string();
  UnixSocketTransport t(path);
  std::string error;
  REQUIRE(t.open(error));
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 0777) == 0600);
  t.close();
  CHECK_FALSE(fs::exists(path));  // removed on close
}

TEST_CASE("a connected host gets every message and its commands come back") {
  const std::string path = (test::scratchDir("unix-flow") / "tracker.sock").string();
  UnixSocketTransport t(path);
  std::string error;
  REQUIRE(t.open(error));
  CHECK(t.send(protocol::Status{}) == SendResult::kDropped);  // nobody there yet
  const int host = connectTo(path);
  REQUIRE(host >= 0);
  accept(t);
  REQUIRE(t.clientCount() == 1);
  for (std::uint32_t i = 1; i <= 50; ++i) {
    protocol::EyeSample s;
    s.seq = i;
    REQUIRE(t.send(s) == SendResult::kSent);
  }
  HostDecoder decoded;
  readAll(host, decoded);
  CHECK(decoded.errors == 0);
  CHECK(decoded.messages.size() == 50);

  std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
  const std::size_t n =
      protocol::encodeFrame(test::command(protocol::CommandKind::kLeaveCalibration, 3), frame);
  REQUIRE(::write(host, frame.data(), n) == static_cast<ssize_t>(n));
  KeepingSink sink;
  test::receiveCommands(t, sink, 1);
  REQUIRE(sink.commands.size() == 1);
  CHECK(sink.commands[0].kind == protocol::CommandKind::kLeaveCalibration);
  ::close(host);
}

TEST_CASE("a host that vanishes is forgotten and the tracker keeps sending") {
  const std::string path = (test::scratchDir("unix-vanish") / "tracker.sock").string();
  UnixSocketTransport t(path);
  std::string error;
  REQUIRE(t.open(error));
  const int host = connectTo(path);
  accept(t);
  REQUIRE(t.clientCount() == 1);
  ::close(host);
  // The first sends may still go into the dead socket's buffer; then EPIPE
  // (no SIGPIPE: it would end this test program).
  for (int i = 0; i < 20; ++i) {
    KeepingSink sink;
    t.receive(sink);  // sees the hang-up
    CHECK(t.send(protocol::Status{}) != SendResult::kFailed);
  }
  CHECK(t.clientCount() == 0);
  // A new host is served.
  const int again = connectTo(path);
  accept(t);
  CHECK(t.clientCount() == 1);
  CHECK(t.send(protocol::Status{}) == SendResult::kSent);
  ::close(again);
}

TEST_CASE(
    "a host that stops reading loses messages but never stalls the tracker or gets torn frames") {
  const std::string path = (test::scratchDir("unix-slow") / "tracker.sock").string();
  UnixSocketTransport t(path);
  std::string error;
  REQUIRE(t.open(error));
  const int host = connectTo(path);
  accept(t);
  int sent = 0, dropped = 0;
  for (std::uint32_t i = 1; i <= 20000; ++i) {
    protocol::EyeSample s;
    s.seq = i;
    const SendResult r = t.send(s);
    REQUIRE(r != SendResult::kFailed);
    sent += r == SendResult::kSent;
    dropped += r == SendResult::kDropped;
  }
  CHECK(dropped > 0);  // the socket buffer filled up
  HostDecoder decoded;
  readAll(host, decoded, 200);
  t.tick(0);  // sends the tail of the last partly written frame
  readAll(host, decoded, 200);
  CHECK(decoded.errors == 0);
  CHECK(decoded.messages.size() == static_cast<std::size_t>(sent));
  ::close(host);
}

TEST_CASE("a stale socket file is replaced, and a live one or a regular file is not") {
  const fs::path dir = test::scratchDir("unix-stale");
  const std::string path = (dir / "tracker.sock").string();
  {
    // A socket file left behind by a process that is gone.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    ::close(fd);
  }
  UnixSocketTransport first(path);
  std::string error;
  REQUIRE(first.open(error));
  UnixSocketTransport second(path);
  CHECK_FALSE(second.open(error));
  CHECK_THAT(error, Catch::Contains("in use"));
  first.close();

  const std::string file = (dir / "notes.txt").string();
  std::ofstream(file) << "keep me";
  UnixSocketTransport onFile(file);
  CHECK_FALSE(onFile.open(error));
  CHECK_THAT(error, Catch::Contains("not a socket"));
  CHECK(fs::exists(file));
}

TEST_CASE("a fifth host replaces the one connected longest") {
  const std::string path = (test::scratchDir("unix-many") / "tracker.sock").string();
  UnixSocketTransport t(path);
  std::string error;
  REQUIRE(t.open(error));
  std::vector<int> hosts;
  for (std::size_t i = 0; i < UnixSocketTransport::kMaxClients + 1; ++i) {
    hosts.push_back(connectTo(path));
    KeepingSink sink;
    test::readable(t.pollFd(), 100);
    t.receive(sink);
  }
  CHECK(t.clientCount() == UnixSocketTransport::kMaxClients);
  // The first host was let go: it reads end-of-stream.
  HostDecoder decoded;
  char byte;
  REQUIRE(test::readable(hosts[0], 1000));
  CHECK(::read(hosts[0], &byte, 1) == 0);
  for (int fd : hosts)
    ::close(fd);
}

}  // namespace
}  // namespace drishti::io
