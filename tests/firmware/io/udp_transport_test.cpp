#include "firmware/io/udp_transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>

#include "firmware/protocol/frame_codec.h"
#include "tests/firmware/io/transport_test_support.h"

namespace drishti::io {
namespace {

using test::HostDecoder;
using test::KeepingSink;

// A host's UDP socket on 127.0.0.1, any port.
struct UdpHost {
  UdpHost() {
    fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~UdpHost() { close(); }
  void close() {
    if (fd >= 0)
      ::close(fd);
    fd = -1;
  }
  // Receives every datagram waiting (up to ~1 s for the first).
  void drain(HostDecoder& host) {
    std::array<std::uint8_t, 2048> buffer;
    while (test::readable(fd, host.messages.empty() ? 1000 : 50)) {
      const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
      if (n <= 0)
        break;
      host.feed({buffer.data(), static_cast<std::size_t>(n)});
    }
  }
  void sendTo(std::uint16_t toPort, std::span<const std::uint8_t> bytes) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(toPort);
    ::sendto(fd, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
  }
  int fd = -1;
  std::uint16_t port = 0;
};

TEST_CASE("UDP carries messages to the host and its commands back") {
  UdpHost host;
  UdpTransport transport({"127.0.0.1", host.port, 0, false});
  std::string error;
  REQUIRE(transport.open(error));
  for (std::uint32_t i = 1; i <= 20; ++i) {
    protocol::EyeSample s;
    s.seq = i;
    REQUIRE(transport.send(s) == SendResult::kSent);
  }
  HostDecoder decoded;
  host.drain(decoded);
  CHECK(decoded.errors == 0);
  REQUIRE(decoded.messages.size() == 20);
  CHECK(std::get<protocol::EyeSample>(decoded.messages.back()).seq == 20);

  std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
  const std::size_t n =
      protocol::encodeFrame(test::command(protocol::CommandKind::kEnterCalibration, 5), frame);
  host.sendTo(transport.localPort(), {frame.data(), n});
  KeepingSink sink;
  test::receiveCommands(transport, sink, 1);
  REQUIRE(sink.commands.size() == 1);
  CHECK(sink.commands[0].seq == 5);
  CHECK(transport.stats().commands == 1);
}

TEST_CASE("UDP to an absent host goes on sending and knows the host is not there") {
  std::uint16_t port = 0;
  {
    UdpHost gone;
    port = gone.port;
  }  // nobody listens there any more
  UdpTransport transport({"127.0.0.1", port, 0, false});
  std::string error;
  REQUIRE(transport.open(error));
  for (int i = 0; i < 200; ++i) {
    REQUIRE(transport.send(protocol::Status{}) != SendResult::kFailed);
    KeepingSink sink;
    transport.receive(sink);  // collects the kernel's "port unreachable"
  }
  // On loopback the kernel reports the closed port; the transport notes it
  // and goes on (the host may start at any moment).
  CHECK_FALSE(transport.peerPresent());
  CHECK(transport.stats().failures == 0);
}

TEST_CASE("UDP refuses a host that is not this machine unless allowed") {
  UdpTransport transport({"192.0.2.1", 47800, 0, false});
  std::string error;
  CHECK_FALSE(transport.open(error));
  CHECK_THAT(error, Catch::Contains("allow_remote"));
  UdpTransport allowed({"192.0.2.1", 47800, 0, true});
  CHECK(allowed.open(error));
  CHECK(isLoopbackHost("127.0.0.1"));
  CHECK(isLoopbackHost("127.1.2.3"));
  CHECK(isLoopbackHost("::1"));
  CHECK(isLoopbackHost("localhost"));
  CHECK_FALSE(isLoopbackHost("10.0.0.1"));
  CHECK_FALSE(isLoopbackHost("example.org"));
}

TEST_CASE("garbage from the UDP host is rejected and the next command still works") {
  UdpHost host;
  UdpTransport transport({"127.0.0.1", host.port, 0, false});
  std::string error;
  REQUIRE(transport.open(error));
  const std::uint8_t junk[] = {0x00, 0x13, 0x37, 0xFF, 0x42, 0x00};
  host.sendTo(transport.localPort(), junk);
  // A sample is not something a host may send.
  std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
  std::size_t n = protocol::encodeFrame(protocol::EyeSample{}, frame);
  host.sendTo(transport.localPort(), {frame.data(), n});
  n = protocol::encodeFrame(test::command(protocol::CommandKind::kRequestStatus, 9), frame);
  host.sendTo(transport.localPort(), {frame.data(), n});
  KeepingSink sink;
  test::receiveCommands(transport, sink, 1);
  REQUIRE(sink.commands.size() == 1);
  CHECK(sink.commands[0].seq == 9);
  CHECK(sink.rejected.size() == 2);
}

}  // namespace
}  // namespace drishti::io
