#include "firmware/io/serial_transport.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "firmware/io/log.h"
#include "firmware/io/monotonic_clock.h"

namespace drishti::io {
namespace {

constexpr std::uint64_t kFirstBackoffUs = 200'000;
constexpr std::uint64_t kMaxBackoffUs = 5'000'000;

speed_t speedOf(int baud) {
  switch (baud) {
    case 9600:
      return B9600;
    case 19200:
      return B19200;
    case 38400:
      return B38400;
    case 57600:
      return B57600;
    case 115200:
      return B115200;
    case 230400:
      return B230400;
    case 460800:
      return B460800;
    case 500000:
      return B500000;
    case 921600:
      return B921600;
    case 1000000:
      return B1000000;
    case 1500000:
      return B1500000;
    case 2000000:
      return B2000000;
    case 3000000:
      return B3000000;
    case 4000000:
      return B4000000;
    default:
      return B0;
  }
}

}  // namespace

bool isSupportedBaud(int baud) {
  return speedOf(baud) != B0;
}

std::span<const int> standardBauds() {
  static constexpr int kRates[] = {9600,   19200,  38400,   57600,   115200,  230400,  460800,
                                   500000, 921600, 1000000, 1500000, 2000000, 3000000, 4000000};
  return kRates;
}

SerialTransport::SerialTransport(SerialOptions options) : options_(std::move(options)) {}

SerialTransport::~SerialTransport() {
  close();
}

SerialTransport::OpenResult SerialTransport::tryOpen(std::string& error) {
  const int fd = ::open(options_.device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = options_.device + ": " + std::strerror(errno);
    return OpenResult::kRetry;
  }
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) {
    error = options_.device + " is not a serial port (" + std::strerror(errno) + ")";
    ::close(fd);
    return OpenResult::kNotATty;
  }
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  ::cfsetispeed(&tio, speedOf(options_.baud));
  ::cfsetospeed(&tio, speedOf(options_.baud));
  if (::tcsetattr(fd, TCSANOW, &tio) != 0) {
    error = options_.device + ": cannot set raw mode: " + std::strerror(errno);
    ::close(fd);
    return OpenResult::kRetry;
  }
  ::tcflush(fd, TCIOFLUSH);  // whatever a previous user left
  fd_ = fd;
  writer_.attach(fd_, /*isSocket=*/false);
  decoder_.reset();
  backoffUs_ = 0;
  return OpenResult::kOpen;
}

bool SerialTransport::open(std::string& error) {
  close();
  if (!isSupportedBaud(options_.baud)) {
    error = "serial: " + std::to_string(options_.baud) + " baud is not a standard rate";
    return false;
  }
  struct stat st {};
  if (::stat(options_.device.c_str(), &st) == 0 && !S_ISCHR(st.st_mode)) {
    error = "serial: " + options_.device + " is not a serial device";
    return false;
  }
  std::string why;
  const OpenResult r = tryOpen(why);
  if (r == OpenResult::kOpen) {
    everOpen_ = true;
    return true;
  }
  if (r == OpenResult::kNotATty) {
    error = "serial: " + why;
    return false;
  }
  // Missing or busy now (cable out, gadget not up yet): keep trying.
  logLine(LogLevel::kWarning, "serial: %s; will keep trying", why.c_str());
  backoffUs_ = kFirstBackoffUs;
  retryAtUs_ = monotonicUs() + backoffUs_;
  return true;
}

void SerialTransport::close() {
  writer_.detach();
  if (fd_ >= 0)
    ::close(fd_);
  fd_ = -1;
}

void SerialTransport::lose(const char* why) {
  logLine(LogLevel::kWarning, "serial: %s: %s; reopening", options_.device.c_str(), why);
  close();
  backoffUs_ = kFirstBackoffUs;
  retryAtUs_ = monotonicUs() + backoffUs_;
}

SendResult SerialTransport::send(const protocol::Message& message) {
  if (fd_ < 0)
    return count(SendResult::kDropped);
  const std::size_t n = protocol::encodeFrame(message, frame_);
  const SendResult r = writer_.write({frame_.data(), n});
  if (r == SendResult::kFailed)
    lose(std::strerror(errno));
  return count(r);
}

void SerialTransport::receive(CommandSink& sink) {
  std::array<std::uint8_t, 1024> buffer;
  while (fd_ >= 0) {
    const ssize_t r = ::read(fd_, buffer.data(), buffer.size());
    if (r > 0) {
      decodeInput(decoder_, buffer.data(), static_cast<std::size_t>(r), sink);
      continue;
    }
    if (r < 0 && errno == EINTR)
      continue;
    // 0 with VMIN=0 means "no data". EAGAIN likewise. EIO/ENODEV: unplugged.
    if (r < 0 && errno != EAGAIN)
      lose(std::strerror(errno));
    return;
  }
}

void SerialTransport::tick(std::uint64_t nowUs) {
  if (fd_ >= 0) {
    if (!writer_.flush())
      lose(std::strerror(errno));
    return;
  }
  if (backoffUs_ == 0 || nowUs < retryAtUs_)
    return;
  std::string why;
  if (tryOpen(why) == OpenResult::kOpen) {
    if (everOpen_)
      ++stats_.reopens;
    everOpen_ = true;
    logLine(LogLevel::kInfo, "serial: %s open", options_.device.c_str());
    return;
  }
  backoffUs_ = std::min(backoffUs_ * 2, kMaxBackoffUs);
  retryAtUs_ = nowUs + backoffUs_;
}

}  // namespace drishti::io
