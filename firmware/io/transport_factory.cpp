#include "firmware/io/transport_factory.h"

#include "firmware/io/serial_transport.h"
#include "firmware/io/stdio_transport.h"
#include "firmware/io/udp_transport.h"
#include "firmware/io/unix_socket_transport.h"

namespace drishti::io {

std::unique_ptr<Transport> makeTransport(const TransportConfig& config) {
  switch (config.kind) {
    case TransportKind::kUdp: {
      UdpOptions o;
      o.host = config.host;
      o.port = config.port;
      o.localPort = config.localPort;
      o.allowRemote = config.allowRemote;
      return std::make_unique<UdpTransport>(o);
    }
    case TransportKind::kUnix:
      return std::make_unique<UnixSocketTransport>(config.socketPath);
    case TransportKind::kSerial:
      return std::make_unique<SerialTransport>(SerialOptions{config.serialDevice, config.baud});
    case TransportKind::kStdoutJson:
      return std::make_unique<StdioTransport>(StdioTransport::Format::kJson);
    case TransportKind::kStdoutWire:
      return std::make_unique<StdioTransport>(StdioTransport::Format::kWire);
  }
  return nullptr;
}

}  // namespace drishti::io
