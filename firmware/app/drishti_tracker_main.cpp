// drishti-tracker: camera to wire. See TrackerApp and --help.
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <opencv2/core/utility.hpp>

#include "firmware/app/tracker_app.h"
#include "firmware/app/tracker_options.h"

int main(int argc, char** argv) {
  // Before any thread exists (OpenCV starts some lazily), so all inherit the mask.
  drishti::app::blockSignals();
  // OpenCV's V4L2 backend waits 10 s for a frame of a silent camera by default;
  // 1 s keeps reopening and shutdown prompt. Read once, on the first capture.
  ::setenv("OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT", "1", /*overwrite=*/0);
  // OpenCV would split a large cvtColor or resize over its own worker threads,
  // which are not in the board's thread table: a real-time thread would then
  // wait for normal-priority workers (starved under load), and the workers
  // compete with the tracking thread. Every OpenCV call runs in the thread
  // that makes it.
  cv::setNumThreads(0);

  drishti::app::TrackerOptions options;
  std::string error;
  if (!drishti::app::parseTrackerOptions(argc, argv, options, error)) {
    std::fprintf(stderr, "drishti-tracker: %s\n", error.c_str());
    return 2;
  }
  if (options.help) {
    std::fputs(drishti::app::trackerUsage(), stdout);
    return 0;
  }
  if (options.version) {
    std::printf("drishti-tracker %s\n", DRISHTI_VERSION);
    return 0;
  }
  if (options.stopWithParent != 0) {
    // The kernel sends SIGTERM (handled like any other) when the parent ends.
    // If it ended before this line, we were adopted by another process: stop now.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != options.stopWithParent)
      return 0;
  }
  return drishti::app::TrackerApp(std::move(options)).run();
}
