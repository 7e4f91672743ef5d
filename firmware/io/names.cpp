#include "firmware/io/frame.h"
#include "firmware/io/frame_source.h"

namespace drishti::io {

std::string_view name(StampOrigin origin) {
  switch (origin) {
    case StampOrigin::kDriver:
      return "driver";
    case StampOrigin::kDequeue:
      return "dequeue";
    case StampOrigin::kPaced:
      return "paced";
  }
  return "unknown";
}

std::string_view name(ReadStatus status) {
  switch (status) {
    case ReadStatus::kFrame:
      return "frame";
    case ReadStatus::kTimeout:
      return "timeout";
    case ReadStatus::kCorrupt:
      return "corrupt";
    case ReadStatus::kEnd:
      return "end";
    case ReadStatus::kFailed:
      return "failed";
  }
  return "unknown";
}

}  // namespace drishti::io
