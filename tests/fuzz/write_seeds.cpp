// Writes the libFuzzer target's seed corpus: whole delimited frames of every
// message type of this protocol version, as MessageGenerator makes them (eye
// samples with and without appearance cells), one frame per file, plus files
// of several frames back to back. Without seeds libFuzzer has to discover the
// COBS framing, the CRC and each payload layout by mutation alone.
//   write_seeds <dir>   (its old frame-* and stream-* files removed first)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "firmware/protocol/frame_codec.h"
#include "tests/firmware/protocol/message_generator.h"

using namespace drishti;

namespace {

std::vector<std::uint8_t> frameOf(const protocol::Message& m) {
  std::vector<std::uint8_t> out(protocol::kMaxFrameSize);
  out.resize(protocol::encodeFrame(m, out));
  return out;
}

bool write(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus dir>\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("frame-") || name.starts_with("stream-"))
      std::filesystem::remove(entry.path(), ec);
  }
  if (ec) {
    std::fprintf(stderr, "%s: cannot create: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  test::MessageGenerator gen(20261122);
  std::vector<protocol::Message> seeds;
  for (int i = 0; i < 4; ++i) {
    seeds.emplace_back(gen.eyeSample());
    seeds.emplace_back(gen.blink());
    seeds.emplace_back(gen.status());
    seeds.emplace_back(gen.command());
    seeds.emplace_back(gen.ack());
  }
  protocol::EyeSample both = gen.eyeSample();  // both eyes measured
  protocol::EyeSample none = both;             // both eyes lost
  for (std::size_t e = 0; e < 2; ++e) {
    both.eyes[e].valid = true;
    both.eyes[e].appearance = gen.appearance();
    none.eyes[e] = {};
  }
  seeds.emplace_back(both);
  seeds.emplace_back(none);

  int files = 0;
  std::vector<std::uint8_t> stream;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    const auto frame = frameOf(seeds[i]);
    if (frame.empty() || !write(dir / ("frame-" + std::to_string(i)), frame)) {
      std::fprintf(stderr, "%s: cannot write seed %zu\n", dir.c_str(), i);
      return 1;
    }
    ++files;
    stream.insert(stream.end(), frame.begin(), frame.end());
    if (i % 5 == 4) {  // five frames of every type, well under -max_len
      if (!write(dir / ("stream-" + std::to_string(i / 5)), stream)) {
        std::fprintf(stderr, "%s: cannot write a stream seed\n", dir.c_str());
        return 1;
      }
      ++files;
      stream.clear();
    }
  }
  std::printf("%d seed files (protocol version %d) in %s\n", files, int{protocol::kProtocolVersion},
              dir.c_str());
  return 0;
}
