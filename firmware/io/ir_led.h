// IrLed: the infrared illuminator of a NoIR camera board, on one GPIO line.
//
// Represents: a GPIO line requested as an output through the kernel's GPIO
// character device (/dev/gpiochipN, uAPI v2), held for as long as this object
// lives. The line is driven on while the tracker runs (the eyes need light at
// night) and off when it stops; the kernel also releases it if we crash.
// A missing chip or a line held by someone else is reported by open(); the
// tracker runs on without the LED (in daylight it still works).
// Thread safety: none (the main thread).
#pragma once

#include <string>

#include "firmware/io/board_config.h"

namespace drishti::io {

class IrLed {
 public:
  explicit IrLed(IrLedConfig config) : config_(std::move(config)) {}
  ~IrLed();
  IrLed(const IrLed&) = delete;
  IrLed& operator=(const IrLed&) = delete;

  // Requests the line as an output, off. False with `error` set on failure.
  bool open(std::string& error);
  // Drives the LED on or off (honouring active_low); false if not open or refused.
  bool set(bool on);
  void close();
  bool isOpen() const { return fd_ >= 0; }

 private:
  IrLedConfig config_;
  int fd_ = -1;  // the line request
};

}  // namespace drishti::io
