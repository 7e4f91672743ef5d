#include "firmware/io/transport.h"

#include <span>
#include <variant>

namespace drishti::io {

void Transport::decodeInput(protocol::StreamDecoder& decoder, const std::uint8_t* bytes,
                            std::size_t n, CommandSink& sink) {
  using protocol::DecodeStatus;
  decoder.feed(std::span<const std::uint8_t>(bytes, n),
               [&](DecodeStatus s, const protocol::Message& m, const protocol::DecodeError& e) {
                 if (s == DecodeStatus::kMessage) {
                   if (const auto* command = std::get_if<protocol::Command>(&m)) {
                     ++stats_.commands;
                     sink.onCommand(*command);
                     return;
                   }
                   // A host sends only commands; anything else is a confused peer.
                   protocol::DecodeError wrongType;
                   wrongType.error = protocol::FrameError::kUnknownType;
                   wrongType.type = static_cast<std::uint8_t>(protocol::typeOf(m));
                   wrongType.field = "message type (a host may send only commands)";
                   ++stats_.rejected;
                   sink.onRejected(wrongType);
                   return;
                 }
                 ++stats_.rejected;
                 sink.onRejected(e);
               });
}

}  // namespace drishti::io
