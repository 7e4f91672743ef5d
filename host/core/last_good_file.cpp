#include "host/core/last_good_file.h"

namespace drishti::host {

std::filesystem::path lastGoodPath(const std::filesystem::path& lastGoodDir,
                                   const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(file, ec);
  if (ec)
    abs = file;
  std::string name = abs.lexically_normal().string();
  for (char& c : name)
    if (c == '/')
      c = '%';
  return lastGoodDir / name;
}

}  // namespace drishti::host
