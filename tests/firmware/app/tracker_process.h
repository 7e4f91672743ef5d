// TrackerProcess: runs the real drishti-tracker binary for end-to-end tests,
// collecting its stdout and stderr, sending it signals and timing its exit.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace drishti::test {

class TrackerProcess {
 public:
  // Starts DRISHTI_TRACKER_BIN with `args`; `keepStdout` false discards stdout.
  explicit TrackerProcess(const std::vector<std::string>& args, bool keepStdout = true);
  ~TrackerProcess();  // kills it if still running

  pid_t pid() const { return pid_; }
  void signal(int sig);

  // Waits up to `timeoutMs` for the process to end; true if it did.
  bool waitExit(int timeoutMs);
  int exitStatus() const { return status_; }  // exit code, or 128+signal
  bool running() const { return !exited_; }

  // Waits until stderr contains `text` (or the process ended / time passed).
  bool waitForStderr(const std::string& text, int timeoutMs);
  std::string stderrText() const;
  std::string stdoutBytes() const;
  // stdout bytes from `offset` on (for incremental decoding).
  std::string stdoutFrom(std::size_t offset) const;
  void writeStdin(const std::string& bytes);

  // Resident memory (VmRSS) in kB, 0 if unreadable.
  std::uint64_t residentKb() const;

 private:
  void pump();

  pid_t pid_ = -1;
  int out_ = -1, err_ = -1, in_ = -1;
  bool keepStdout_;
  std::atomic<bool> stop_{false};
  std::thread reader_;
  mutable std::mutex mutex_;
  std::string stdout_, stderr_;
  bool exited_ = false;
  int status_ = -1;
};

// The path of the drishti-tracker binary under test.
const char* trackerBinary();

}  // namespace drishti::test
