// drishti-gazegen: renders a face photo looking at known screen points.
//
//   drishti-gazegen --photo faces/stills/obama-720p.jpg --out gaze.mkv
// writes gaze.mkv (FFV1, lossless) and gaze.mkv.csv (truth, see truth_csv.h),
// and reports the rendering speed. See tests/generator/README.md.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "tests/generator/eval_options.h"
#include "tests/generator/gaze_video.h"
#include "tests/generator/plan_script.h"

using namespace drishti;

int main(int argc, char** argv) {
  gen::EvalOptions opt;
  std::string error;
  if (!gen::parseEvalOptions(argc, argv, opt, error) || opt.photo.empty() || opt.out.empty()) {
    if (error.empty() && (opt.photo.empty() || opt.out.empty()) && argc > 1)
      error = "--photo and --out are needed";
    std::fprintf(error.empty() ? stdout : stderr,
                 "%s%sUsage: drishti-gazegen --photo PATH --out PATH [options]\n%s",
                 error.empty() ? "" : "drishti-gazegen: ",
                 error.empty() ? "" : (error + "\n").c_str(), gen::evalUsage());
    return error.empty() ? 0 : 2;
  }
  const std::string path = gen::resolvePhoto(opt.photo);
  if (path.empty()) {
    std::fprintf(stderr, "drishti-gazegen: cannot find the photo '%s' (nor under $DRISHTI_DATA)\n",
                 opt.photo.c_str());
    return 1;
  }
  const std::string model = gen::FacePhoto::findLandmarkModel(error);
  const auto photo = model.empty() ? std::nullopt : gen::FacePhoto::load(path, model, error);
  if (!photo) {
    std::fprintf(stderr, "drishti-gazegen: %s\n", error.c_str());
    return 1;
  }
  gen::SceneParams scene;
  scene.screen = opt.screen;
  scene.fps = opt.fps;
  scene.seed = opt.seed;
  scene.headSwayMm = opt.headSwayMm;
  scene.headRollDeg = opt.headRollDeg;
  scene.blinkIntervalMs = opt.blinks ? 4000 : 0;
  gen::RenderParams render;
  render.sensorNoise = opt.sensorNoise;
  render.seed = opt.seed + 1;
  render.lidFollowUpper = opt.lidFollowUpper;
  render.lidFollowLower = opt.lidFollowLower;
  render.lightChangeMs = opt.lightChangeS < 0 ? -1.0 : 1000.0 * opt.lightChangeS;
  render.lightChangeGain = opt.lightChangeGain;
  render.lightChangeGradient = opt.lightChangeGradient;
  auto script =
      gen::makeScript(opt.pattern, opt.screen, opt.dwellMs, opt.seconds * 1000.0, opt.seed);
  if (!opt.plan.empty()) {
    // The host's schedule (drishti --calibration-plan), then --then rows.
    const auto readAll = [](const std::string& file, std::string& text) {
      std::ifstream in(file, std::ios::binary);
      if (!in)
        return false;
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      return true;
    };
    std::string planText, thenText;
    if (!readAll(opt.plan, planText) || (!opt.then.empty() && !readAll(opt.then, thenText))) {
      std::fprintf(stderr, "drishti-gazegen: cannot read %s\n",
                   (planText.empty() ? opt.plan : opt.then).c_str());
      return 1;
    }
    std::vector<gen::PlannedTarget> planned;
    if (!gen::planScript(planText, opt.plan, thenText, opt.then, opt.planDelayMs,
                         0.5 * opt.screen.widthPx, 0.5 * opt.screen.heightPx, planned, error)) {
      std::fprintf(stderr, "drishti-gazegen: %s\n", error.c_str());
      return 2;
    }
    script.clear();
    for (const gen::PlannedTarget& p : planned)
      script.push_back({p.x, p.y, p.durationMs, p.closedMs});
  }
  if (opt.seconds > 0) {  // cut the script to length
    double t = 0;
    std::size_t n = 0;
    while (n < script.size() && t < opt.seconds * 1000.0)
      t += script[n++].durationMs;
    script.resize(n);
    script.back().durationMs -= t - opt.seconds * 1000.0;
  }
  gen::GazeVideo video(*photo, scene, render, script);
  gen::VideoSink sink;
  if (!sink.open(opt.out, opt.fps, photo->image().size(), error)) {
    std::fprintf(stderr, "drishti-gazegen: %s\n", error.c_str());
    return 1;
  }
  const std::string truthPath = opt.truth.empty() ? opt.out + ".csv" : opt.truth;
  std::ofstream csv(truthPath);
  if (!csv) {
    std::fprintf(stderr, "drishti-gazegen: cannot write %s\n", truthPath.c_str());
    return 1;
  }
  csv << gen::truthCsvHeader();
  cv::Mat frame;
  gen::TruthRow row;
  int n = 0;
  double renderS = 0;
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!video.next(frame, row))
      break;
    renderS += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sink.write(frame);
    csv << gen::truthCsvRow(row);
    ++n;
  }
  sink.close();
  csv.close();
  const double totalS =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& g = photo->geometry();
  std::printf("drishti-gazegen: %d frames %dx%d (%.1f s of video at %.0f fps) -> %s, truth %s\n", n,
              frame.cols, frame.rows, n / opt.fps, opt.fps, opt.out.c_str(), truthPath.c_str());
  std::printf("face: eyes %.1f px apart (%.2f px/mm), iris radius %.1f px\n",
              std::hypot(g.eyes[1].iris.x - g.eyes[0].iris.x, g.eyes[1].iris.y - g.eyes[0].iris.y),
              g.pxPerMm, g.eyes[0].irisRadiusPx);
  std::printf(
      "speed: rendering %.1f frames/s (%.2f ms/frame); with encoding and truth %.1f frames/s\n",
      n / renderS, 1000 * renderS / n, n / totalS);
  return 0;
}
