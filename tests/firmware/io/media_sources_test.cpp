#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "firmware/io/camera_source.h"
#include "firmware/io/image_folder_source.h"
#include "firmware/io/source_factory.h"
#include "firmware/io/test_pattern.h"
#include "firmware/io/video_file_source.h"
#include "tests/support/test_data.h"

namespace drishti::io {
namespace {

namespace fs = std::filesystem;

fs::path writeClip(const char* name, int frames, double fps) {
  const fs::path file = test::scratchDir(name) / "clip.avi";
  cv::VideoWriter writer(file.string(), cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps,
                         {320, 240}, true);
  REQUIRE(writer.isOpened());
  const TestPattern pattern({320, 240, true, fps});
  cv::Mat image;
  for (int i = 0; i < frames; ++i) {
    pattern.draw(static_cast<std::uint64_t>(i), image);
    writer.write(image);
  }
  return file;
}

// frame0.png ... : grey test pattern frames 0 .. count - 1.
fs::path writeImages(const char* name, int count) {
  const fs::path dir = test::scratchDir(name);
  const TestPattern pattern({320, 240, false, 30});
  cv::Mat image;
  for (int i = 0; i < count; ++i) {
    pattern.draw(static_cast<std::uint64_t>(i), image);
    REQUIRE(cv::imwrite((dir / ("frame" + std::to_string(i) + ".png")).string(), image));
  }
  return dir;
}

TEST_CASE("a video file plays to its end, paced at its own frame rate") {
  const fs::path clip = writeClip("video-paced", 12, 50);
  VideoFileSource source(clip.string(), /*paced=*/true, /*loop=*/false);
  std::string error;
  REQUIRE(source.open(error));
  CHECK(source.nominalFps() == Approx(50));
  Frame frame;
  std::vector<std::uint64_t> stamps;
  ReadStatus s;
  while ((s = source.read(frame)) == ReadStatus::kFrame) {
    CHECK(frame.image.size() == cv::Size(320, 240));
    CHECK(frame.stamp == StampOrigin::kPaced);
    stamps.push_back(frame.captureUs);
  }
  CHECK(s == ReadStatus::kEnd);
  REQUIRE(stamps.size() == 12);
  for (std::size_t i = 1; i < stamps.size(); ++i)
    CHECK(stamps[i] - stamps[0] == Approx(static_cast<double>(i) * 20'000).margin(1));
}

TEST_CASE("a looping video starts again at its end") {
  const fs::path clip = writeClip("video-loop", 5, 25);
  VideoFileSource source(clip.string(), /*paced=*/false, /*loop=*/true);
  std::string error;
  REQUIRE(source.open(error));
  Frame frame;
  for (int i = 0; i < 12; ++i)
    REQUIRE(source.read(frame) == ReadStatus::kFrame);
  CHECK(source.loops() == 2);
  CHECK(frame.index == 11);
}

TEST_CASE("on the frame clock a video and an image folder are stamped by frame number") {
  const fs::path clip = writeClip("video-frame-clock", 5, 50);
  VideoFileSource video(clip.string(), /*paced=*/false, /*loop=*/true);
  video.useFrameClock();
  std::string error;
  REQUIRE(video.open(error));
  Frame frame;
  for (std::uint64_t i = 0; i < 8; ++i) {  // on through the loop
    REQUIRE(video.read(frame) == ReadStatus::kFrame);
    CHECK(frame.captureUs == kFrameClockOriginUs + i * 20'000);
    CHECK(frame.missedBefore == 0);
  }
  const fs::path dir = writeImages("image-folder-frame-clock", 3);
  ImageFolderSource images(dir.string(), 40, /*paced=*/true, /*loop=*/false);
  images.useFrameClock();
  REQUIRE(images.open(error));
  for (std::uint64_t i = 0; i < 3; ++i) {
    REQUIRE(images.read(frame) == ReadStatus::kFrame);
    CHECK(frame.captureUs == kFrameClockOriginUs + i * 25'000);
  }
  CHECK(images.read(frame) == ReadStatus::kEnd);
}

TEST_CASE("a missing or undecodable video says which file") {
  std::string error;
  VideoFileSource missing("/no/such/clip.mp4", true, false);
  CHECK_FALSE(missing.open(error));
  CHECK_THAT(error, Catch::Contains("/no/such/clip.mp4") && Catch::Contains("no such file"));
  const fs::path junk = test::scratchDir("video-junk") / "junk.mp4";
  std::ofstream(junk) << "this is not a video";
  VideoFileSource bad(junk.string(), true, false);
  CHECK_FALSE(bad.open(error));
  CHECK_THAT(error, Catch::Contains("cannot be decoded"));
}

TEST_CASE("an image folder plays in name order and skips unreadable images") {
  const fs::path dir = writeImages("image-folder", 4);
  std::ofstream(dir / "frame2b.png") << "not a png";
  std::ofstream(dir / "notes.txt") << "ignored";
  ImageFolderSource source(dir.string(), 30, /*paced=*/false, /*loop=*/false);
  std::string error;
  REQUIRE(source.open(error));
  CHECK(source.imageCount() == 5);
  Frame frame;
  std::vector<std::int64_t> shown;
  int corrupt = 0;
  for (ReadStatus s = source.read(frame); s != ReadStatus::kEnd; s = source.read(frame)) {
    if (s == ReadStatus::kCorrupt)
      ++corrupt;
    else
      shown.push_back(TestPattern::readIndex(frame.image));
  }
  CHECK(shown == std::vector<std::int64_t>{0, 1, 2, 3});
  CHECK(corrupt == 1);
}

TEST_CASE("an empty image folder is an error that names it") {
  const fs::path dir = test::scratchDir("image-folder-empty");
  ImageFolderSource source(dir.string(), 30, true, false);
  std::string error;
  CHECK_FALSE(source.open(error));
  CHECK_THAT(error, Catch::Contains(dir.string()) && Catch::Contains("no images"));
}

TEST_CASE("a camera that is not connected says so") {
  CameraConfig config;
  config.device = "/dev/video97";
  CameraSource camera(config);
  std::string error;
  CHECK_FALSE(camera.open(error));
  CHECK_THAT(error, Catch::Contains("/dev/video97") && Catch::Contains("not connected"));
  config.device = "97";  // an index means /dev/video97
  CHECK(CameraSource(config).describe() == "camera /dev/video97");
}

TEST_CASE("the board's [camera] section picks the source") {
  CameraConfig c;
  c.source = SourceKind::kCamera;
  CHECK_THAT(makeFrameSource(c)->describe(), Catch::StartsWith("camera"));
  c.source = SourceKind::kVideo;
  c.path = "/x/clip.mp4";
  CHECK(makeFrameSource(c)->describe() == "video /x/clip.mp4");
  c.source = SourceKind::kImages;
  c.path = "/x/frames";
  CHECK(makeFrameSource(c)->describe() == "images in /x/frames");
  c.source = SourceKind::kPattern;
  CHECK_THAT(makeFrameSource(c)->describe(), Catch::StartsWith("test pattern 640x480"));
}

TEST_CASE("the laptop recording replays whole at 1620x1080 and 30 fps", "[data]") {
  const fs::path clip =
      test::dataDir("videos/laptop-webcam-1080p.mp4") / "videos" / "laptop-webcam-1080p.mp4";
  VideoFileSource source(clip.string(), /*paced=*/false, /*loop=*/false);
  std::string error;
  REQUIRE(source.open(error));
  CHECK(source.nominalFps() == Approx(30).epsilon(0.01));
  Frame frame;
  int frames = 0;
  while (source.read(frame) == ReadStatus::kFrame) {
    CHECK(frame.image.size() == cv::Size(1620, 1080));
    ++frames;
  }
  CHECK(frames == 308);
}

}  // namespace
}  // namespace drishti::io
