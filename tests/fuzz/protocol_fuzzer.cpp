// libFuzzer entry point: the input is split into chunks by its own first byte
// and pushed through one StreamDecoder; then a valid frame must still decode.
#include <cstdlib>
#include <vector>

#include "firmware/protocol/stream_decoder.h"

using namespace drishti::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  StreamDecoder decoder;
  const std::size_t chunk = size > 0 ? 1 + data[0] % 64 : 1;
  for (std::size_t i = 0; i < size; i += chunk) {
    const std::size_t n = size - i < chunk ? size - i : chunk;
    decoder.feed({data + i, n},
                 [](DecodeStatus, const Message&, const DecodeError& e) { (void)describe(e); });
  }

  Status status;
  setText(status.version, "fuzz");
  std::vector<std::uint8_t> frame(kMaxFrameSize);
  frame.resize(encodeFrame(status, frame));
  bool decoded = false;
  decoder.feed(frame, [&](DecodeStatus s, const Message& m, const DecodeError&) {
    if (s == DecodeStatus::kMessage && std::holds_alternative<Status>(m) &&
        std::get<Status>(m) == status) {
      decoded = true;
    }
  });
  if (!decoded)
    std::abort();  // lost synchronisation: a bug, make libFuzzer report it
  return 0;
}
