#include "firmware/io/ir_led.h"

#include <fcntl.h>
#include <linux/gpio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace drishti::io {

IrLed::~IrLed() {
  close();
}

bool IrLed::open(std::string& error) {
  close();
  const int chip = ::open(config_.chip.c_str(), O_RDWR | O_CLOEXEC);
  if (chip < 0) {
    error = "IR LED: cannot open " + config_.chip + ": " + std::strerror(errno);
    return false;
  }
  gpio_v2_line_request request{};
  request.offsets[0] = static_cast<__u32>(config_.line);
  request.num_lines = 1;
  std::strncpy(request.consumer, "drishti-tracker", sizeof request.consumer - 1);
  request.config.flags =
      GPIO_V2_LINE_FLAG_OUTPUT | (config_.activeLow ? GPIO_V2_LINE_FLAG_ACTIVE_LOW : 0);
  // Start off: attribute 0 sets the initial output value of line 0 to inactive.
  request.config.num_attrs = 1;
  request.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
  request.config.attrs[0].attr.values = 0;
  request.config.attrs[0].mask = 1;
  const int r = ::ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &request);
  const int err = errno;
  ::close(chip);
  if (r < 0) {
    error = "IR LED: cannot take line " + std::to_string(config_.line) + " of " + config_.chip +
            ": " + std::strerror(err) + (err == EBUSY ? " (another program holds it)" : "");
    return false;
  }
  fd_ = request.fd;
  return true;
}

bool IrLed::set(bool on) {
  if (fd_ < 0)
    return false;
  gpio_v2_line_values values{};
  values.mask = 1;
  values.bits = on ? 1 : 0;
  return ::ioctl(fd_, GPIO_V2_LINE_SET_VALUES_IOCTL, &values) == 0;
}

void IrLed::close() {
  if (fd_ < 0)
    return;
  set(false);
  ::close(fd_);
  fd_ = -1;
}

}  // namespace drishti::io
