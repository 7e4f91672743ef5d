#include "firmware/io/serial_transport.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "firmware/protocol/frame_codec.h"
#include "tests/firmware/io/transport_test_support.h"
#include "tests/support/test_data.h"

namespace drishti::io {
namespace {

using test::HostDecoder;
using test::KeepingSink;

// A pseudo-terminal: the transport opens the tty end as it would /dev/ttyGS0;
// the test plays the host on the other end.
struct Pty {
  Pty() {
    master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    ::grantpt(master);
    ::unlockpt(master);
    name = ::ptsname(master);
  }
  ~Pty() {
    if (master >= 0)
      ::close(master);
  }
  int master = -1;
  std::string name;
};

TEST_CASE("the serial port is put in raw mode and carries frames both ways") {
  Pty pty;
  SerialTransport t({pty.name, 115200});
  std::string error;
  REQUIRE(t.open(error));
  REQUIRE(t.peerPresent());

  // Raw: no echo, no line editing, no CR/LF translation, 8 bits.
  const int fd = ::open(pty.name.c_str(), O_RDWR | O_NOCTTY);
  termios tio{};
  REQUIRE(::tcgetattr(fd, &tio) == 0);
  ::close(fd);
  CHECK((tio.c_lflag & (ICANON | ECHO | ISIG)) == 0);
  CHECK((tio.c_oflag & OPOST) == 0);
  CHECK((tio.c_iflag & (ICRNL | IXON)) == 0);
  CHECK((tio.c_cflag & CSIZE) == CS8);
  CHECK(::cfgetospeed(&tio) == B115200);

  // Frames full of bytes a cooked tty would mangle (0x0A, 0x0D, 0x11, 0x13, 0x03).
  for (std::uint32_t i = 0; i < 30; ++i) {
    protocol::EyeSample s;
    s.seq = 0x0A0D1113u + i;
    s.captureUs = 0x0303030303ull;
    REQUIRE(t.send(s) == SendResult::kSent);
  }
  HostDecoder host;
  std::array<std::uint8_t, 4096> buffer;
  while (host.messages.size() < 30 && test::readable(pty.master, 1000)) {
    const ssize_t n = ::read(pty.master, buffer.data(), buffer.size());
    if (n <= 0)
      break;
    host.feed({buffer.data(), static_cast<std::size_t>(n)});
  }
  CHECK(host.errors == 0);
  REQUIRE(host.messages.size() == 30);
  CHECK(std::get<protocol::EyeSample>(host.messages[29]).seq == 0x0A0D1113u + 29);

  std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
  const std::size_t n =
      protocol::encodeFrame(test::command(protocol::CommandKind::kRequestStatus, 0x0D0A), frame);
  REQUIRE(::write(pty.master, frame.data(), n) == static_cast<ssize_t>(n));
  KeepingSink sink;
  test::receiveCommands(t, sink, 1);
  REQUIRE(sink.commands.size() == 1);
  CHECK(sink.commands[0].seq == 0x0D0A);
}

TEST_CASE("a serial host that vanishes costs messages, not the tracker") {
  auto pty = std::make_unique<Pty>();
  SerialTransport t({pty->name, 115200});
  std::string error;
  REQUIRE(t.open(error));
  pty.reset();  // the other end is gone (cable pulled)
  for (int i = 0; i < 50; ++i) {
    KeepingSink sink;
    t.receive(sink);
    t.send(protocol::Status{});
    t.tick(static_cast<std::uint64_t>(i) * 1000);
  }
  CHECK_FALSE(t.peerPresent());
  CHECK(t.stats().dropped > 0);
}

TEST_CASE("a missing serial device is waited for, and a non-tty is refused") {
  SerialTransport missing({"/dev/ttyDoesNotExist9", 115200});
  std::string error;
  CHECK(missing.open(error));  // not there yet: keep running, retry
  CHECK_FALSE(missing.peerPresent());
  CHECK(missing.send(protocol::Status{}) == SendResult::kDropped);

  SerialTransport devNull({"/dev/null", 115200});
  CHECK_FALSE(devNull.open(error));
  CHECK_THAT(error, Catch::Contains("not a serial port"));

  const auto file = test::scratchDir("serial") / "plain.txt";
  std::ofstream(file) << "x";
  SerialTransport plain({file.string(), 115200});
  CHECK_FALSE(plain.open(error));
  CHECK_THAT(error, Catch::Contains("not a serial device"));

  SerialTransport odd({"/dev/null", 12345});
  CHECK_FALSE(odd.open(error));
  CHECK_THAT(error, Catch::Contains("standard rate"));
}

}  // namespace
}  // namespace drishti::io
