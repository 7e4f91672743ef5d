// RecordingTransport: a Transport test double that keeps every message sent
// (encoded and decoded again, so it checks they survive the wire) and lets the
// test inject host commands, make the host vanish or make the link full.
// Thread safety: send/receive on the sender thread; the accessors and
// injectCommand on the test thread (a mutex guards the shared state).
#pragma once

#include <array>
#include <mutex>
#include <vector>

#include "firmware/io/transport.h"
#include "firmware/protocol/frame_codec.h"

namespace drishti::test {

class RecordingTransport : public io::Transport {
 public:
  bool open(std::string&) override { return true; }
  void close() override { closed_ = true; }

  io::SendResult send(const protocol::Message& message) override {
    std::array<std::uint8_t, protocol::kMaxFrameSize> frame;
    const std::size_t n = protocol::encodeFrame(message, frame);
    std::lock_guard lock(mutex_);
    if (absent_ || (fullEvery_ > 0 && ++offered_ % fullEvery_ == 0))
      return count(io::SendResult::kDropped);
    decoder_.feed(
        std::span<const std::uint8_t>(frame.data(), n),
        [&](protocol::DecodeStatus s, const protocol::Message& m, const protocol::DecodeError&) {
          if (s == protocol::DecodeStatus::kMessage)
            messages_.push_back(m);
          else
            ++decodeErrors_;
        });
    return count(io::SendResult::kSent);
  }

  int pollFd() const override { return -1; }

  void receive(io::CommandSink& sink) override {
    std::vector<protocol::Command> commands;
    {
      std::lock_guard lock(mutex_);
      commands.swap(pending_);
    }
    for (const auto& c : commands)
      sink.onCommand(c);
  }

  void tick(std::uint64_t) override {}
  bool peerPresent() const override { return !absent_; }
  std::string describe() const override { return "recording"; }

  void injectCommand(const protocol::Command& c) {
    std::lock_guard lock(mutex_);
    pending_.push_back(c);
  }
  // The host is there but the link takes only some messages: every `n`th is
  // dropped (0: none).
  void setFullEvery(int n) {
    std::lock_guard lock(mutex_);
    fullEvery_ = n;
  }
  void setAbsent(bool absent) {
    std::lock_guard lock(mutex_);
    absent_ = absent;
  }
  std::vector<protocol::Message> messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  int decodeErrors() const {
    std::lock_guard lock(mutex_);
    return decodeErrors_;
  }
  bool closed() const { return closed_; }

 private:
  mutable std::mutex mutex_;
  protocol::StreamDecoder decoder_;
  std::vector<protocol::Message> messages_;
  std::vector<protocol::Command> pending_;
  int decodeErrors_ = 0;
  bool absent_ = false;
  int fullEvery_ = 0;
  int offered_ = 0;
  std::atomic<bool> closed_{false};
};

}  // namespace drishti::test
