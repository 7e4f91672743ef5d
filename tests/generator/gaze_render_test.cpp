#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/generator/eval_options.h"
#include "tests/generator/eye_renderer.h"
#include "tests/generator/face_photo.h"
#include "tests/generator/gaze_video.h"
#include "tests/support/test_data.h"

using namespace drishti;
using namespace drishti::gen;

namespace {

const FacePhoto& loadPhoto(const char* relative) {
  static std::map<std::string, std::optional<FacePhoto>> cache;
  auto& slot = cache[relative];
  if (!slot) {
    const auto dir = test::dataDir(relative);
    std::string error;
    const std::string model = FacePhoto::findLandmarkModel(error);
    INFO(error);
    REQUIRE_FALSE(model.empty());
    slot = FacePhoto::load((dir / relative).string(), model, error);
    INFO(error);
    REQUIRE(slot.has_value());
  }
  return *slot;
}

// No blinks, no head sway.
SceneParams stillScene() {
  SceneParams scene;
  scene.blinkIntervalMs = 0;
  scene.headSwayMm = 0;
  return scene;
}

// No sensor noise and a steady, even light: frames differ only by what is drawn.
RenderParams flatLight() {
  RenderParams render;
  render.sensorNoise = 0;
  render.lightingAmplitude = 0;
  render.sideLight = 0;
  return render;
}

const FacePhoto& obama() {
  return loadPhoto("faces/stills/obama-720p.jpg");
}

// The eye opening in the frame, moved with the head.
std::array<Point2, 6> polygonInFrame(const FacePhoto& photo, const FaceInFrame& placed, int e) {
  std::array<Point2, 6> out;
  for (std::size_t k = 0; k < 6; ++k)
    out[k] =
        placed.map(photo.geometry(), photo.geometry().eyes[static_cast<std::size_t>(e)].polygon[k]);
  return out;
}

// The opening as drawn for this gaze (the lids follow it), in the frame.
std::array<Point2, 6> openingInFrame(const FacePhoto& photo, const EyeRenderer& renderer,
                                     const FrameTruth& truth, const FaceInFrame& placed, int e) {
  std::array<Point2, 6> out = renderer.opening(e, truth);
  for (Point2& p : out)
    p = placed.map(photo.geometry(), p);
  return out;
}

// Grey level halfway between the photo's iris and its painted-out sclera.
double irisThreshold(const FacePhoto& photo, int e) {
  cv::Mat texGrey, blankGrey;
  cv::cvtColor(photo.iris(e).bgr, texGrey, cv::COLOR_BGR2GRAY);
  const double iris = cv::mean(texGrey, photo.iris(e).alpha > 0.5f)[0];
  cv::cvtColor(photo.blankEyes(), blankGrey, cv::COLOR_BGR2GRAY);
  const EyeGeometry& eye = photo.geometry().eyes[static_cast<std::size_t>(e)];
  cv::Mat disc(blankGrey.size(), CV_8U, cv::Scalar(0));
  cv::circle(disc, cv::Point(static_cast<int>(eye.iris.x), static_cast<int>(eye.iris.y)),
             static_cast<int>(eye.irisRadiusPx), cv::Scalar(255), -1);
  const double sclera =
      cv::mean(blankGrey, disc & (eyePolygonMask(blankGrey.size(), eye.polygon) > 200))[0];
  return 0.5 * (iris + sclera);
}

// Measures an iris in a frame from its pixels alone: the dark pixels in the
// eye opening, and the disc of radius r, clipped by the opening as lids clip
// an iris, that overlaps them best (intersection over union, 0.25 px grid).
Point2 measureIris(const cv::Mat& grey, const std::array<Point2, 6>& poly, double r,
                   double threshold, double* bestIou = nullptr) {
  const cv::Mat open = eyePolygonMask(grey.size(), poly) >= 128;
  const cv::Mat dark = (grey < threshold) & open;
  const cv::Moments m = cv::moments(dark, true);
  REQUIRE(m.m00 > 0);
  const Point2 start{m.m10 / m.m00, m.m01 / m.m00};
  const cv::Rect box = cv::boundingRect(open);
  Point2 best = start;
  double bestScore = -1;
  for (double dy = -4; dy <= 4; dy += 0.25) {
    for (double dx = -4; dx <= 4; dx += 0.25) {
      const double cx = start.x + dx, cy = start.y + dy;
      int inter = 0, uni = 0;
      for (int y = box.y; y < box.y + box.height; ++y)
        for (int x = box.x; x < box.x + box.width; ++x) {
          if (!open.at<std::uint8_t>(y, x))
            continue;
          const bool inDisc = std::hypot(x - cx, y - cy) <= r;
          const bool isDark = dark.at<std::uint8_t>(y, x) != 0;
          inter += inDisc && isDark;
          uni += inDisc || isDark;
        }
      const double iou = uni > 0 ? static_cast<double>(inter) / uni : 0;
      if (iou > bestScore) {
        bestScore = iou;
        best = {cx, cy};
      }
    }
  }
  if (bestIou)
    *bestIou = bestScore;
  return best;
}

double meanInside(const cv::Mat& grey, const std::array<Point2, 6>& poly) {
  const cv::Mat mask = eyePolygonMask(grey.size(), poly);
  return cv::mean(grey, mask > 128)[0];
}

}  // namespace

TEST_CASE("the generator finds the face, eyes and irises in the photo", "[data]") {
  const FaceGeometry& g = obama().geometry();
  const double iod =
      std::hypot(g.eyes[1].iris.x - g.eyes[0].iris.x, g.eyes[1].iris.y - g.eyes[0].iris.y);
  INFO("interocular " << iod << " px");
  CHECK(iod > 60);
  CHECK(iod < 400);
  for (const EyeGeometry& eye : g.eyes) {
    CHECK(eye.iris.x > eye.cornerLeft.x);
    CHECK(eye.iris.x < eye.cornerRight.x);
    CHECK(eye.irisRadiusPx == Approx(6 * g.pxPerMm));
  }
  // The painted-out irises: where the iris was is now much brighter.
  cv::Mat before, after;
  cv::cvtColor(obama().image(), before, cv::COLOR_BGR2GRAY);
  cv::cvtColor(obama().blankEyes(), after, cv::COLOR_BGR2GRAY);
  for (const EyeGeometry& eye : g.eyes) {
    const cv::Rect r(static_cast<int>(eye.iris.x - 2), static_cast<int>(eye.iris.y - 2), 5, 5);
    CHECK(cv::mean(after(r))[0] > cv::mean(before(r))[0] + 25);
  }
}

// Overlap (intersection over union) of the dark pixels in an eye opening with
// a disc of radius r at c clipped by the opening: where the truth says the
// visible iris is.
double overlapWithDisc(const cv::Mat& dark, const cv::Mat& open, Point2 c, double r) {
  cv::Mat disc(dark.size(), CV_8U, cv::Scalar(0));
  cv::circle(
      disc,
      cv::Point(static_cast<int>(std::lround(c.x * 16)), static_cast<int>(std::lround(c.y * 16))),
      static_cast<int>(std::lround(r * 16)), cv::Scalar(255), -1, cv::LINE_8, 4);
  const cv::Mat visible = disc & open;
  return static_cast<double>(cv::countNonZero(dark & visible)) / cv::countNonZero(dark | visible);
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

// Nine gaze targets, held until the eyes land, with head sway; both photo
// sizes. Measured from the pixels alone: the dark iris pixels in each eye
// opening as drawn, and the disc (clipped by the lids) that fits them best.
struct IrisErrors {
  std::vector<double> dx, dy, wrong;
  double maxRollDeg = 0;  // largest head roll among the frames measured
};

IrisErrors measureRenderedIrises(const RenderParams& render, double headRollDeg = 0) {
  IrisErrors out;
  for (const char* file : {"faces/stills/obama-720p.jpg", "faces/stills/obama-1080p.jpg"}) {
    INFO(file);
    const FacePhoto& photo = loadPhoto(file);
    SceneParams scene;
    scene.blinkIntervalMs = 0;
    scene.fixationJitterDeg = 0;
    scene.headSwayMm = 3;
    scene.headRollDeg = headRollDeg;
    EyeRenderer renderer(photo, scene, render);
    GazeScene gaze(scene);
    cv::Mat frame, grey;
    const auto& sc = scene.screen;
    for (int k = 0; k < 9; ++k) {
      const double tx = (0.1 + 0.4 * (k % 3)) * sc.widthPx,
                   ty = (0.1 + 0.4 * (k / 3)) * sc.heightPx;
      const FrameTruth* truth = nullptr;
      for (int i = 0; i < 25; ++i)
        truth = &gaze.step(true, tx, ty);
      const FaceInFrame placed = renderer.render(*truth, frame);
      out.maxRollDeg = std::max(out.maxRollDeg, std::abs(placed.rollDeg));
      cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
      for (int e = 0; e < 2; ++e) {
        const auto poly = openingInFrame(photo, renderer, *truth, placed, e);
        const double r = photo.iris(e).radiusPx * placed.scale;
        const Point2 want = placed.iris[static_cast<std::size_t>(e)];
        const double threshold = irisThreshold(photo, e);
        const cv::Mat open = eyePolygonMask(grey.size(), poly) >= 128;
        const cv::Mat dark = (grey < threshold) & open;
        double fitIou = 0;
        const Point2 found = measureIris(grey, poly, r, threshold, &fitIou);
        const double atTruth = overlapWithDisc(dark, open, want, r);
        INFO("target " << k << " eye " << e << " found " << found.x << "," << found.y << " truth "
                       << want.x << "," << want.y << " overlap at truth " << atTruth);
        CHECK(atTruth > 0.5);  // the dark pixels are the truth's visible iris
        out.dx.push_back(std::abs(found.x - want.x));
        out.dy.push_back(std::abs(found.y - want.y));
        out.wrong.push_back(std::abs(found.x - (want.x + 2)));  // a truth 2 px off, as a control
      }
    }
  }
  return out;
}

// Upper bounds on the measured placement errors (px), and a lower bound on
// the control's (a truth moved 2 px must be seen as wrong).
struct IrisBounds {
  double dxMedian, dxP90, dyMedian, dyP90, controlMedian;
};

std::string describe(const IrisErrors& e) {
  std::ostringstream out;
  out << "|dx| median " << quantile(e.dx, 0.5) << " p90 " << quantile(e.dx, 0.9) << ", |dy| median "
      << quantile(e.dy, 0.5) << " p90 " << quantile(e.dy, 0.9) << " px";
  return out.str();
}

void checkIrisErrors(const IrisErrors& e, const IrisBounds& b) {
  INFO(describe(e));
  CHECK(quantile(e.dx, 0.5) < b.dxMedian);
  CHECK(quantile(e.dx, 0.9) < b.dxP90);
  CHECK(quantile(e.dy, 0.5) < b.dyMedian);
  CHECK(quantile(e.dy, 0.9) < b.dyP90);
  CHECK(quantile(e.wrong, 0.5) > b.controlMedian);
}

TEST_CASE("rendered irises are where the truth says", "[data]") {
  // With the lids still, the iris's placement itself: across the opening the
  // iris edges fix the centre well; up and down the lids hide half the iris,
  // so the vertical measure is looser.
  RenderParams still;
  still.lidFollowUpper = still.lidFollowLower = 0;
  const IrisErrors a = measureRenderedIrises(still);
  checkIrisErrors(a, {0.5, 1.2, 0.75, 2.5, 1.5});
  // With the lids following the gaze (the default) more of the iris is
  // hidden when looking down, so the disc fitted to the visible part is
  // looser, vertically most (measured 0.52 / 1.80 px across, 1.56 / 4.94 px
  // up and down, median / p90): a regression bound, not a precision claim.
  const IrisErrors b = measureRenderedIrises(RenderParams{});
  checkIrisErrors(b, {0.75, 2.5, 2.0, 6.0, 1.3});
  WARN("measured iris position, lids still: " << describe(a) << "; lids following: " << describe(b)
                                              << " (36 eyes each)");
}

TEST_CASE("rendered irises are where the truth says with the head rolling", "[data]") {
  // The whole face turns about the point between the eyes; the truth's iris
  // positions must turn with it (the fit runs in the rolled eye openings).
  // Bounds as without roll (measured at 5 degrees amplitude: 0.34 / 0.93 px
  // across, 0.37 / 1.57 px up and down, median / p90; lower than level,
  // 0.52 / 1.80 and 1.56 / 4.94, not explained yet).
  const IrisErrors e = measureRenderedIrises(RenderParams{}, 5);
  INFO("largest roll " << e.maxRollDeg << " deg");
  CHECK(e.maxRollDeg > 3);
  checkIrisErrors(e, {0.75, 2.5, 2.0, 6.0, 1.3});
  WARN("measured iris position, lids following, head roll 5 deg: " << describe(e) << " (36 eyes)");
}

TEST_CASE("the upper lid follows the iris down, and the corners stay put", "[data]") {
  const FacePhoto& photo = obama();
  SceneParams scene;
  scene.blinkIntervalMs = 0;
  scene.fixationJitterDeg = 0;
  scene.headSwayMm = 0;
  EyeRenderer renderer(photo, scene, RenderParams{});
  GazeScene gaze(scene);
  const auto look = [&](double y) {
    FrameTruth t;
    for (int i = 0; i < 25; ++i)
      t = gaze.step(true, 0.5 * scene.screen.widthPx, y);
    return t;
  };
  const FrameTruth top = look(0.05 * scene.screen.heightPx);
  const FrameTruth bottom = look(0.95 * scene.screen.heightPx);
  cv::Mat fTop, fBottom, gTop, gBottom;
  renderer.render(top, fTop);
  renderer.render(bottom, fBottom);
  cv::cvtColor(fTop, gTop, cv::COLOR_BGR2GRAY);
  cv::cvtColor(fBottom, gBottom, cv::COLOR_BGR2GRAY);
  for (int e = 0; e < 2; ++e) {
    const double irisDown =
        photo.geometry().pxPerMm * (bottom.eyes[static_cast<std::size_t>(e)].irisDyMm -
                                    top.eyes[static_cast<std::size_t>(e)].irisDyMm);
    const auto a = renderer.opening(e, top), b = renderer.opening(e, bottom);
    const double lidDown = 0.5 * ((b[1].y - a[1].y) + (b[2].y - a[2].y));
    INFO("eye " << e << ": iris " << irisDown << " px down, upper lid " << lidDown);
    CHECK(irisDown > 2.0);
    CHECK(lidDown > 0.5 * irisDown);  // the lid points taper toward the corners
    CHECK(lidDown <= irisDown + 1e-9);
    CHECK(b[0].y == a[0].y);
    CHECK(b[3].y == a[3].y);
    // In the pixels: the band the lid came down over is now lid, not eye.
    const int x = static_cast<int>(std::lround(0.5 * (a[1].x + a[2].x)));
    const int y0 = static_cast<int>(std::ceil(0.5 * (a[1].y + a[2].y))) + 1;
    const int y1 = static_cast<int>(std::floor(0.5 * (b[1].y + b[2].y))) - 1;
    REQUIRE(y1 >= y0);
    const cv::Rect band(x - 2, y0, 5, y1 - y0 + 1);
    INFO("band mean grey: looking up " << cv::mean(gTop(band))[0] << ", down "
                                       << cv::mean(gBottom(band))[0]);
    CHECK(cv::norm(cv::mean(gTop(band)) - cv::mean(gBottom(band))) > 10);
  }
}

TEST_CASE("closed lids cover the iris", "[data]") {
  const FacePhoto& photo = obama();
  const SceneParams scene = stillScene();
  EyeRenderer renderer(photo, scene, flatLight());
  GazeScene gaze(scene);
  gaze.blinkAt(0);
  cv::Mat open, closed, g1, g2;
  FrameTruth truth = gaze.step(true, 960, 540);
  for (int i = 0; i < 3; ++i)
    truth = gaze.step(true, 960, 540);  // 100 ms: fully closed
  REQUIRE(truth.eyes[0].closure == 1.0);
  const FaceInFrame placedClosed = renderer.render(truth, closed);
  truth.eyes[0].closure = truth.eyes[1].closure = 0;
  renderer.render(truth, open);
  cv::cvtColor(open, g1, cv::COLOR_BGR2GRAY);
  cv::cvtColor(closed, g2, cv::COLOR_BGR2GRAY);
  for (int e = 0; e < 2; ++e) {
    const auto poly = polygonInFrame(photo, placedClosed, e);
    const Point2 iris = placedClosed.iris[static_cast<std::size_t>(e)];
    const cv::Rect r(static_cast<int>(iris.x - 2), static_cast<int>(iris.y - 2), 5, 5);
    INFO("eye " << e << " open " << cv::mean(g1(r))[0] << " closed " << cv::mean(g2(r))[0]);
    CHECK(cv::mean(g2(r))[0] > cv::mean(g1(r))[0] + 30);  // skin, not iris
    CHECK(meanInside(g2, poly) > meanInside(g1, poly) - 10);
  }
}

TEST_CASE("a light change darkens the face and tilts it from its time on", "[data]") {
  const FacePhoto& photo = obama();
  const SceneParams scene = stillScene();
  const RenderParams steady = flatLight();
  RenderParams lamp = steady;
  lamp.lightChangeMs = 1000;
  lamp.lightChangeGain = 0.8;
  lamp.lightChangeGradient = 0.2;  // 0.64 one eye distance left of the face's centre, 0.96 right
  EyeRenderer plain(photo, scene, steady), changing(photo, scene, lamp);
  GazeScene gaze(scene);
  FrameTruth truth = gaze.step(true, 960, 540);
  cv::Mat before, after, reference, g0, g1;
  truth.tMs = 999;
  const FaceInFrame placed = changing.render(truth, before);
  plain.render(truth, reference);
  CHECK(cv::norm(before, reference, cv::NORM_INF) == 0);  // nothing before T
  truth.tMs = 1000;
  changing.render(truth, after);
  cv::cvtColor(before, g0, cv::COLOR_BGR2GRAY);
  cv::cvtColor(after, g1, cv::COLOR_BGR2GRAY);
  // The face around the eyes, split between them: each half's mean grey after
  // T over before is the column gains averaged with the columns' own weight.
  const double iod = placed.interocularPx;
  const double midX = 0.5 * (placed.iris[0].x + placed.iris[1].x);
  const double midY = 0.5 * (placed.iris[0].y + placed.iris[1].y);
  const int top = static_cast<int>(midY - 0.5 * iod), bottom = static_cast<int>(midY + iod);
  const int x0 = static_cast<int>(midX - iod), xm = static_cast<int>(midX),
            x1 = static_cast<int>(midX + iod);
  const FaceGeometry& g = photo.geometry();
  const double centreX = g.centre.x;
  const double photoIod =
      std::hypot(g.eyes[1].iris.x - g.eyes[0].iris.x, g.eyes[1].iris.y - g.eyes[0].iris.y);
  for (const auto& [from, to] : {std::pair{x0, xm}, std::pair{xm, x1}}) {
    const cv::Rect half(from, top, to - from, bottom - top);
    double sum0 = 0, expected = 0;
    for (int x = from; x < to; ++x) {
      const double column = cv::sum(g0(cv::Rect(x, top, 1, bottom - top)))[0];
      sum0 += column;
      expected += column * 0.8 * (1.0 + 0.2 * std::clamp((x - centreX) / photoIod, -1.0, 1.0));
    }
    expected /= sum0;
    const double ratio = cv::mean(g1(half))[0] / cv::mean(g0(half))[0];
    INFO("columns " << from << ".." << to << ": after / before " << ratio << ", expected "
                    << expected);
    CHECK(ratio == Approx(expected).margin(0.01));
    CHECK(ratio < 0.95);
  }
  // The gradient: the right half keeps more of its light than the left.
  const cv::Rect left(x0, top, xm - x0, bottom - top), right(xm, top, x1 - xm, bottom - top);
  const double leftRatio = cv::mean(g1(left))[0] / cv::mean(g0(left))[0];
  const double rightRatio = cv::mean(g1(right))[0] / cv::mean(g0(right))[0];
  CHECK(rightRatio - leftRatio > 0.1);  // about 0.8 * 0.2 between the halves' centres
}

TEST_CASE("the light-change option is read and garbage in it is refused", "[generator]") {
  auto parse = [](std::vector<std::string> args, EvalOptions& opt, std::string& error) {
    args.insert(args.begin(), "drishti-gazegen");
    std::vector<char*> argv;
    for (std::string& a : args)
      argv.push_back(a.data());
    return parseEvalOptions(static_cast<int>(argv.size()), argv.data(), opt, error);
  };
  EvalOptions opt;
  std::string error;
  CHECK(opt.lightChangeS < 0);  // none unless asked
  REQUIRE(parse({"--light-change", "31", "0.8", "-0.2"}, opt, error));
  CHECK(opt.lightChangeS == 31);
  CHECK(opt.lightChangeGain == 0.8);
  CHECK(opt.lightChangeGradient == -0.2);
  for (const auto& bad :
       std::vector<std::vector<std::string>>{{"--light-change", "31", "0.8"},
                                             {"--light-change", "x", "1", "0"},
                                             {"--light-change", "-1", "1", "0"},
                                             {"--light-change", "1", "0", "0"},
                                             {"--light-change", "1", "1", "1.5"}}) {
    EvalOptions o;
    error.clear();
    CHECK_FALSE(parse(bad, o, error));
    INFO(bad[1] << " " << (bad.size() > 2 ? bad[2] : "") << ": " << error);
    CHECK_THAT(error, Catch::Contains("--light-change") || Catch::Contains("not a number") ||
                          Catch::Contains("needs a value"));
  }
}

TEST_CASE("a generated video reads back frame for frame with its truth", "[data]") {
  const FacePhoto& photo = obama();
  SceneParams scene;
  scene.fps = 30;
  RenderParams render;
  auto script = makeScript(9, scene.screen, 300, 0, 1);
  script.resize(4);  // 1.2 s
  const auto dir = test::scratchDir("gazegen-video");
  for (const char* name : {"v.mkv", "v.avi"}) {
    GazeVideo video(photo, scene, render, script);
    VideoSink sink;
    std::string error;
    REQUIRE(sink.open((dir / name).string(), 30, photo.image().size(), error));
    cv::Mat frame, first;
    TruthRow row;
    int n = 0;
    while (video.next(frame, row)) {
      if (n == 0)
        first = frame.clone();
      sink.write(frame);
      ++n;
    }
    sink.close();
    CHECK(n == video.frames());
    cv::VideoCapture cap((dir / name).string());
    REQUIRE(cap.isOpened());
    cv::Mat back;
    int m = 0;
    double psnr = 0;
    while (cap.read(back)) {
      if (m == 0)
        psnr = cv::PSNR(first, back);
      ++m;
    }
    INFO(name << " first-frame PSNR " << psnr << " dB");
    CHECK(m == n);
    CHECK(psnr > (std::string(name) == "v.mkv" ? 40.0 : 30.0));
  }
  std::filesystem::remove_all(dir);
}
