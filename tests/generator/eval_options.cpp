#include "tests/generator/eval_options.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace drishti::gen {

const char* evalUsage() {
  return "Options:\n"
         "  --photo PATH       face photo (relative paths are also tried under $DRISHTI_DATA),\n"
         "                     e.g. faces/stills/obama-720p.jpg\n"
         "  --out PATH         video to write: .mkv (FFV1, lossless) or .avi (MJPG), or a folder\n"
         "                     for PNG frames (drishti-gazegen)\n"
         "  --truth PATH       truth CSV (default: the output path + .csv)\n"
         "  --screen W H WMM HMM DMM  screen px, size mm and viewing distance mm\n"
         "                     (default 1920 1080 527 296 600)\n"
         "  --pattern 5|9|13   calibration pattern (default 9)\n"
         "  --sessions N       calibration sessions per row (drishti-calib-eval, default 20)\n"
         "  --seconds S        video length (default: the whole script)\n"
         "  --fps F            frame rate (default 30)\n"
         "  --dwell MS         time per target in a video (default 2000)\n"
         "  --sensor-noise G   sensor noise, grey levels (default 3)\n"
         "  --head-sway MM     head sway amplitude (default 2)\n"
         "  --head-roll-deg D  in-plane head roll sway amplitude, degrees (default 0)\n"
         "  --no-blinks        no random blinks\n"
         "  --lid-follow U L   lid margins' motion per px of the iris's vertical motion,\n"
         "                     upper and lower (default 1 0.25; 0 0 = lids still)\n"
         "  --light-change T GAIN GRADIENT  from T seconds on, the light's gain times GAIN\n"
         "                     (0.1..10) and a left-right gradient across the face: gain\n"
         "                     1-GRADIENT one eye distance left of the eyes' midpoint,\n"
         "                     1+GRADIENT one to its right (-0.9..0.9; 0.2 = a lamp to\n"
         "                     the image's right, 20%) (drishti-gazegen)\n"
         "  --seed N           random seed (default 1)\n"
         "  --quick            one row / a short run\n"
         "  --plan FILE        follow the target schedule printed by\n"
         "                     `drishti --calibration-plan N --screen WxH` (drishti-gazegen)\n"
         "  --then FILE        after the plan, look at x_px,y_px for duration_ms, one per line\n"
         "  --plan-delay MS    the plan starts MS into the video (eyes on the centre before)\n"
         "  --fixed-schedule   calibrate on the fixed schedule of drishti --follow-sample-clock\n"
         "                     (drishti-calib-eval)\n";
}

bool parseEvalOptions(int argc, char** argv, EvalOptions& opt, std::string& error) {
  auto number = [&](int& i, double& out) {
    if (i + 1 >= argc) {
      error = std::string(argv[i]) + " needs a value";
      return false;
    }
    char* end = nullptr;
    out = std::strtod(argv[++i], &end);
    if (end == argv[i] || *end != '\0') {
      error = std::string(argv[i - 1]) + ": '" + argv[i] + "' is not a number";
      return false;
    }
    return true;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    double v = 0;
    if (a == "--help" || a == "-h") {
      error.clear();
      return false;
    } else if (a == "--photo" || a == "--out" || a == "--truth" || a == "--plan" || a == "--then") {
      if (i + 1 >= argc) {
        error = a + " needs a value";
        return false;
      }
      (a == "--photo"  ? opt.photo
       : a == "--out"  ? opt.out
       : a == "--plan" ? opt.plan
       : a == "--then" ? opt.then
                       : opt.truth) = argv[++i];
    } else if (a == "--plan-delay") {
      if (!number(i, v) || v < 0) {
        error = error.empty() ? "--plan-delay must be 0 or more ms" : error;
        return false;
      }
      opt.planDelayMs = v;
    } else if (a == "--screen") {
      double w, h, wm, hm, d;
      if (!number(i, w) || !number(i, h) || !number(i, wm) || !number(i, hm) || !number(i, d))
        return false;
      opt.screen = {static_cast<int>(w), static_cast<int>(h), wm, hm, d};
      if (!opt.screen.valid()) {
        error = "--screen: sizes must be positive and the distance at least 100 mm";
        return false;
      }
    } else if (a == "--pattern") {
      if (!number(i, v))
        return false;
      opt.pattern = static_cast<int>(v);
      if (opt.pattern != 5 && opt.pattern != 9 && opt.pattern != 13) {
        error = "--pattern must be 5, 9 or 13";
        return false;
      }
    } else if (a == "--sessions") {
      if (!number(i, v) || v < 1) {
        error = error.empty() ? "--sessions must be at least 1" : error;
        return false;
      }
      opt.sessions = static_cast<int>(v);
    } else if (a == "--seconds") {
      if (!number(i, opt.seconds))
        return false;
    } else if (a == "--fps") {
      if (!number(i, opt.fps) || opt.fps < 1 || opt.fps > 1000) {
        error = error.empty() ? "--fps must be 1..1000" : error;
        return false;
      }
    } else if (a == "--dwell") {
      if (!number(i, opt.dwellMs))
        return false;
    } else if (a == "--sensor-noise") {
      if (!number(i, opt.sensorNoise))
        return false;
    } else if (a == "--head-sway") {
      if (!number(i, opt.headSwayMm))
        return false;
    } else if (a == "--head-roll-deg") {
      if (!number(i, opt.headRollDeg) || std::abs(opt.headRollDeg) > 30) {
        error = error.empty() ? "--head-roll-deg must be -30..30" : error;
        return false;
      }
    } else if (a == "--lid-follow") {
      if (!number(i, opt.lidFollowUpper) || !number(i, opt.lidFollowLower))
        return false;
    } else if (a == "--light-change") {
      if (!number(i, opt.lightChangeS) || !number(i, opt.lightChangeGain) ||
          !number(i, opt.lightChangeGradient))
        return false;
      if (!(opt.lightChangeS >= 0) || !(opt.lightChangeGain >= 0.1 && opt.lightChangeGain <= 10) ||
          !(std::abs(opt.lightChangeGradient) <= 0.9)) {
        error = "--light-change: T must be 0 or more seconds, GAIN 0.1..10, GRADIENT -0.9..0.9";
        return false;
      }
    } else if (a == "--seed") {
      if (!number(i, v))
        return false;
      opt.seed = static_cast<std::uint64_t>(v);
    } else if (a == "--fixed-schedule") {
      opt.fixedSchedule = true;
    } else if (a == "--no-blinks") {
      opt.blinks = false;
    } else if (a == "--quick") {
      opt.quick = true;
    } else {
      error = "unknown option '" + a + "'";
      return false;
    }
  }
  return true;
}

std::string resolvePhoto(const std::string& photo) {
  namespace fs = std::filesystem;
  if (fs::exists(photo))
    return photo;
  const char* data = std::getenv("DRISHTI_DATA");
  if (data && *data && fs::exists(fs::path(data) / photo))
    return (fs::path(data) / photo).string();
  return {};
}

}  // namespace drishti::gen
