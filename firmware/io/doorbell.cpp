#include "firmware/io/doorbell.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace drishti::io {

Doorbell::Doorbell() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (fd_ < 0)
    throw std::system_error(errno, std::generic_category(), "eventfd");
}

Doorbell::~Doorbell() {
  ::close(fd_);
}

void Doorbell::ring() {
  const std::uint64_t one = 1;
  // Fails only when the counter would overflow, which still leaves it readable.
  [[maybe_unused]] const auto n = ::write(fd_, &one, sizeof one);
}

void Doorbell::drain() {
  std::uint64_t count = 0;
  [[maybe_unused]] const auto n = ::read(fd_, &count, sizeof count);
}

bool Doorbell::wait(int timeoutMs) const {
  pollfd p{fd_, POLLIN, 0};
  while (true) {
    const int r = ::poll(&p, 1, timeoutMs);
    if (r >= 0)
      return r > 0;
    if (errno != EINTR)
      return false;
  }
}

}  // namespace drishti::io
