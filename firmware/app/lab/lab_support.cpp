#include "firmware/app/lab/lab_support.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace drishti::lab {

namespace fs = std::filesystem;

LabArgs::LabArgs(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0) {
      stray_.push_back(a);
      continue;
    }
    a.erase(0, 2);
    const bool hasValue = i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0;
    values_[a] = hasValue ? std::string(argv[++i]) : std::string();
  }
}

std::string LabArgs::get(const std::string& name, const std::string& fallback) const {
  const auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

bool LabArgs::getInt(const std::string& name, long lo, long hi, long& value,
                     std::string& error) const {
  if (!has(name))
    return true;
  const std::string s = get(name);
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || v < lo || v > hi) {
    error = "--" + name + " expects a whole number from " + std::to_string(lo) + " to " +
            std::to_string(hi) + ", got '" + s + "'";
    return false;
  }
  value = v;
  return true;
}

bool LabArgs::check(const std::vector<std::string>& known, std::string& error) const {
  if (!stray_.empty()) {
    error = "unexpected argument '" + stray_.front() + "'";
    return false;
  }
  for (const auto& [name, value] : values_) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      error = "unknown option --" + name;
      return false;
    }
  }
  return true;
}

namespace {

bool isImageName(const fs::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* ok :
       {".jpg", ".jpeg", ".png", ".pgm", ".ppm", ".pbm", ".bmp", ".tif", ".tiff", ".webp"})
    if (e == ok)
      return true;
  return false;
}

}  // namespace

std::optional<std::vector<std::string>> listImages(const std::string& dirOrList,
                                                   std::string& error) {
  std::error_code ec;
  std::vector<std::string> out;
  if (fs::is_directory(dirOrList, ec)) {
    for (const auto& entry : fs::directory_iterator(dirOrList, ec))
      if (isImageName(entry.path()))
        out.push_back(entry.path().string());
    if (ec) {
      error = dirOrList + ": cannot list the directory: " + ec.message();
      return std::nullopt;
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::ifstream in(dirOrList);
  if (!in) {
    error = dirOrList + ": no such directory or list file";
    return std::nullopt;
  }
  const fs::path base = fs::path(dirOrList).parent_path();
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#')
      continue;
    const fs::path p(line.substr(start));
    out.push_back(p.is_absolute() || base.empty() ? p.string() : (base / p).string());
  }
  return out;
}

std::string baseName(const std::string& path) {
  return fs::path(path).filename().string();
}

bool VideoReader::open(const std::string& path) {
  if (!cap_.open(path) || !cap_.isOpened())
    return false;
  fps_ = cap_.get(cv::CAP_PROP_FPS);
  if (!(fps_ > 0 && fps_ < 1000))
    fps_ = 30;
  return true;
}

bool VideoReader::read(cv::Mat& frame, double& tMs) {
  if (!cap_.read(frame) || frame.empty())
    return false;
  double t = cap_.get(cv::CAP_PROP_POS_MSEC);
  if (index_ > 0 && !(t > lastT_))
    t = lastT_ + 1000.0 / fps_;
  if (index_ == 0 && !(t >= 0))
    t = 0;
  lastT_ = t;
  tMs = t;
  ++index_;
  return true;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  const size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

}  // namespace drishti::lab
