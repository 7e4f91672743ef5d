// ImageFolderSource: the images of a folder, in name order, as frames.
//
// Represents: every .jpg/.jpeg/.png/.bmp/.pgm/.ppm/.tif file directly in the
// folder (listed when opened), read with OpenCV imgcodecs and paced at `fps`
// or unpaced. An unreadable image is kCorrupt (skipped); after the last one
// it reports kEnd, or starts again when looping. Meant for replaying recorded
// sequences and evaluation sets; decoding allocates per image (imgcodecs).
// Thread safety: none (the capture thread).
#pragma once

#include <string>
#include <vector>

#include "firmware/io/frame_source.h"
#include "firmware/io/pacer.h"

namespace drishti::io {

class ImageFolderSource : public FrameSource {
 public:
  ImageFolderSource(std::string folder, double fps, bool paced, bool loop);

  bool open(std::string& error) override;
  ReadStatus read(Frame& frame) override;
  void close() override {}
  std::string describe() const override { return "images in " + folder_; }
  double nominalFps() const override { return pacer_.fps(); }

  // Deterministic replay (before open()): every frame at once, stamped
  // kFrameClockOriginUs + index / fps, none skipped (Pacer::useFrameClock).
  void useFrameClock() { frameClock_ = true; }

  std::size_t imageCount() const { return files_.size(); }

 private:
  std::string folder_;
  bool loop_;
  Pacer pacer_;
  bool frameClock_ = false;
  std::vector<std::string> files_;
  std::size_t next_ = 0;
  std::uint64_t index_ = 0;
  bool paced_;
};

}  // namespace drishti::io
