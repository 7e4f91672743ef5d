#include "firmware/io/image_folder_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

namespace drishti::io {
namespace {

bool isImage(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" || ext == ".pgm" ||
         ext == ".ppm" || ext == ".tif" || ext == ".tiff";
}

}  // namespace

ImageFolderSource::ImageFolderSource(std::string folder, double fps, bool paced, bool loop)
    : folder_(std::move(folder)), loop_(loop), pacer_(fps, paced), paced_(paced) {}

bool ImageFolderSource::open(std::string& error) {
  files_.clear();
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder_, ec)) {
    if (entry.is_regular_file(ec) && isImage(entry.path()))
      files_.push_back(entry.path().string());
  }
  if (ec) {
    error = describe() + ": cannot list the folder: " + ec.message();
    return false;
  }
  if (files_.empty()) {
    error = describe() + ": no images (.jpg, .png, .bmp, .pgm, .ppm, .tif)";
    return false;
  }
  std::sort(files_.begin(), files_.end());
  next_ = 0;
  index_ = 0;
  pacer_.restart();
  if (frameClock_)
    pacer_.useFrameClock(kFrameClockOriginUs);
  return true;
}

ReadStatus ImageFolderSource::read(Frame& frame) {
  if (next_ >= files_.size()) {
    if (!loop_ || files_.empty())
      return ReadStatus::kEnd;
    next_ = 0;
  }
  const cv::Mat image = cv::imread(files_[next_++], cv::IMREAD_UNCHANGED);
  std::uint64_t missed = 0;
  frame.captureUs = pacer_.waitForNext(&missed);
  frame.missedBefore = static_cast<std::uint32_t>(missed);
  frame.stamp = paced_ || frameClock_ ? StampOrigin::kPaced : StampOrigin::kDequeue;
  frame.index = index_++;
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3))
    return ReadStatus::kCorrupt;
  image.copyTo(frame.image);
  return ReadStatus::kFrame;
}

}  // namespace drishti::io
