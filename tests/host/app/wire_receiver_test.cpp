#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <random>
#include <thread>

#include "firmware/protocol/frame_codec.h"
#include "host/app/host_clock.h"
#include "host/app/udp_receiver.h"
#include "host/app/unix_socket_receiver.h"
#include "host/app/wire_inbox.h"
#include "tests/firmware/protocol/message_generator.h"
#include "tests/support/test_data.h"

using namespace drishti;
using namespace drishti::app;
using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes frameOf(const protocol::Message& m) {
  Bytes out(protocol::kMaxFrameSize);
  out.resize(protocol::encodeFrame(m, out));
  return out;
}

Bytes garbage(std::mt19937& rng, std::size_t n) {
  Bytes b(n);
  for (auto& x : b)
    x = static_cast<std::uint8_t>(rng());
  return b;
}

// Waits until the inbox has delivered `count` messages (or 5 s pass).
std::vector<WireMessage> collect(WireInbox& inbox, std::size_t count) {
  std::vector<WireMessage> got;
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (got.size() < count && std::chrono::steady_clock::now() < until) {
    inbox.drain([&](const WireMessage& m) { got.push_back(m); });
    std::this_thread::sleep_for(2ms);
  }
  return got;
}

struct UdpSender {
  int fd;
  sockaddr_in to{};
  explicit UdpSender(std::uint16_t port) : fd(::socket(AF_INET, SOCK_DGRAM, 0)) {
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  }
  ~UdpSender() { ::close(fd); }
  void send(const Bytes& b) {
    REQUIRE(::sendto(fd, b.data(), b.size(), 0, reinterpret_cast<const sockaddr*>(&to),
                     sizeof to) == static_cast<ssize_t>(b.size()));
  }
};

int connectUnix(const std::filesystem::path& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un sa{};
  sa.sun_family = AF_UNIX;
  std::strcpy(sa.sun_path, path.c_str());
  REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0);
  return fd;
}

void writeAll(int fd, const Bytes& b) {
  std::size_t done = 0;
  while (done < b.size()) {
    const ssize_t n = ::write(fd, b.data() + done, b.size() - done);
    REQUIRE(n > 0);
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

TEST_CASE("the inbox drops the oldest messages when nobody drains it") {
  WireInbox inbox(4);
  for (std::uint32_t i = 0; i < 10; ++i) {
    protocol::BlinkEvent b;
    b.seq = i;
    inbox.push(b, i);
  }
  std::vector<std::uint32_t> seqs;
  inbox.drain(
      [&](const WireMessage& m) { seqs.push_back(std::get<protocol::BlinkEvent>(m.message).seq); });
  CHECK(seqs == std::vector<std::uint32_t>{6, 7, 8, 9});
  CHECK(inbox.dropped() == 6);
}

TEST_CASE("UDP endpoints are ADDRESS:PORT or a port; anything else is explained") {
  std::string address, error;
  std::uint16_t port = 0;
  CHECK(parseUdpEndpoint("47810", address, port, error));
  CHECK(address == "127.0.0.1");
  CHECK(port == 47810);
  CHECK(parseUdpEndpoint("0.0.0.0:5000", address, port, error));
  CHECK(address == "0.0.0.0");
  CHECK(port == 5000);
  CHECK_FALSE(parseUdpEndpoint("localhost:5000", address, port, error));
  CHECK(error == "'localhost' in 'localhost:5000' is not an IPv4 address (e.g. 127.0.0.1)");
  CHECK_FALSE(parseUdpEndpoint("127.0.0.1:70000", address, port, error));
  CHECK_FALSE(parseUdpEndpoint("127.0.0.1:", address, port, error));
  CHECK_FALSE(parseUdpEndpoint("", address, port, error));
}

TEST_CASE("the UDP receiver survives garbage datagrams and delivers every good frame in order") {
  WireInbox inbox(4096);
  std::string error;
  auto rx = UdpReceiver::open("127.0.0.1:0", inbox, error);
  REQUIRE(rx != nullptr);
  REQUIRE(rx->port() != 0);
  rx->start();
  UdpSender tx(rx->port());
  test::MessageGenerator gen(7);
  std::mt19937 rng(11);
  const std::int64_t before = hostNowUs();
  std::vector<protocol::Message> sent;
  for (int i = 0; i < 300; ++i) {
    switch (i % 5) {
      case 0:
        tx.send(garbage(rng, 1 + rng() % 600));  // random bytes
        break;
      case 1: {
        Bytes f = frameOf(gen.any());
        f.resize(f.size() / 2);  // truncated frame
        tx.send(f);
        break;
      }
      case 2: {
        Bytes f = frameOf(gen.any());
        f[f.size() / 2] ^= 0x5A;  // a flipped byte: bad CRC or framing
        tx.send(f);
        break;
      }
      case 3:
        tx.send(Bytes(9000, 0x41));  // oversized: no delimiter for 9000 bytes
        break;
      default:
        break;
    }
    const protocol::Message m = gen.any();
    sent.push_back(m);
    tx.send(frameOf(m));
    if (i % 5 == 0)
      std::this_thread::sleep_for(1ms);  // UDP drops what overflows the socket buffer
  }
  const auto got = collect(inbox, sent.size());
  REQUIRE(got.size() == sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    CHECK(got[i].message == sent[i]);
    CHECK(got[i].arrivalUs >= before);
    CHECK(got[i].arrivalUs <= hostNowUs());
    if (i > 0)
      CHECK(got[i].arrivalUs >= got[i - 1].arrivalUs);
  }
  const ReceiverStats s = rx->stats();
  CHECK(s.messages == sent.size());
  CHECK(s.rejectedFrames >= 200);
  rx->stop();
}

TEST_CASE("a UDP port in use is reported with the address") {
  WireInbox inbox;
  std::string error;
  auto first = UdpReceiver::open("127.0.0.1:0", inbox, error);
  REQUIRE(first != nullptr);
  const std::string endpoint = "127.0.0.1:" + std::to_string(first->port());
  CHECK(UdpReceiver::open(endpoint, inbox, error) == nullptr);
  CHECK(error.starts_with("cannot listen for drishti-tracker on UDP " + endpoint));
}

TEST_CASE(
    "the Unix socket receiver decodes streams in any chunking, with garbage, from several "
    "senders") {
  const auto path = drishti::test::scratchDir("unix-rx") / "tracker.sock";
  WireInbox inbox(4096);
  std::string error;
  auto rx = UnixSocketReceiver::open(path, inbox, error);
  REQUIRE(rx != nullptr);
  rx->start();
  test::MessageGenerator gen(3);
  std::mt19937 rng(5);
  // Two senders; each stream is frames with garbage between them, written in
  // random-size pieces, so frames straddle reads.
  std::vector<protocol::Message> sentA, sentB;
  Bytes streamA, streamB;
  for (int i = 0; i < 200; ++i) {
    for (auto [stream, sent] : {std::pair{&streamA, &sentA}, std::pair{&streamB, &sentB}}) {
      if (i % 3 == 0) {
        const Bytes g = garbage(rng, rng() % 100);
        stream->insert(stream->end(), g.begin(), g.end());
      }
      const protocol::Message m = gen.any();
      sent->push_back(m);
      const Bytes f = frameOf(m);
      stream->insert(stream->end(), f.begin(), f.end());
    }
  }
  const int a = connectUnix(path);
  const int b = connectUnix(path);
  for (std::size_t pa = 0, pb = 0; pa < streamA.size() || pb < streamB.size();) {
    const std::size_t na = std::min<std::size_t>(1 + rng() % 300, streamA.size() - pa);
    const std::size_t nb = std::min<std::size_t>(1 + rng() % 300, streamB.size() - pb);
    writeAll(a, Bytes(streamA.begin() + pa, streamA.begin() + pa + na));
    writeAll(b, Bytes(streamB.begin() + pb, streamB.begin() + pb + nb));
    pa += na;
    pb += nb;
  }
  const auto got = collect(inbox, sentA.size() + sentB.size());
  REQUIRE(got.size() == sentA.size() + sentB.size());
  // Each sender's messages arrive in its order.
  std::size_t ia = 0, ib = 0;
  for (const auto& m : got) {
    if (ia < sentA.size() && m.message == sentA[ia])
      ++ia;
    else if (ib < sentB.size() && m.message == sentB[ib])
      ++ib;
  }
  CHECK(ia == sentA.size());
  CHECK(ib == sentB.size());
  CHECK(rx->stats().rejectedFrames > 0);
  CHECK(rx->stats().connections == 2);

  // A sender that hangs up in the middle of a frame and reconnects starts clean.
  const Bytes half = frameOf(gen.any());
  writeAll(a, Bytes(half.begin(), half.begin() + static_cast<long>(half.size() / 2)));
  ::close(a);
  std::this_thread::sleep_for(20ms);
  const int c = connectUnix(path);
  const protocol::Message last = gen.any();
  writeAll(c, frameOf(last));
  const auto after = collect(inbox, 1);
  REQUIRE(after.size() == 1);
  CHECK(after[0].message == last);
  ::close(b);
  ::close(c);
  rx->stop();
}

TEST_CASE("a stale socket file is replaced, a live one or another file is not") {
  const auto dir = drishti::test::scratchDir("unix-stale");
  WireInbox inbox;
  std::string error;
  {
    // A socket file nobody listens on, as a crash would leave it.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strcpy(sa.sun_path, (dir / "stale.sock").c_str());
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0);
    ::close(fd);
  }
  auto rx = UnixSocketReceiver::open(dir / "stale.sock", inbox, error);
  CHECK(rx != nullptr);
  CHECK(UnixSocketReceiver::open(dir / "stale.sock", inbox, error) == nullptr);
  CHECK(error == (dir / "stale.sock").string() +
                     ": another program is already listening there (another drishti?)");
  std::ofstream(dir / "notes.txt") << "precious";
  CHECK(UnixSocketReceiver::open(dir / "notes.txt", inbox, error) == nullptr);
  CHECK(error == (dir / "notes.txt").string() + ": exists and is not a socket; not replacing it");
  rx.reset();
  CHECK_FALSE(std::filesystem::exists(dir / "stale.sock"));  // removed on exit
}
