#include "host/core/calibration_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace drishti::host {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "calibration-";
constexpr std::string_view kExtension = ".cal";

std::string errnoText(const std::string& what, const fs::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

bool isSafe(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// The number of a "calibration-NNNNNN.cal" file name, or -1.
long fileNumber(const std::string& name) {
  if (name.size() <= kPrefix.size() + kExtension.size() || name.rfind(kPrefix, 0) != 0 ||
      name.substr(name.size() - kExtension.size()) != kExtension)
    return -1;
  const std::string digits =
      name.substr(kPrefix.size(), name.size() - kPrefix.size() - kExtension.size());
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return -1;
  return std::stol(digits);
}

std::optional<std::string> readAll(const fs::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path.string();
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    error = "cannot read " + path.string();
    return std::nullopt;
  }
  return ss.str();
}

}  // namespace

std::string encodeProfileDir(std::string_view profile) {
  std::string out;
  for (char ch : profile) {
    const auto c = static_cast<unsigned char>(ch);
    if (isSafe(c)) {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::optional<std::string> decodeProfileDir(std::string_view dir) {
  std::string out;
  for (std::size_t i = 0; i < dir.size(); ++i) {
    const auto c = static_cast<unsigned char>(dir[i]);
    if (isSafe(c)) {
      out += dir[i];
      continue;
    }
    if (c != '%' || i + 2 >= dir.size())
      return std::nullopt;
    unsigned v = 0;
    for (std::size_t k = 1; k <= 2; ++k) {
      const char h = dir[i + k];
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= static_cast<unsigned>(h - '0');
      else if (h >= 'A' && h <= 'F')
        v |= static_cast<unsigned>(h - 'A' + 10);
      else
        return std::nullopt;
    }
    if (isSafe(static_cast<unsigned char>(v)))
      return std::nullopt;  // never produced by encodeProfileDir
    out += static_cast<char>(v);
    i += 2;
  }
  if (out.empty())
    return std::nullopt;
  return out;
}

std::string writeCalibrationFileAtomically(const fs::path& path, std::string_view data) {
  std::error_code ec;
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  fs::create_directories(dir, ec);
  if (ec)
    return "cannot create " + dir.string() + ": " + ec.message();
  std::string tmpName = ".";
  tmpName += path.filename().string();
  tmpName += ".tmp.";
  tmpName += std::to_string(::getpid());
  const fs::path tmp = dir / tmpName;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return errnoText("cannot create", tmp);
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      const std::string err = errnoText("cannot write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return err;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const std::string err = errnoText("cannot flush", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return err;
  }
  if (::close(fd) != 0) {
    const std::string err = errnoText("cannot close", tmp);
    ::unlink(tmp.c_str());
    return err;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string err = errnoText("cannot rename into", path);
    ::unlink(tmp.c_str());
    return err;
  }
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);  // makes the rename itself durable
    ::close(dfd);
  }
  return {};
}

CalibrationStore::CalibrationStore(fs::path root, int keep)
    : root_(std::move(root)), keep_(std::max(1, keep)) {}

fs::path CalibrationStore::profileDir(std::string_view profile) const {
  return root_ / encodeProfileDir(profile);
}

std::vector<fs::path> CalibrationStore::history(std::string_view profile) const {
  std::vector<std::pair<long, fs::path>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(profileDir(profile), ec)) {
    const long n = fileNumber(entry.path().filename().string());
    if (n >= 0 && entry.is_regular_file(ec))
      found.emplace_back(n, entry.path());
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<fs::path> out;
  for (auto& f : found)
    out.push_back(std::move(f.second));
  return out;
}

std::vector<std::string> CalibrationStore::profiles() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    if (!entry.is_directory(ec))
      continue;
    if (auto name = decodeProfileDir(entry.path().filename().string()))
      out.push_back(*name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string CalibrationStore::save(const CalibrationRecord& record, std::string_view reportSvg,
                                   fs::path* savedPath) {
  if (record.profile.empty())
    return "a calibration needs a profile name";
  const std::vector<fs::path> old = history(record.profile);
  const long next = old.empty() ? 1 : fileNumber(old.front().filename().string()) + 1;
  char name[64];
  std::snprintf(name, sizeof name, "%s%06ld", std::string(kPrefix).c_str(), next);
  const fs::path dir = profileDir(record.profile);
  const fs::path calPath = dir / (std::string(name) + std::string(kExtension));
  // The picture first: a calibration file never exists without its report.
  if (!reportSvg.empty()) {
    const std::string err =
        writeCalibrationFileAtomically(dir / (std::string(name) + ".svg"), reportSvg);
    if (!err.empty())
      return err;
  }
  const std::string text = formatCalibration(record);
  std::string err = writeCalibrationFileAtomically(calPath, text);
  if (!err.empty())
    return err;
  std::string readError;
  const std::optional<std::string> back = readAll(calPath, readError);
  std::vector<CalibrationProblem> problems;
  if (!back || *back != text || !parseCalibration(*back, calPath.string(), problems))
    return "the calibration written to " + calPath.string() + " does not read back correctly";
  if (savedPath)
    *savedPath = calPath;
  // Only now, with a good newest file, may the oldest go.
  std::vector<fs::path> all = history(record.profile);
  for (std::size_t i = static_cast<std::size_t>(keep_); i < all.size(); ++i) {
    std::error_code ec;
    fs::remove(all[i], ec);
    fs::path svg = all[i];
    svg.replace_extension(".svg");
    fs::remove(svg, ec);
  }
  return {};
}

std::string calibrationLoadNotice(const LoadedCalibration& loaded) {
  if (loaded.problems.empty())
    return {};
  const bool newer = std::any_of(loaded.problems.begin(), loaded.problems.end(),
                                 [](const CalibrationProblem& p) { return p.newerVersion; });
  const std::string why = newer ? "was written by a newer drishti" : "is damaged";
  if (loaded.record)
    return "The newest calibration of this profile " + why +
           " and was not used; the last good one" +
           (loaded.record->created.empty() ? std::string()
                                           : " (made " + loaded.record->created + ")") +
           " is in use.";
  return "The calibration of this profile " + why +
         " and cannot be used: no calibration, please calibrate (F9).";
}

LoadedCalibration CalibrationStore::loadLatest(std::string_view profile) const {
  LoadedCalibration out;
  bool first = true;
  for (const fs::path& path : history(profile)) {
    std::string error;
    const std::optional<std::string> text = readAll(path, error);
    std::vector<CalibrationProblem> problems;
    std::optional<CalibrationRecord> rec;
    if (text)
      rec = parseCalibration(*text, path.string(), problems, &out.warnings);
    else
      problems.push_back({path.string(), 0, error});
    if (rec) {
      out.record = std::move(rec);
      out.path = path;
      out.fellBack = !first;
      return out;
    }
    out.problems.insert(out.problems.end(), problems.begin(), problems.end());
    first = false;
  }
  return out;
}

}  // namespace drishti::host
