// Doorbell: wakes a thread that waits in poll(), from any thread.
//
// Represents: a Linux eventfd. ring() marks it readable; wait() or a poll() on
// fd() returns when it is; drain() clears it. A thread that waits on several
// things (a doorbell, a socket, the stop signal) polls all their fds at once.
// Used as the stop signal too: rung once and never drained, it stays readable,
// so every later wait returns at once.
// Ensures: ring() and drain() never block, never allocate, and are
// async-signal-safe (write/read on an eventfd). Thread safety: all methods may
// be called from any thread.
#pragma once

#include <string>

namespace drishti::io {

class Doorbell {
 public:
  Doorbell();  // throws std::system_error if the kernel refuses an eventfd (start-up only)
  ~Doorbell();
  Doorbell(const Doorbell&) = delete;
  Doorbell& operator=(const Doorbell&) = delete;

  void ring();
  void drain();
  // Waits until rung or `timeoutMs` passed (-1: forever); returns true if rung.
  // Does not drain.
  bool wait(int timeoutMs) const;
  bool isRung() const { return wait(0); }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

}  // namespace drishti::io
