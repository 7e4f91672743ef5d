#include "firmware/io/stdio_transport.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <string>

#include "firmware/protocol/frame_codec.h"
#include "tests/firmware/io/transport_test_support.h"

namespace drishti::io {
namespace {

using test::HostDecoder;
using test::KeepingSink;

struct Pipe {
  Pipe() { REQUIRE(::pipe2(fd, O_CLOEXEC) == 0); }
  ~Pipe() {
    for (int f : fd)
      if (f >= 0)
        ::close(f);
  }
  std::string readAll() {
    std::string out;
    char buffer[4096];
    while (test::readable(fd[0], 50)) {
      const ssize_t n = ::read(fd[0], buffer, sizeof buffer);
      if (n <= 0)
        break;
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }
  int fd[2];
};

TEST_CASE("JSON lines go to stdout and typed commands come from stdin") {
  Pipe out, in;
  StdioTransport t(StdioTransport::Format::kJson, out.fd[1], in.fd[0]);
  std::string error;
  REQUIRE(t.open(error));
  protocol::BlinkEvent blink;
  blink.durationMs = 250;
  REQUIRE(t.send(blink) == SendResult::kSent);
  REQUIRE(t.send(protocol::Status{}) == SendResult::kSent);
  const std::string text = out.readAll();
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
  CHECK_THAT(text, Catch::StartsWith("{\"type\":\"blink\""));

  const std::string typed = "calibration on\nset long_blink_ms 700\nnonsense\n";
  REQUIRE(::write(in.fd[1], typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
  KeepingSink sink;
  t.receive(sink);
  REQUIRE(sink.commands.size() == 2);
  CHECK(sink.commands[0].kind == protocol::CommandKind::kEnterCalibration);
  CHECK(sink.commands[1].value == 700);
  CHECK(sink.commands[1].seq == sink.commands[0].seq + 1);
  CHECK_THAT(out.readAll(), Catch::Contains("\"type\":\"error\""));
}

TEST_CASE("the wire on stdout decodes exactly, and wire commands come from stdin") {
  Pipe out, in;
  StdioTransport t(StdioTransport::Format::kWire, out.fd[1], in.fd[0]);
  std::string error;
  REQUIRE(t.open(error));
  for (std::uint32_t i = 1; i <= 10; ++i) {
    protocol::EyeSample s;
    s.seq = i;
    REQUIRE(t.send(s) == SendResult::kSent);
  }
  const std::string bytes = out.readAll();
  HostDecoder host;
  host.feed({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  CHECK(host.errors == 0);
  CHECK(host.messages.size() == 10);

  std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
  const std::size_t n =
      protocol::encodeFrame(test::command(protocol::CommandKind::kRequestStatus, 4), frame);
  REQUIRE(::write(in.fd[1], frame.data(), n) == static_cast<ssize_t>(n));
  KeepingSink sink;
  t.receive(sink);
  REQUIRE(sink.commands.size() == 1);
  CHECK(sink.commands[0].seq == 4);
}

TEST_CASE("a reader that does not keep up loses lines, and one that leaves ends output, not us") {
  ::signal(SIGPIPE, SIG_IGN);  // as drishti-tracker does
  Pipe out, in;
  StdioTransport t(StdioTransport::Format::kJson, out.fd[1], in.fd[0]);
  std::string error;
  REQUIRE(t.open(error));
  int dropped = 0;
  for (int i = 0; i < 5000; ++i)
    dropped += t.send(protocol::Status{}) == SendResult::kDropped;
  CHECK(dropped > 0);  // the pipe filled: no waiting for the reader
  const std::string text = out.readAll();
  // Only whole lines went out.
  CHECK(text.back() == '\n');

  ::close(out.fd[0]);
  out.fd[0] = -1;
  SendResult r = SendResult::kSent;
  for (int i = 0; i < 3 && r != SendResult::kFailed; ++i)
    r = t.send(protocol::Status{});
  CHECK(r == SendResult::kFailed);
  CHECK_FALSE(t.peerPresent());
  CHECK(t.send(protocol::Status{}) == SendResult::kDropped);
}

TEST_CASE("end of stdin ends commands quietly") {
  Pipe out, in;
  StdioTransport t(StdioTransport::Format::kJson, out.fd[1], in.fd[0]);
  std::string error;
  REQUIRE(t.open(error));
  ::close(in.fd[1]);
  in.fd[1] = -1;
  KeepingSink sink;
  t.receive(sink);
  CHECK(t.pollFd() == -1);
  CHECK(sink.commands.empty());
}

}  // namespace
}  // namespace drishti::io
