// ThermalSensor: the board temperature from Linux's thermal sysfs.
//
// Represents: one thermal zone's `temp` file (millidegrees Celsius). With
// "auto", the zone whose `type` names the CPU/SoC (cpu-thermal on a Pi,
// x86_pkg_temp on a laptop) is chosen, else the first zone; "none" disables
// it; a path chooses that zone directory. A machine without thermal zones (a
// VM, a container) simply has no temperature: read() says so.
// Ensures: read() opens, reads and closes one small file with no allocation.
// Thread safety: read() is reentrant once constructed.
#pragma once

#include <optional>
#include <string>

namespace drishti::io {

class ThermalSensor {
 public:
  // `zone`: "auto", "none" or a zone directory; `root` is /sys/class/thermal
  // (tests pass a fake tree).
  explicit ThermalSensor(const std::string& zone, const std::string& root = "/sys/class/thermal");

  bool available() const { return !tempFile_.empty(); }
  // Degrees Celsius, or nullopt if unreadable now.
  std::optional<float> read() const;
  // The chosen zone, for the start-up line ("thermal_zone0 (cpu-thermal)").
  const std::string& description() const { return description_; }

 private:
  std::string tempFile_;
  std::string description_;
};

}  // namespace drishti::io
