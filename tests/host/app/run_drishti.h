// Runs the real drishti binary for end-to-end tests: arguments, environment,
// stdout and stderr captured to files, a timeout, kill -9.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace drishti::app::test {

inline std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

class DrishtiProcess {
 public:
  // Starts DRISHTI_APP_BINARY with `args`; output goes to dir/stdout.txt and dir/stderr.txt.
  DrishtiProcess(const std::vector<std::string>& args, const std::filesystem::path& dir,
                 const std::vector<std::string>& extraEnv = {})
      : out_(dir / "stdout.txt"), err_(dir / "stderr.txt") {
    std::vector<std::string> argStore{DRISHTI_APP_BINARY};
    argStore.insert(argStore.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argStore)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    // Headless unless a test says otherwise; a test's settings replace the
    // inherited ones (getenv takes the first of two).
    std::vector<std::string> settings{"SDL_VIDEODRIVER=offscreen", "SDL_AUDIODRIVER=dummy"};
    settings.insert(settings.end(), extraEnv.begin(), extraEnv.end());
    std::vector<std::string> envStore;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string var(*e);
      const std::string name = var.substr(0, var.find('=') + 1);
      bool replaced = false;
      for (const std::string& s : settings)
        replaced = replaced || s.starts_with(name);
      if (!replaced)
        envStore.push_back(var);
    }
    for (const std::string& s : settings) {
      const std::string name = s.substr(0, s.find('=') + 1);
      std::erase_if(envStore, [&](const std::string& v) { return v.starts_with(name); });
      envStore.push_back(s);
    }
    std::vector<char*> envp;
    for (auto& e : envStore)
      envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(posix_spawn(&pid_, argStore[0].c_str(), &fa, nullptr, argv.data(), envp.data()) == 0);
    posix_spawn_file_actions_destroy(&fa);
  }
  ~DrishtiProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  // Exit code, or -1 on timeout (the process is then killed), or 128+signal.
  int wait(std::chrono::seconds timeout = std::chrono::seconds(60)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

  void kill9() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  pid_t pid() const { return pid_; }
  std::string out() const { return readText(out_); }
  // Waits until the program's stderr (its log) holds `text`; false at the timeout.
  bool waitForStderr(const std::string& text, std::chrono::milliseconds timeout) const {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
      if (err().find(text) != std::string::npos)
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  std::string err() const { return readText(err_); }

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_, err_;
};

// Runs drishti to the end; returns the exit code.
inline int runDrishti(const std::vector<std::string>& args, const std::filesystem::path& dir,
                      std::string* err = nullptr, std::string* out = nullptr,
                      const std::vector<std::string>& extraEnv = {}) {
  DrishtiProcess p(args, dir, extraEnv);
  const int code = p.wait();
  if (err != nullptr)
    *err = p.err();
  if (out != nullptr)
    *out = p.out();
  return code;
}

}  // namespace drishti::app::test
