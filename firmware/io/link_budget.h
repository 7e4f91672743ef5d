// Link budget: whether the configured serial line can carry the configured
// frame rate.
//
// Every processed frame sends one eye sample, and the sender a status message
// heartbeat_hz times a second; on a UART each byte costs 10 bits (8N1: start,
// 8 data, stop). The byte sizes come from the protocol's own encoder (the
// longest a frame of that type can be after COBS, with both delimiters), so a
// protocol change moves the budget with it. Blink events and command replies
// are rare and left out; the safe share leaves room for them.
//
// kSafeShare: above 80 % of the line, the bursts the mean hides fill the tty:
// a frame that took longer than its period makes two samples go out back to
// back, a status or a command reply lands on top of a sample, the host may
// pause reading; a line with 20 % spare drains such a burst of a sample or two
// within a few frame periods instead of dropping. (At 100 % or more the line
// drops frames continuously; the serial writer drops whole frames, never
// stalls.) A USB gadget serial port (/dev/ttyGS*) ignores the baud rate, and
// UDP, Unix sockets and stdout have no line rate: no budget applies to them.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "firmware/io/board_config.h"

namespace drishti::io {

inline constexpr double kSafeShare = 0.80;
inline constexpr int kUartBitsPerByte = 10;

struct LinkBudget {
  double fps = 0;               // eye samples per second
  int heartbeatHz = 0;          // status messages per second
  std::size_t sampleBytes = 0;  // one eye sample on the wire, framing included
  std::size_t statusBytes = 0;  // one status message on the wire
  double bytesPerSecond = 0;    // what the configuration sends
  int baud = 0;
  double share = 0;    // bytesPerSecond over the line's bytes per second
  int maxSafeFps = 0;  // the highest whole frame rate within kSafeShare at this baud
  int safeBaud = 0;    // the lowest standard rate that carries this fps within kSafeShare; 0: none
};

// The budget of a serial transport that has a line rate; nullopt for any
// other transport and for a USB gadget serial port.
std::optional<LinkBudget> linkBudget(const BoardConfig& config);

// The warning to give when the budget is over kSafeShare, naming the figures
// and what to change; nullopt when the link has room (or has no budget).
std::optional<std::string> linkBudgetWarning(const BoardConfig& config);

}  // namespace drishti::io
