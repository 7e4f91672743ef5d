#include "firmware/io/stdio_transport.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "firmware/io/json_lines.h"
#include "firmware/protocol/frame_codec.h"

namespace drishti::io {

StdioTransport::StdioTransport(Format format, int out, int in)
    : format_(format), out_(out), in_(in) {}

bool StdioTransport::open(std::string& /*error*/) {
  writer_.attach(out_, /*isSocket=*/false);
  decoder_.reset();
  lineSize_ = 0;
  return true;
}

void StdioTransport::close() {
  writer_.detach();
}

std::string StdioTransport::describe() const {
  return format_ == Format::kJson ? "stdout (JSON lines)" : "stdout (wire)";
}

SendResult StdioTransport::send(const protocol::Message& message) {
  std::size_t n = 0;
  if (format_ == Format::kJson) {
    n = formatJsonLine(message, {reinterpret_cast<char*>(buffer_.data()), buffer_.size()});
  } else {
    n = protocol::encodeFrame(message, buffer_);
  }
  const SendResult r = writer_.write({buffer_.data(), n});
  if (r == SendResult::kFailed) {
    // The reader closed stdout: nobody is listening any more, and nobody will.
    writer_.detach();
    out_ = -1;
  }
  return count(r);
}

void StdioTransport::receiveLine(std::string_view line, CommandSink& sink) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
    line.remove_suffix(1);
  if (line.empty())
    return;
  protocol::Command command;
  const char* error = nullptr;
  if (parseTextCommand(line, command, error)) {
    command.seq = ++textSeq_;
    ++stats_.commands;
    sink.onCommand(command);
    return;
  }
  ++stats_.rejected;
  char reply[160];
  const int n = std::snprintf(reply, sizeof reply, "{\"type\":\"error\",\"text\":\"%s\"}\n", error);
  if (n > 0)
    writer_.write({reinterpret_cast<const std::uint8_t*>(reply), static_cast<std::size_t>(n)});
}

void StdioTransport::receive(CommandSink& sink) {
  std::array<std::uint8_t, 512> bytes;
  while (in_ >= 0) {
    // stdin is usually blocking (and shared with the shell): read only what is there.
    pollfd p{in_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0)
      return;
    const ssize_t r = ::read(in_, bytes.data(), bytes.size());
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      if (r == 0 || errno != EAGAIN)
        in_ = -1;  // end of input: no more commands
      return;
    }
    const auto n = static_cast<std::size_t>(r);
    if (format_ == Format::kWire) {
      decodeInput(decoder_, bytes.data(), n, sink);
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        const char c = static_cast<char>(bytes[i]);
        if (c == '\n') {
          if (!lineTooLong_)
            receiveLine({line_.data(), lineSize_}, sink);
          lineSize_ = 0;
          lineTooLong_ = false;
        } else if (lineSize_ < line_.size()) {
          line_[lineSize_++] = c;
        } else {
          lineTooLong_ = true;
        }
      }
    }
  }
}

void StdioTransport::tick(std::uint64_t /*nowUs*/) {
  if (out_ >= 0 && !writer_.flush()) {
    writer_.detach();
    out_ = -1;
  }
}

}  // namespace drishti::io
