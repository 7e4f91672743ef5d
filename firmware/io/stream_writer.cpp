#include "firmware/io/stream_writer.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace drishti::io {

void StreamWriter::attach(int fd, bool isSocket) {
  fd_ = fd;
  isSocket_ = isSocket;
  pendingSize_ = 0;
}

void StreamWriter::detach() {
  fd_ = -1;
  pendingSize_ = 0;
}

std::ptrdiff_t StreamWriter::writeSome(const std::uint8_t* bytes, std::size_t n) {
  if (!isSocket_) {
    // stdout may be a blocking pipe or terminal we must not switch to
    // non-blocking (the mode is shared with the shell); ask first instead.
    // A pipe that polls writable has a free page, so a frame goes in whole.
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, 0) <= 0)
      return 0;
    if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
      return -1;
  }
  while (true) {
    const ssize_t r =
        isSocket_ ? ::send(fd_, bytes, n, MSG_NOSIGNAL | MSG_DONTWAIT) : ::write(fd_, bytes, n);
    if (r >= 0)
      return r;
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return 0;
    return -1;
  }
}

bool StreamWriter::flush() {
  if (pendingSize_ == 0)
    return true;
  const std::ptrdiff_t n = writeSome(pending_.data(), pendingSize_);
  if (n < 0)
    return false;
  const auto written = static_cast<std::size_t>(n);
  std::memmove(pending_.data(), pending_.data() + written, pendingSize_ - written);
  pendingSize_ -= written;
  return true;
}

SendResult StreamWriter::write(std::span<const std::uint8_t> bytes) {
  if (fd_ < 0)
    return SendResult::kDropped;
  if (!flush())
    return SendResult::kFailed;
  if (pendingSize_ > 0 || bytes.size() > kCapacity)
    return SendResult::kDropped;
  const std::ptrdiff_t n = writeSome(bytes.data(), bytes.size());
  if (n < 0)
    return SendResult::kFailed;
  if (n == 0)
    return SendResult::kDropped;  // nothing of this frame went out: drop it whole
  const auto written = static_cast<std::size_t>(n);
  if (written < bytes.size()) {
    std::memcpy(pending_.data(), bytes.data() + written, bytes.size() - written);
    pendingSize_ = bytes.size() - written;
  }
  return SendResult::kSent;
}

}  // namespace drishti::io
