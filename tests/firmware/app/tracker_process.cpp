#include "tests/firmware/app/tracker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

extern char** environ;

namespace drishti::test {

const char* trackerBinary() {
  return DRISHTI_TRACKER_BIN;
}

TrackerProcess::TrackerProcess(const std::vector<std::string>& args, bool keepStdout)
    : keepStdout_(keepStdout) {
  ::signal(SIGPIPE, SIG_IGN);  // writing to the stdin of a tracker that ended
  int out[2], err[2], in[2];
  ::pipe2(out, O_CLOEXEC);
  ::pipe2(err, O_CLOEXEC);
  ::pipe2(in, O_CLOEXEC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  std::vector<std::string> all{trackerBinary()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  // The child starts with default signal dispositions and an empty mask.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all_signals;
  sigemptyset(&none);
  sigfillset(&all_signals);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all_signals);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  ::posix_spawn(&pid_, trackerBinary(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  ::close(err[1]);
  ::close(in[0]);
  out_ = out[0];
  err_ = err[0];
  in_ = in[1];
  reader_ = std::thread([this] { pump(); });
}

TrackerProcess::~TrackerProcess() {
  if (!exited_) {
    ::kill(pid_, SIGKILL);
    waitExit(5000);
  }
  stop_ = true;
  reader_.join();
  ::close(out_);
  ::close(err_);
  if (in_ >= 0)
    ::close(in_);
}

void TrackerProcess::pump() {
  char buffer[65536];
  while (!stop_) {
    pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    if (::poll(fds, 2, 20) <= 0)
      continue;
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP)))
        continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0)
        continue;
      std::lock_guard lock(mutex_);
      if (i == 1)
        stderr_.append(buffer, static_cast<std::size_t>(n));
      else if (keepStdout_)
        stdout_.append(buffer, static_cast<std::size_t>(n));
    }
  }
}

void TrackerProcess::signal(int sig) {
  ::kill(pid_, sig);
}

bool TrackerProcess::waitExit(int timeoutMs) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (!exited_) {
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (std::chrono::steady_clock::now() >= end)
      return false;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  // Let the reader collect what was written last.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return true;
}

bool TrackerProcess::waitForStderr(const std::string& text, int timeoutMs) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (std::chrono::steady_clock::now() < end) {
    if (stderrText().find(text) != std::string::npos)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return stderrText().find(text) != std::string::npos;
}

std::string TrackerProcess::stderrText() const {
  std::lock_guard lock(mutex_);
  return stderr_;
}

std::string TrackerProcess::stdoutBytes() const {
  std::lock_guard lock(mutex_);
  return stdout_;
}

std::string TrackerProcess::stdoutFrom(std::size_t offset) const {
  std::lock_guard lock(mutex_);
  return offset < stdout_.size() ? stdout_.substr(offset) : std::string();
}

void TrackerProcess::writeStdin(const std::string& bytes) {
  [[maybe_unused]] const auto n = ::write(in_, bytes.data(), bytes.size());
}

std::uint64_t TrackerProcess::residentKb() const {
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      std::uint64_t kb = 0;
      status >> kb;
      return kb;
    }
    status.ignore(4096, '\n');
  }
  return 0;
}

}  // namespace drishti::test
