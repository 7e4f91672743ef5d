#include "firmware/io/thermal_sensor.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace drishti::io {
namespace {

namespace fs = std::filesystem;

std::string firstLine(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

ThermalSensor::ThermalSensor(const std::string& zone, const std::string& root) {
  if (zone == "none")
    return;
  std::error_code ec;
  if (zone != "auto") {
    if (fs::exists(fs::path(zone) / "temp", ec)) {
      tempFile_ = (fs::path(zone) / "temp").string();
      description_ =
          fs::path(zone).filename().string() + " (" + firstLine(fs::path(zone) / "type") + ")";
    }
    return;
  }
  std::vector<fs::path> zones;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.path().filename().string().rfind("thermal_zone", 0) == 0 &&
        fs::exists(entry.path() / "temp", ec))
      zones.push_back(entry.path());
  }
  if (zones.empty())
    return;
  std::sort(zones.begin(), zones.end());
  const fs::path* chosen = &zones.front();
  for (const fs::path& z : zones) {
    const std::string type = firstLine(z / "type");
    if (type == "cpu-thermal" || type == "x86_pkg_temp" || type == "soc_thermal" ||
        type == "cpu_thermal") {
      chosen = &z;
      break;
    }
  }
  tempFile_ = (*chosen / "temp").string();
  description_ = chosen->filename().string() + " (" + firstLine(*chosen / "type") + ")";
}

std::optional<float> ThermalSensor::read() const {
  if (tempFile_.empty())
    return std::nullopt;
  const int fd = ::open(tempFile_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return std::nullopt;
  char text[32];
  const ssize_t n = ::read(fd, text, sizeof text - 1);
  ::close(fd);
  if (n <= 0)
    return std::nullopt;
  text[n] = '\0';
  char* end = nullptr;
  const long milli = std::strtol(text, &end, 10);
  if (end == text || milli < -100'000 || milli > 200'000)
    return std::nullopt;  // not a plausible temperature
  return static_cast<float>(milli) / 1000.0f;
}

}  // namespace drishti::io
