#include "tests/generator/plan_script.h"

#include <cstdlib>
#include <sstream>

namespace drishti::gen {
namespace {

bool number(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size();
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, ',');)
    out.push_back(f);
  return out;
}

}  // namespace

bool planScript(std::string_view planCsv, std::string_view planName, std::string_view thenCsv,
                std::string_view thenName, double delayMs, double centreX, double centreY,
                std::vector<PlannedTarget>& out, std::string& error) {
  out.clear();
  if (delayMs > 0)
    out.push_back({centreX, centreY, delayMs});
  std::istringstream plan{std::string(planCsv)};
  std::string line;
  int lineNo = 0;
  double lastT = -1;
  bool any = false;
  while (std::getline(plan, line)) {
    ++lineNo;
    if (lineNo == 1) {
      if (line != "t_ms,x_px,y_px,phase") {
        error = std::string(planName) + ":1: not a calibration plan (expected the header " +
                "t_ms,x_px,y_px,phase, from drishti --calibration-plan)";
        return false;
      }
      continue;
    }
    if (line.empty())
      continue;
    const std::vector<std::string> f = fields(line);
    double t = 0, x = 0, y = 0;
    if (f.size() != 4 || !number(f[0], t) || !number(f[1], x) || !number(f[2], y)) {
      error = std::string(planName) + ":" + std::to_string(lineNo) +
              ": expected t_ms,x_px,y_px,phase with numbers";
      return false;
    }
    if (t < lastT) {
      error = std::string(planName) + ":" + std::to_string(lineNo) + ": time goes backwards";
      return false;
    }
    if (any)
      out.back().durationMs = t - lastT;  // the previous point lasts until this row
    out.push_back({x, y, 0});
    lastT = t;
    any = true;
  }
  if (!any) {
    error = std::string(planName) + ": no rows";
    return false;
  }
  out.back().durationMs = 500;  // the last row ("board"): a moment at its point
  std::istringstream then{std::string(thenCsv)};
  lineNo = 0;
  while (std::getline(then, line)) {
    ++lineNo;
    if (line.empty() || line[0] == '#')
      continue;
    const std::vector<std::string> f = fields(line);
    double x = 0, y = 0, ms = 0, closed = 0;
    const bool numbers = (f.size() == 3 || f.size() == 4) && number(f[0], x) && number(f[1], y) &&
                         number(f[2], ms) && (f.size() == 3 || number(f[3], closed));
    if (!numbers || ms <= 0 || closed < 0) {
      if (lineNo == 1 && f.size() >= 3 && !number(f[0], x))
        continue;  // a header
      error = std::string(thenName) + ":" + std::to_string(lineNo) +
              ": expected x_px,y_px,duration_ms[,closed_ms] (duration above 0, closed_ms 0 or "
              "more)";
      return false;
    }
    if (closed > 0 && closed + kLidMovesMs > ms) {
      error = std::string(thenName) + ":" + std::to_string(lineNo) + ": the eyes closed for " +
              f[3] + " ms need a row of at least " + std::to_string(int(closed + kLidMovesMs)) +
              " ms (the lids take " + std::to_string(int(kLidMovesMs)) + " ms to close and open)";
      return false;
    }
    out.push_back({x, y, ms, closed});
  }
  // Zero-length steps (rows at the same time) are dropped.
  std::erase_if(out, [](const PlannedTarget& p) { return p.durationMs <= 0; });
  return true;
}

}  // namespace drishti::gen
