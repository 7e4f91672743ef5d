#include "host/core/calibration_report_svg.h"

#include <algorithm>
#include <cstdio>

namespace drishti::host {

namespace {

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t')
          out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string calibrationReportSvg(const CalibrationReport& report, std::string_view title,
                                 const CalibrationSvgOptions& options) {
  const CalibrationGeometry& g = report.geometry;
  const double w = std::max(100.0, options.widthPx);
  const double scale = w / std::max(1, g.widthPx);
  const double h = g.heightPx * scale;
  const double lineH = 18;
  const double textTop = h + 24;
  const double totalH = textTop + lineH * (4 + static_cast<double>(report.advice.size())) + 10;
  const double ring = g.pxPerDegree() * scale * options.errorScale;  // 1 degree, as drawn
  const char* calColour = "#1f5fbf";
  const char* valColour = "#d9731a";

  std::string s;
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(w) + "\" height=\"" +
       num(totalH) + "\" viewBox=\"0 0 " + num(w) + " " + num(totalH) +
       "\" font-family=\"sans-serif\" font-size=\"13\">\n";
  s += "<title>" + escape(title) + "</title>\n";
  s += "<rect x=\"0\" y=\"0\" width=\"" + num(w) + "\" height=\"" + num(totalH) +
       "\" fill=\"white\"/>\n";
  s += "<rect x=\"0.5\" y=\"0.5\" width=\"" + num(w - 1) + "\" height=\"" + num(h - 1) +
       "\" fill=\"#f4f4f4\" stroke=\"#444\"/>\n";

  for (const CalibrationReportPoint& p : report.points) {
    const bool cal = p.kind == ReportPointKind::kCalibration;
    const char* colour = !p.measured || p.rejected ? "#888888" : (cal ? calColour : valColour);
    const double tx = p.targetX * scale, ty = p.targetY * scale;
    s += "<g>\n<title>" +
         escape(std::string(cal ? "calibration " : "validation ") + std::to_string(p.index + 1) +
                " (" + p.name + ")") +
         "</title>\n";
    s += "<circle cx=\"" + num(tx) + "\" cy=\"" + num(ty) + "\" r=\"" + num(ring) +
         "\" fill=\"none\" stroke=\"" + colour + "\" stroke-dasharray=\"3 2\"/>\n";
    s += "<path d=\"M" + num(tx - 5) + " " + num(ty) + "h10M" + num(tx) + " " + num(ty - 5) +
         "v10\" stroke=\"" + colour + "\" stroke-width=\"1.5\"/>\n";
    if (!p.measured) {
      s += "<path d=\"M" + num(tx - 9) + " " + num(ty - 9) + "l18 18M" + num(tx + 9) + " " +
           num(ty - 9) + "l-18 18\" stroke=\"#c00\" stroke-width=\"2\"/>\n";
    } else {
      const double ex = tx + (p.estimateX - p.targetX) * scale * options.errorScale;
      const double ey = ty + (p.estimateY - p.targetY) * scale * options.errorScale;
      s += "<line x1=\"" + num(tx) + "\" y1=\"" + num(ty) + "\" x2=\"" + num(ex) + "\" y2=\"" +
           num(ey) + "\" stroke=\"" + colour + "\" stroke-width=\"1.5\"/>\n";
      s += "<circle cx=\"" + num(ex) + "\" cy=\"" + num(ey) + "\" r=\"3.5\" fill=\"" + colour +
           "\"/>\n";
    }
    char label[64];
    if (p.measured)
      std::snprintf(label, sizeof label, "%s%d %.1f\xC2\xB0", cal ? "" : "v", p.index + 1,
                    p.errorDeg);
    else
      std::snprintf(label, sizeof label, "%s%d failed", cal ? "" : "v", p.index + 1);
    s += "<text x=\"" + num(tx + ring + 3) + "\" y=\"" + num(ty - 3) + "\" fill=\"" + colour +
         "\">" + escape(label) + "</text>\n</g>\n";
  }

  const CalibrationSummary& m = report.summary;
  char line[256];
  double y = textTop;
  auto text = [&](const std::string& t, const char* weight = "normal") {
    s += "<text x=\"8\" y=\"" + num(y) + "\" font-weight=\"" + weight + "\">" + escape(t) +
         "</text>\n";
    y += lineH;
  };
  text(std::string(title) + ": calibration " + gradeName(report.grade), "bold");
  std::snprintf(line, sizeof line,
                "Validation (%d of %d points): median %.2f\xC2\xB0, 90%% under %.2f\xC2\xB0, "
                "worst %.2f\xC2\xB0. Precision %.2f\xC2\xB0.",
                m.validationMeasured, m.validationPoints, m.validationMedianDeg, m.validationP90Deg,
                m.validationMaxDeg, m.precisionDeg);
  text(line);
  std::snprintf(
      line, sizeof line,
      "Blue: calibration points, orange: validation points, grey: left out or failed. "
      "Error lines drawn %.0f\xC3\x97 longer; a dashed ring is 1\xC2\xB0 of error at that "
      "scale.",
      options.errorScale);
  text(line);
  for (const CalibrationAdvice& a : report.advice)
    text("\xE2\x80\xA2 " + a.text);
  s += "</svg>\n";
  return s;
}

}  // namespace drishti::host
