#include "host/speech/voice_library.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace drishti::speech {
namespace {

constexpr const char* kExtension = ".voice";

bool readText(const std::filesystem::path& file, std::string& text) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream all;
  all << in.rdbuf();
  text = all.str();
  return !in.bad();
}

// Write to a temporary file, fsync, rename: a power cut leaves the old copy or
// the new one, never half of one.
bool writeAtomically(const std::filesystem::path& file, const std::string& text,
                     std::string& error) {
  const std::filesystem::path tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      error = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(tmp.c_str(), file.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace

VoiceLibrary::VoiceLibrary(std::filesystem::path lastGoodDir)
    : lastGoodDir_(std::move(lastGoodDir)) {}

int VoiceLibrary::load(const std::filesystem::path& dir, const VoiceCheck& check,
                       std::vector<std::string>& messages) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == kExtension)
      files.push_back(entry.path());
  }
  if (ec) {
    messages.push_back(dir.string() + ": cannot read the voices folder (" + ec.message() +
                       "); using the voices already loaded or eSpeak NG's defaults");
    return 0;
  }
  std::sort(files.begin(), files.end());
  int used = 0;
  for (const auto& file : files)
    used += loadFile(file, check, messages) ? 1 : 0;
  return used;
}

bool VoiceLibrary::loadFile(const std::filesystem::path& file, const VoiceCheck& check,
                            std::vector<std::string>& messages) {
  const std::string language = file.stem().string();
  std::string text;
  if (!readText(file, text)) {
    messages.push_back(file.string() + ": cannot be read");
    useLastGood(language, file, check, messages);
    return false;
  }
  VoiceParseResult parsed = parseVoiceProfile(text, file.string(), language);
  if (parsed.profile && check) {
    if (const std::string problem = check(*parsed.profile); !problem.empty()) {
      messages.push_back(file.string() + ":" + std::to_string(parsed.espeakVoiceLine) + ": " +
                         problem);
      parsed.profile.reset();
    }
  }
  if (!parsed.profile) {
    for (const VoiceParseError& e : parsed.errors)
      messages.push_back(e.message);
    useLastGood(language, file, check, messages);
    return false;
  }
  profiles_[language] = std::move(*parsed.profile);
  saveLastGood(language, text, messages);
  return true;
}

bool VoiceLibrary::useLastGood(const std::string& language, const std::filesystem::path& file,
                               const VoiceCheck& check, std::vector<std::string>& messages) {
  if (profiles_.contains(language)) {
    messages.push_back(file.string() + ": not used; keeping the version loaded before");
    return true;
  }
  if (!lastGoodDir_.empty()) {
    const std::filesystem::path copy = lastGoodDir_ / (language + kExtension);
    std::string text;
    if (readText(copy, text)) {
      VoiceParseResult parsed = parseVoiceProfile(text, copy.string(), language);
      if (parsed.profile && (!check || check(*parsed.profile).empty())) {
        profiles_[language] = std::move(*parsed.profile);
        messages.push_back(file.string() + ": not used; using the last good version, saved in " +
                           copy.string());
        return true;
      }
    }
  }
  profiles_[language] = defaultVoiceProfile(language);
  messages.push_back(file.string() + ": not used, and no good version was saved before; using " +
                     "eSpeak NG's default voice '" + profiles_[language].espeakVoice + "'");
  return false;
}

void VoiceLibrary::saveLastGood(const std::string& language, const std::string& text,
                                std::vector<std::string>& messages) const {
  if (lastGoodDir_.empty())
    return;
  const std::filesystem::path copy = lastGoodDir_ / (language + kExtension);
  std::string existing;
  if (readText(copy, existing) && existing == text)
    return;
  std::error_code ec;
  std::filesystem::create_directories(lastGoodDir_, ec);
  std::string error;
  if (ec || !writeAtomically(copy, text, error)) {
    messages.push_back(copy.string() + ": cannot keep a copy of the good voice file (" +
                       (ec ? ec.message() : error) + ")");
  }
}

VoiceProfile VoiceLibrary::profileFor(std::string_view language) const {
  const auto it = profiles_.find(language);
  return it != profiles_.end() ? it->second : defaultVoiceProfile(language);
}

std::vector<std::string> VoiceLibrary::languages() const {
  std::vector<std::string> out;
  for (const auto& [language, profile] : profiles_)
    out.push_back(language);
  return out;
}

}  // namespace drishti::speech
