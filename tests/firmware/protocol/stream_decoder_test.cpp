#include "firmware/protocol/stream_decoder.h"

#include <catch2/catch.hpp>
#include <vector>

#include "tests/firmware/protocol/message_generator.h"
#include "tests/firmware/protocol/wire_helpers.h"

using namespace drishti::protocol;
using namespace drishti::test;

namespace {

struct Outcome {
  std::vector<Message> messages;
  std::vector<DecodeError> errors;
};

Outcome decode(const Bytes& bytes) {
  StreamDecoder d;
  Outcome out;
  d.feed(bytes, [&](DecodeStatus s, const Message& m, const DecodeError& e) {
    if (s == DecodeStatus::kMessage) {
      out.messages.push_back(m);
    } else {
      out.errors.push_back(e);
    }
  });
  return out;
}

const char* firstField(const Message& m) {
  const auto out = decode(frameOf(m));
  REQUIRE(out.errors.size() == 1);
  return out.errors[0].field;
}

}  // namespace

TEST_CASE("a frame of another protocol version is rejected with a clear error") {
  MessageGenerator gen(1);
  Bytes raw = rawFrameOf(gen.eyeSample());
  raw[0] = kProtocolVersion + 1;
  resealRawFrame(raw);
  const auto out = decode(wireOf(raw));
  CHECK(out.messages.empty());
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kVersionMismatch);
  CHECK_THAT(describe(out.errors[0]),
             Catch::Contains("protocol version " + std::to_string(kProtocolVersion + 1)) &&
                 Catch::Contains("speaks version " + std::to_string(kProtocolVersion)));
}

TEST_CASE("a version 1 eye sample (no appearance cells) is named as such, never misread") {
  // Version 1's eye sample: this layout without the two eyes' 15 uint16 cells.
  MessageGenerator gen(11);
  EyeSample s = gen.eyeSample();
  for (auto& eye : s.eyes)
    eye.appearance = {};
  Bytes raw = rawFrameOf(s);
  REQUIRE(raw.size() == 2 + 184 + 4);
  Bytes v1(raw.begin(), raw.begin() + 2 + 25);  // header, seq .. state
  for (std::size_t eye = 0; eye < 2; ++eye) {
    const auto at = raw.begin() + 2 + 25 + static_cast<std::ptrdiff_t>(eye * 55);
    v1.insert(v1.end(), at, at + 25);  // valid .. confidence, not the cells
  }
  v1.insert(v1.end(), raw.begin() + 2 + 25 + 110, raw.end() - 4);  // head, face
  REQUIRE(v1.size() == 2 + 124);
  v1[0] = 1;
  v1.resize(v1.size() + 4);
  resealRawFrame(v1);
  const auto out = decode(wireOf(v1));
  CHECK(out.messages.empty());
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kVersionMismatch);
  CHECK_THAT(describe(out.errors[0]),
             Catch::Contains("protocol version 1 frame") && Catch::Contains("speaks version 2"));
}

TEST_CASE("appearance cells that neither sum to 1 nor are all zero are rejected by name") {
  MessageGenerator gen(12);
  EyeSample s = gen.eyeSample();
  s.eyes[0].valid = true;
  s.eyes[0].appearance = {};
  s.eyes[0].appearance[0] = 1.0F;  // one cell of 65535 at payload offset 25 + 25
  Bytes raw = rawFrameOf(s);
  REQUIRE(raw[2 + 50] == 0xFF);
  REQUIRE(raw[2 + 51] == 0xFF);
  SECTION("a unit short") {
    raw[2 + 50] = 0xFE;
  }
  SECTION("an extra unit in another cell") {
    raw[2 + 52] = 0x01;
  }
  resealRawFrame(raw);
  const auto out = decode(wireOf(raw));
  CHECK(out.messages.empty());
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kBadPayload);
  CHECK(std::string(out.errors[0].field) == "eye.appearance");
  CHECK_THAT(describe(out.errors[0]), Catch::Contains("eye.appearance"));
}

TEST_CASE("an eye that is not valid carries no appearance cells") {
  MessageGenerator gen(13);
  EyeSample s = gen.eyeSample();
  s.eyes[1].valid = false;
  s.eyes[1].appearance = gen.appearance();
  CHECK(std::string(firstField(s)) == "eye.appearance");
}

TEST_CASE("a field out of range rejects the message and names the field") {
  MessageGenerator gen(2);
  EyeSample s = gen.eyeSample();
  s.eyes[1].openness = 1.5F;
  const auto out = decode(frameOf(s));
  CHECK(out.messages.empty());
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kBadPayload);
  CHECK(std::string(out.errors[0].field) == "eye.openness");
  CHECK_THAT(describe(out.errors[0]),
             Catch::Contains("eye_sample") && Catch::Contains("eye.openness"));
}

TEST_CASE("non-finite floats, unknown enums and bad text are rejected") {
  MessageGenerator gen(3);
  SECTION("NaN pupil") {
    EyeSample s = gen.eyeSample();
    s.eyes[0].pupilX = std::numeric_limits<float>::quiet_NaN();
    CHECK(std::string(firstField(s)) == "eye.pupilX");
  }
  SECTION("unknown blink kind") {
    BlinkEvent b = gen.blink();
    b.kind = static_cast<BlinkKind>(9);
    CHECK(std::string(firstField(b)) == "kind");
  }
  SECTION("blink that ends before it starts") {
    BlinkEvent b = gen.blink();
    b.endUs = b.startUs - 1;
    CHECK(std::string(firstField(b)) == "endUs");
  }
  SECTION("control character in a parameter name") {
    Command c = gen.command();
    c.name[0] = '\n';
    CHECK(std::string(firstField(c)) == "name");
  }
  SECTION("text with no terminating NUL") {
    Status st = gen.status();
    st.version.fill('x');
    CHECK(std::string(firstField(st)) == "version");
  }
}

TEST_CASE("a payload of the wrong size for its type is rejected") {
  MessageGenerator gen(4);
  Bytes raw = rawFrameOf(gen.blink());
  raw.erase(raw.begin() + 2);
  resealRawFrame(raw);
  const auto out = decode(wireOf(raw));
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kBadPayload);
  CHECK(std::string(out.errors[0].field) != "");
}

TEST_CASE("an unknown message type is rejected and the next frame still decodes") {
  MessageGenerator gen(5);
  Bytes raw = rawFrameOf(gen.status());
  raw[1] = 200;
  resealRawFrame(raw);
  Bytes stream = wireOf(raw);
  append(stream, frameOf(gen.ack()));
  const auto out = decode(stream);
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kUnknownType);
  CHECK(out.errors[0].type == 200);
  REQUIRE(out.messages.size() == 1);
  CHECK(std::holds_alternative<CommandAck>(out.messages[0]));
}

TEST_CASE("a corrupted byte costs only its own frame") {
  MessageGenerator gen(6);
  Bytes bad = frameOf(gen.eyeSample());
  bad[20] = bad[20] == 0x5A ? 0x5B : 0x5A;
  Bytes stream = frameOf(gen.status());
  const std::size_t badStart = stream.size() + 1;  // after its leading delimiter
  append(stream, bad);
  append(stream, frameOf(gen.status()));
  const auto out = decode(stream);
  CHECK(out.messages.size() == 2);
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kBadChecksum);
  CHECK(out.errors[0].streamOffset == badStart);
}

TEST_CASE("a frame that lost its tail does not hold back the frame behind it") {
  MessageGenerator gen(7);
  Bytes cut = frameOf(gen.eyeSample());
  cut.resize(cut.size() / 2);
  const Bytes next = frameOf(gen.blink());
  StreamDecoder d;
  std::vector<Message> got;
  auto sink = [&](DecodeStatus s, const Message& m, const DecodeError&) {
    if (s == DecodeStatus::kMessage)
      got.push_back(m);
  };
  d.feed(cut, sink);
  d.feed(next, sink);
  REQUIRE(got.size() == 1);  // decoded as soon as its closing delimiter arrived
  CHECK(std::holds_alternative<BlinkEvent>(got[0]));
  CHECK(d.stats().rejectedFrames() == 1);
}

TEST_CASE("bytes with no delimiter for longer than a frame are rejected once, then sync returns") {
  MessageGenerator gen(8);
  Bytes stream(3 * kMaxFrameSize, 0x41);
  const EyeSample sample = gen.eyeSample();
  append(stream, frameOf(sample));
  const auto out = decode(stream);
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kTooLong);
  CHECK(out.errors[0].streamOffset == 0);
  REQUIRE(out.messages.size() == 1);
  CHECK(out.messages[0] == Message(sample));
}

TEST_CASE("broken byte stuffing is rejected as malformed framing") {
  const Bytes stream = {0x00, 0x09, 0x11, 0x22, 0x00};  // code 9 runs past the end
  const auto out = decode(stream);
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].error == FrameError::kBadFraming);
  CHECK(out.errors[0].streamOffset == 1);
}

TEST_CASE("idle delimiters between frames are not errors") {
  MessageGenerator gen(9);
  Bytes stream = {0, 0, 0};
  append(stream, frameOf(gen.status()));
  append(stream, Bytes(5, 0));
  append(stream, frameOf(gen.status()));
  const auto out = decode(stream);
  CHECK(out.errors.empty());
  CHECK(out.messages.size() == 2);
}

TEST_CASE("push takes only what fits until next() drains the buffer") {
  MessageGenerator gen(10);
  Bytes stream;
  while (stream.size() < 8 * kMaxFrameSize)
    append(stream, frameOf(gen.status()));
  StreamDecoder d;
  const std::size_t taken = d.push(stream);
  CHECK(taken < stream.size());
  Message m;
  int decoded = 0;
  while (d.next(m) == DecodeStatus::kMessage)
    ++decoded;
  CHECK(decoded > 0);
  CHECK(d.push({stream.data() + taken, stream.size() - taken}) > 0);
}

TEST_CASE("reset forgets a partial frame") {
  MessageGenerator gen(11);
  const Bytes f = frameOf(gen.status());
  StreamDecoder d;
  Message m;
  d.push({f.data(), 10});
  CHECK(d.next(m) == DecodeStatus::kNeedMoreData);
  d.reset();
  d.push(f);
  CHECK(d.next(m) == DecodeStatus::kMessage);
}
