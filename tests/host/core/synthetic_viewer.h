// SyntheticViewer: a person looking at a screen, as the tracker would report it.
//
// Test helper (tests only). A simple geometric eye: each eyeball (radius
// eyeballRadiusMm) rotates to point at the target; the pupil's offset from the
// eyeball's forward position, divided by the corner-to-corner eye width, is
// what the tracker reports as normX/normY (protocol conventions: normX grows
// toward the image-right corner, which is the screen's left as the person sees
// it; normY grows downward). Head pose uses the protocol's conventions
// (yaw + = turned to image right, pitch + = up, x = image right, y down, mm;
// roll + = clockwise in the image). A rolled head turns the eye corners' frame
// with it while the eye keeps looking at the target, so the pupil's offset in
// that frame turns by minus the roll (the eyes' own few mm of travel with the
// roll are left out).
// The mapping is deliberately not a polynomial (sines and tangents, vergence,
// per-eye offsets), so fits are tested against geometry, not against themselves.
#pragma once

#include <cmath>
#include <numbers>
#include <random>

#include "firmware/protocol/messages.h"
#include "host/core/calibration_geometry.h"

namespace drishti::test {

struct ViewerHead {
  double yawDeg = 0, pitchDeg = 0, xMm = 0, yMm = 0, zMm = 0;
  double rollDeg = 0;
};

struct SyntheticViewer {
  host::CalibrationGeometry geometry;
  double eyeballRadiusMm = 12;
  double eyeWidthMm = 30;
  double interocularMm = 63;
  double noiseNorm = 0;  // Gaussian noise on normX/normY, 1 sigma, in eye widths
  std::mt19937 rng{12345};

  // The sample the tracker would send while the person looks at screen point (x, y) px.
  protocol::EyeSample look(double x, double y, const ViewerHead& head = {}) {
    protocol::EyeSample s;
    s.state = protocol::TrackingState::kTracking;
    s.imageWidth = 1280;
    s.imageHeight = 720;
    const double deg = std::numbers::pi / 180;
    const double tx = (x - 0.5 * geometry.widthPx) / geometry.pxPerMmX();
    const double ty = (y - 0.5 * geometry.heightPx) / geometry.pxPerMmY();
    // World: X right on the screen as the person sees it, Y down, Z toward the person.
    const double hx = -head.xMm, hy = head.yMm, hz = geometry.distanceMm + head.zMm;
    const double headTurnRight = -head.yawDeg * deg;  // toward screen right
    const double headTurnDown = -head.pitchDeg * deg;
    std::normal_distribution<double> noise(0.0, 1.0);
    for (int e = 0; e < 2; ++e) {
      // Image-left eye (index 0) is the person's right eye: screen-right side.
      const double side = e == 0 ? 0.5 : -0.5;
      const double ex = hx + side * interocularMm * std::cos(headTurnRight);
      const double ez = hz - side * interocularMm * std::sin(headTurnRight);
      const double gx = tx - ex, gy = ty - hy, gz = -ez;
      const double lookRight = std::atan2(gx, -gz) - headTurnRight;
      const double lookDown = std::atan2(gy, std::hypot(gx, gz)) - headTurnDown;
      const double r = eyeballRadiusMm / eyeWidthMm;
      protocol::EyeMeasurement& m = s.eyes[static_cast<std::size_t>(e)];
      m.valid = true;
      // The pupil's offset as the image shows it, then in the rolled corner frame.
      const double ox = -r * std::sin(lookRight), oy = r * std::sin(lookDown) * std::cos(lookRight);
      const double c = std::cos(head.rollDeg * deg), sn = std::sin(head.rollDeg * deg);
      m.normX = static_cast<float>(0.5 + (e == 0 ? -0.02 : 0.03) + c * ox + sn * oy +
                                   noiseNorm * noise(rng));
      m.normY =
          static_cast<float>((e == 0 ? 0.04 : 0.02) - sn * ox + c * oy + noiseNorm * noise(rng));
      m.openness = 1;
      m.confidence = 0.9f;
      m.pupilX = static_cast<float>(e == 0 ? 560 : 700);
      m.pupilY = 330;
    }
    s.head.valid = true;
    s.head.yawDeg = static_cast<float>(head.yawDeg);
    s.head.pitchDeg = static_cast<float>(head.pitchDeg);
    s.head.rollDeg = static_cast<float>(head.rollDeg);
    s.head.xMm = static_cast<float>(head.xMm);
    s.head.yMm = static_cast<float>(head.yMm);
    s.head.zMm = static_cast<float>(head.zMm);
    s.head.confidence = 0.9f;
    s.face = {480, 200, 320, 320, 0.9f};
    return s;
  }
};

}  // namespace drishti::test
