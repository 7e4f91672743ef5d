// One million random and mutated buffers through one StreamDecoder. Under the
// AddressSanitizer/UBSan build (.ci/run) this is the crash test; in every build
// it checks that each buffer of garbage costs at most itself: a valid frame sent
// right after it is decoded by the time its last byte has been pushed.
#include <catch2/catch.hpp>
#include <sstream>
#include <vector>

#include "firmware/protocol/stream_decoder.h"
#include "tests/firmware/protocol/message_generator.h"
#include "tests/firmware/protocol/wire_helpers.h"

using namespace drishti::protocol;
using namespace drishti::test;

namespace {

class Mutator {
 public:
  explicit Mutator(MessageGenerator& gen) : gen_(gen) {}

  // One buffer of garbage, built one of several ways; `kind` says which.
  Bytes garbage(int& kind) {
    kind = static_cast<int>(gen_.pick(8));
    Bytes b;
    switch (kind) {
      case 0:  // random bytes, with delimiters sprinkled in
        b.resize(gen_.pick(300));
        for (auto& x : b)
          x = gen_.pick(8) == 0 ? 0 : byte();
        break;
      case 1:  // bit flips in a valid frame
        b = frameOf(gen_.any());
        for (std::uint32_t i = 0, n = 1 + gen_.pick(4); i < n; ++i) {
          b[at(b)] ^= static_cast<std::uint8_t>(1U << gen_.pick(8));
        }
        break;
      case 2:  // a valid frame cut short
        b = frameOf(gen_.any());
        b.resize(at(b));
        break;
      case 3:  // a byte inserted into or deleted from a valid frame
        b = frameOf(gen_.any());
        if (gen_.pick(2) == 0) {
          b.insert(b.begin() + static_cast<std::ptrdiff_t>(at(b)), byte());
        } else {
          b.erase(b.begin() + static_cast<std::ptrdiff_t>(at(b)));
        }
        break;
      case 4: {  // the head of one frame spliced onto the tail of another
        const Bytes a = frameOf(gen_.any());
        const Bytes c = frameOf(gen_.any());
        b.assign(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(at(a)));
        b.insert(b.end(), c.begin() + static_cast<std::ptrdiff_t>(at(c)), c.end());
        break;
      }
      case 5: {  // version or type changed, CRC recomputed: reaches the deep checks
        Bytes raw = rawFrameOf(gen_.any());
        raw[gen_.pick(2)] = byte();
        resealRawFrame(raw);
        b = wireOf(raw);
        break;
      }
      case 6: {  // payload bytes randomised or cut, CRC recomputed: payload validation
        Bytes raw = rawFrameOf(gen_.any());
        for (std::size_t i = 2; i + 4 < raw.size(); ++i) {
          if (gen_.pick(8) == 0)
            raw[i] = byte();
        }
        if (gen_.pick(4) == 0)
          raw.resize(gen_.pick(static_cast<std::uint32_t>(raw.size())));
        resealRawFrame(raw);
        b = wireOf(raw);
        break;
      }
      default:  // a long run with no delimiter, now and then
        b.resize(gen_.pick(20) == 0 ? kMaxFrameSize + gen_.pick(200) : gen_.pick(40));
        for (auto& x : b)
          x = static_cast<std::uint8_t>(1 + gen_.pick(255));
        break;
    }
    return b;
  }

  std::size_t chunk() { return 1 + gen_.pick(64); }

 private:
  std::uint8_t byte() { return static_cast<std::uint8_t>(gen_.pick(256)); }
  std::size_t at(const Bytes& b) { return gen_.pick(static_cast<std::uint32_t>(b.size())); }

  MessageGenerator& gen_;
};

}  // namespace

TEST_CASE("decoder survives a million random and mutated buffers and resynchronises after each") {
  MessageGenerator gen(20261120);
  Mutator mutate(gen);
  StreamDecoder decoder;
  constexpr int kBuffers = 1'000'000;

  std::uint64_t lostSentinels = 0;
  std::string firstLoss;
  std::vector<Message> decoded;
  auto sink = [&](DecodeStatus s, const Message& m, const DecodeError& e) {
    if (s == DecodeStatus::kMessage)
      decoded.push_back(m);
    if (s == DecodeStatus::kError)
      REQUIRE(e.error != FrameError::kNone);
  };
  auto pushInChunks = [&](const Bytes& bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
      const std::size_t n = std::min(mutate.chunk(), bytes.size() - i);
      decoder.feed({bytes.data() + i, n}, sink);
      i += n;
    }
  };

  for (int i = 0; i < kBuffers; ++i) {
    int kind = 0;
    pushInChunks(mutate.garbage(kind));
    decoded.clear();
    const Message sentinel = gen.eyeSample();
    pushInChunks(frameOf(sentinel));
    if (decoded.empty() || !(decoded.back() == sentinel)) {
      if (lostSentinels++ == 0) {
        std::ostringstream why;
        why << "buffer " << i << " (kind " << kind << ") was followed by a valid frame that was "
            << (decoded.empty() ? "not decoded" : "decoded wrongly");
        firstLoss = why.str();
      }
    }
  }

  const DecoderStats& st = decoder.stats();
  INFO(firstLoss);
  CHECK(lostSentinels == 0);
  CHECK(st.messages >= static_cast<std::uint64_t>(kBuffers));
  // Every kind of rejection was exercised.
  CHECK(st.bytesDiscarded > 0);
  CHECK(st.badChecksums > 0);
  CHECK(st.badFraming > 0);
  CHECK(st.versionMismatches > 0);
  CHECK(st.tooLong > 0);
  CHECK(st.unknownTypes > 0);
  CHECK(st.badPayloads > 0);
  WARN("fuzz: " << st.bytesIn << " bytes, " << st.messages << " messages, " << st.rejectedFrames()
                << " frames rejected (checksum " << st.badChecksums << ", framing " << st.badFraming
                << ", version " << st.versionMismatches << ", too long " << st.tooLong << ", type "
                << st.unknownTypes << ", payload " << st.badPayloads << "), " << st.bytesDiscarded
                << " bytes of noise skipped");
}
