// FrameSource: where frames come from (camera, video file, image folder,
// generated pattern, or a test double).
//
// Represents: one stream of frames that can be opened, read and closed again,
// any number of times (the capture thread reopens a lost camera).
// Requires: open() before read(); one thread calls all methods.
// Ensures: read() returns within about readTimeoutMs() (a silent camera gives
// kTimeout, never an endless block) and, once warmed up, allocates nothing when
// frames keep their size: it writes into the Frame it is lent. read() never
// throws; open() reports failures through its return value and `error`.
#pragma once

#include <string>
#include <string_view>

#include "firmware/io/frame.h"

namespace drishti::io {

enum class ReadStatus : std::uint8_t {
  kFrame,    // `frame` holds a new image and its capture time
  kTimeout,  // nothing arrived within the read timeout; the source is still open
  kCorrupt,  // a frame arrived but was short, the wrong size or undecodable; skipped
  kEnd,      // a finite source (file, folder) has no more frames
  kFailed,   // the device failed or vanished; close() and open() again later
};

std::string_view name(ReadStatus status);

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // Opens the device or file. On failure returns false and says why in `error`
  // (naming the device or file), in words a caregiver's helper can act on.
  virtual bool open(std::string& error) = 0;

  // Waits for the next frame and writes it into `frame` (reusing its buffer).
  virtual ReadStatus read(Frame& frame) = 0;

  // Releases the device; open() may be called again afterwards.
  virtual void close() = 0;

  // For messages, e.g. "camera /dev/video0" or "video clip.mp4".
  virtual std::string describe() const = 0;

  // Frames per second the source delivers (or was asked for); > 0.
  virtual double nominalFps() const = 0;
};

}  // namespace drishti::io
