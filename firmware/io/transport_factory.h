// makeTransport: the Transport a board config's [transport] section asks for
// (not yet opened). Thread safety: reentrant.
#pragma once

#include <memory>

#include "firmware/io/board_config.h"
#include "firmware/io/transport.h"

namespace drishti::io {

std::unique_ptr<Transport> makeTransport(const TransportConfig& config);

}  // namespace drishti::io
