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

void writeAll(int fd, const Bytes& b) {
  std::size_t done = 0;
  while (done < b.size()) {
    const ssize_t n = ::write(fd, b.data() + done, b.size() - done);
    REQUIRE(n > 0);
    done += static_cast<std::size_t>(n);
  }
}

// A stand-in for drishti-tracker's Unix socket transport: it listens, the host connects.
class FakeTracker {
 public:
  explicit FakeTracker(const std::filesystem::path& path) : path_(path) {
    listen_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strcpy(sa.sun_path, path.c_str());
    REQUIRE(::bind(listen_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0);
    REQUIRE(::listen(listen_, 4) == 0);
  }
  ~FakeTracker() {
    if (client_ >= 0)
      ::close(client_);
    ::close(listen_);
    ::unlink(path_.c_str());
  }
  int accept() {
    client_ = ::accept(listen_, nullptr, nullptr);
    REQUIRE(client_ >= 0);
    return client_;
  }
  void hangUp() {
    ::close(client_);
    client_ = -1;
  }

 private:
  std::filesystem::path path_;
  int listen_ = -1;
  int client_ = -1;
};

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

TEST_CASE("UDP endpoints are ADDRESS:PORT or a port, and anything else is explained") {
  std::string address, error;
  std::uint16_t port = 0;
  CHECK(parseUdpEndpoint("47800", address, port, error));
  CHECK(address == "127.0.0.1");
  CHECK(port == 47800);
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
    "the Unix socket receiver connects to the tracker and decodes its stream in any chunking") {
  const auto path = drishti::test::scratchDir("unix-rx") / "tracker.sock";
  WireInbox inbox(4096);
  std::string error;
  // The host starts first; the tracker comes later and is found within a second.
  auto rx = UnixSocketReceiver::open(path, inbox, error);
  REQUIRE(rx != nullptr);
  rx->start();
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(rx->connected());
  FakeTracker tracker(path);
  const int fd = tracker.accept();
  test::MessageGenerator gen(3);
  std::mt19937 rng(5);
  // Frames with garbage between them, written in random-size pieces, so
  // frames straddle reads.
  std::vector<protocol::Message> sent;
  Bytes stream;
  for (int i = 0; i < 400; ++i) {
    if (i % 3 == 0) {
      const Bytes g = garbage(rng, rng() % 100);
      stream.insert(stream.end(), g.begin(), g.end());
    }
    const protocol::Message m = gen.any();
    sent.push_back(m);
    const Bytes f = frameOf(m);
    stream.insert(stream.end(), f.begin(), f.end());
  }
  for (std::size_t p = 0; p < stream.size();) {
    const std::size_t n = std::min<std::size_t>(1 + rng() % 300, stream.size() - p);
    writeAll(fd, Bytes(stream.begin() + static_cast<long>(p),
                       stream.begin() + static_cast<long>(p + n)));
    p += n;
  }
  const auto got = collect(inbox, sent.size());
  REQUIRE(got.size() == sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i)
    CHECK(got[i].message == sent[i]);
  CHECK(rx->connected());
  CHECK(rx->stats().rejectedFrames > 0);
  CHECK(rx->stats().connections == 1);

  // The tracker hangs up in the middle of a frame and comes back: the host
  // reconnects and the half frame does not spoil the new stream.
  const Bytes half = frameOf(gen.any());
  writeAll(fd, Bytes(half.begin(), half.begin() + static_cast<long>(half.size() / 2)));
  tracker.hangUp();
  const int again = tracker.accept();  // within the receiver's 1 s retry
  const protocol::Message last = gen.any();
  const Bytes lastFrame = frameOf(last);
  writeAll(again, Bytes(lastFrame.begin() + 1, lastFrame.end()));  // even without its leading 0x00
  const auto after = collect(inbox, 1);
  REQUIRE(after.size() == 1);
  CHECK(after[0].message == last);
  CHECK(rx->stats().connections == 2);
  rx->stop();
}

TEST_CASE("a Unix socket path that cannot be one is refused with its reason") {
  WireInbox inbox;
  std::string error;
  CHECK(UnixSocketReceiver::open("", inbox, error) == nullptr);
  CHECK(UnixSocketReceiver::open(std::string(200, 'x'), inbox, error) == nullptr);
  CHECK(error.find("not usable as a socket path") != std::string::npos);
}
