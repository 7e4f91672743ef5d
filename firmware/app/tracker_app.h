// TrackerApp: drishti-tracker's main thread: configuration, signals, and the
// Pipeline's life.
//
// Represents: the supervisor. It loads the board file (plus command-line
// overrides); if that has problems it prints every one (file:line: problem)
// and runs on the last good copy kept by ConfigStore, refusing to start only
// when there is none. It builds the Pipeline, switches the IR LED on, locks
// memory if the board asks, and then waits for signals: SIGTERM/SIGINT stop
// it within 200 ms, SIGHUP reloads the board file (a bad one changes nothing
// but is reported; a good one replaces the pipeline, keeping the processor's
// state and the health counters). A replayed video that ends ends the program.
// Requires: SIGTERM, SIGINT and SIGHUP blocked in every thread before any
// thread is created (blockSignals(), first thing in main).
// Thread safety: run() on the main thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "firmware/app/tracker_options.h"
#include "firmware/io/board_config.h"
#include "firmware/io/config_store.h"
#include "firmware/io/frame_processor.h"
#include "firmware/io/health_monitor.h"
#include "firmware/io/ir_led.h"
#include "firmware/io/pipeline.h"

namespace drishti::app {

// Blocks the signals TrackerApp waits for, and ignores SIGPIPE.
void blockSignals();

class TrackerApp {
 public:
  explicit TrackerApp(TrackerOptions options);
  ~TrackerApp();

  // Runs until stopped; returns the exit status (0, 1 or 2; see --help).
  int run();

 private:
  // Loads the board file with overrides; checks [parameters] against the
  // processor. Errors are printed; nullopt if any.
  std::optional<io::BoardConfig> loadConfig(std::string* text);
  // Builds and starts a pipeline for `config`; false with a message printed.
  bool startPipeline(const io::BoardConfig& config);
  void applyParameters(const io::BoardConfig& config);
  void reload();
  void updateIrLed(const io::BoardConfig& config);
  void saveLastGood(const std::string& text);
  void printSummary() const;

  TrackerOptions options_;
  io::ConfigStore store_;
  std::unique_ptr<io::FrameProcessor> processor_;
  std::unique_ptr<io::HealthMonitor> health_;
  std::unique_ptr<io::Pipeline> pipeline_;
  std::unique_ptr<io::IrLed> irLed_;
  io::BoardConfig config_;  // the one running
};

}  // namespace drishti::app
