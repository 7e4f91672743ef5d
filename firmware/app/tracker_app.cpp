#include "firmware/app/tracker_app.h"

#include <pthread.h>
#include <signal.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "firmware/app/processor_factory.h"
#include "firmware/io/board_config_parser.h"
#include "firmware/io/link_budget.h"
#include "firmware/io/log.h"
#include "firmware/io/monotonic_clock.h"
#include "firmware/io/source_factory.h"
#include "firmware/io/thermal_sensor.h"
#include "firmware/io/transport_factory.h"

#ifndef DRISHTI_VERSION
#define DRISHTI_VERSION "0.0.0"
#endif

namespace drishti::app {

using io::LogLevel;
using io::logLine;

namespace {

sigset_t waitedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

const char* resultText(protocol::AckResult r) {
  switch (r) {
    case protocol::AckResult::kOk:
      return "ok";
    case protocol::AckResult::kUnknownParameter:
      return "not a parameter of this processor";
    case protocol::AckResult::kOutOfRange:
      return "out of range";
    case protocol::AckResult::kRejected:
      return "rejected";
  }
  return "rejected";
}

}  // namespace

void blockSignals() {
  const sigset_t set = waitedSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A host that hangs up a pipe or socket must not kill us; writes report EPIPE.
  signal(SIGPIPE, SIG_IGN);
}

TrackerApp::TrackerApp(TrackerOptions options)
    : options_(std::move(options)),
      store_(options_.noState ? std::string()
                              : (options_.stateDir.empty() ? io::ConfigStore::defaultDir()
                                                           : options_.stateDir)) {}

TrackerApp::~TrackerApp() = default;

std::optional<io::BoardConfig> TrackerApp::loadConfig(std::string* text) {
  io::BoardConfig config;
  std::vector<io::ConfigError> errors;
  if (!options_.configPath.empty()) {
    io::ConfigResult r = io::loadBoardConfig(options_.configPath, text);
    if (!r.ok()) {
      for (const io::ConfigError& e : r.errors)
        logLine(LogLevel::kError, "%s", e.text().c_str());
      return std::nullopt;
    }
    config = std::move(*r.config);
  }
  errors = applyOverrides(options_, config);
  for (const io::ProcessorParameter& p : config.parameters) {
    const protocol::AckResult r = processor_->checkParameter(p.name, p.value);
    if (r != protocol::AckResult::kOk)
      errors.push_back({config.file, p.line,
                        "[parameters] " + p.name + " = " + std::to_string(p.value) + ": " +
                            resultText(r) + " (processor: " + std::string(processor_->name()) +
                            ")"});
  }
  for (const io::ConfigError& e : errors)
    logLine(LogLevel::kError, "%s", e.text().c_str());
  if (!errors.empty())
    return std::nullopt;
  return config;
}

void TrackerApp::applyParameters(const io::BoardConfig& config) {
  for (const io::ProcessorParameter& p : config.parameters)
    processor_->setParameter(p.name, p.value);  // checked when the config was loaded
}

void TrackerApp::saveLastGood(const std::string& text) {
  if (options_.configPath.empty())
    return;
  std::string error;
  if (!store_.save(options_.configPath, text, error))
    logLine(LogLevel::kWarning, "%s (the board file is fine; only its backup copy is not kept)",
            error.c_str());
}

void TrackerApp::updateIrLed(const io::BoardConfig& config) {
  const io::IrLedConfig& want = config.irLed;
  const io::IrLedConfig& have = config_.irLed;
  if (irLed_ && want.present && want.chip == have.chip && want.line == have.line &&
      want.activeLow == have.activeLow)
    return;
  irLed_.reset();
  if (!want.present)
    return;
  irLed_ = std::make_unique<io::IrLed>(want);
  std::string error;
  if (!irLed_->open(error) || !irLed_->set(true)) {
    logLine(LogLevel::kWarning, "%s; running without the IR light (tracking in the dark fails)",
            error.empty() ? "IR LED: cannot switch it on" : error.c_str());
    irLed_.reset();
  }
}

bool TrackerApp::startPipeline(const io::BoardConfig& config) {
  applyParameters(config);
  // Warned, not refused: a device that will not start leaves its user with no
  // way to talk, while an overfull line still carries most samples (and says
  // so again, counted, when it drops them).
  if (const std::optional<std::string> w = io::linkBudgetWarning(config))
    logLine(LogLevel::kWarning, "%s", w->c_str());
  std::unique_ptr<io::Transport> transport = io::makeTransport(config.transport);
  std::string error;
  if (!transport->open(error)) {
    logLine(LogLevel::kError, "%s", error.c_str());
    return false;
  }
  auto thermal = std::make_unique<io::ThermalSensor>(config.thermalZone);
  io::PipelineSettings settings;
  settings.ringFrames = static_cast<std::size_t>(config.pipeline.ringFrames);
  settings.frameSize = {config.camera.width, config.camera.height};
  settings.grey = config.camera.grey;
  settings.heartbeatHz = config.pipeline.heartbeatHz;
  settings.lostAfterMs = config.camera.lostAfterMs;
  settings.threads = config.threads;
  settings.version = DRISHTI_VERSION;
  settings.lossless = config.camera.frameClock;
  std::unique_ptr<io::FrameSource> source = io::makeFrameSource(config.camera);
  const std::string sourceText = source->describe();
  const std::string transportText = transport->describe();
  logLine(
      LogLevel::kInfo,
      "board %s%s%s: %s -> %.*s processor -> %s; threads: capture %s, tracking %s, "
      "sender %s; temperature: %s",
      config.name.c_str(), config.file.empty() ? "" : " from ", config.file.c_str(),
      sourceText.c_str(), static_cast<int>(processor_->name().size()), processor_->name().data(),
      transportText.c_str(), io::describe(config.threads.capture).c_str(),
      io::describe(config.threads.tracking).c_str(), io::describe(config.threads.sender).c_str(),
      thermal->available() ? thermal->description().c_str() : "not readable here");
  pipeline_ = std::make_unique<io::Pipeline>(settings, std::move(source), *processor_,
                                             std::move(transport), std::move(thermal), *health_);
  pipeline_->start();
  return true;
}

void TrackerApp::reload() {
  if (options_.configPath.empty()) {
    logLine(LogLevel::kInfo, "SIGHUP: no board file to reload (started without --config)");
    return;
  }
  logLine(LogLevel::kInfo, "SIGHUP: reloading %s", options_.configPath.c_str());
  std::string text;
  std::optional<io::BoardConfig> config = loadConfig(&text);
  if (!config) {
    logLine(LogLevel::kError,
            "%s was not reloaded (see above); still running the previous "
            "configuration",
            options_.configPath.c_str());
    return;
  }
  pipeline_->stop(-1);
  pipeline_.reset();
  health_->setHeartbeatHz(config->pipeline.heartbeatHz);
  if (!startPipeline(*config)) {
    logLine(LogLevel::kError,
            "the reloaded configuration could not start; going back to the "
            "previous one");
    health_->setHeartbeatHz(config_.pipeline.heartbeatHz);
    if (!startPipeline(config_))
      std::exit(1);  // neither starts: let the service manager restart us
    return;
  }
  updateIrLed(*config);
  config_ = std::move(*config);
  saveLastGood(text);
  logLine(LogLevel::kInfo, "reloaded");
}

void TrackerApp::printSummary() const {
  const io::HealthTotals t = health_->totals();
  io::LatencyHistogram::Counts now{}, zero{};
  health_->latency().snapshot(now);
  const auto p50 = io::LatencyHistogram::percentile(now, zero, 0.5);
  const auto p99 = io::LatencyHistogram::percentile(now, zero, 0.99);
  char latency[96];
  // Frame-clock stamps are not the wall clock's: no latency can be read from them.
  if (options_.frameClock)
    std::snprintf(latency, sizeof latency, "capture-to-wire not measured (--frame-clock)");
  else
    std::snprintf(latency, sizeof latency, "capture-to-wire p50 %" PRIu64 " us, p99 %" PRIu64 " us",
                  p50, p99);
  logLine(LogLevel::kInfo,
          "summary: %" PRIu64 " frames in, %" PRIu64 " dropped, %" PRIu64 " corrupt, %" PRIu64
          " processed, %" PRIu64 " deadline misses, %" PRIu64 " samples sent, %" PRIu64
          " messages dropped by a full link; %s",
          t.framesIn, t.framesDropped, t.framesCorrupt, t.framesProcessed, t.deadlineMisses,
          t.samplesSent, t.linkFullDrops, latency);
}

int TrackerApp::run() {
  io::setLogQuiet(options_.quiet);
  std::string error;
  processor_ = makeProcessor(options_.processor, error);
  if (!processor_) {
    logLine(LogLevel::kError, "%s", error.c_str());
    return 2;
  }
  if (options_.processor.empty() && !haveTrackingCore())
    logLine(LogLevel::kWarning,
            "this build has no tracking core: running the test-pattern processor, which "
            "measures only the generated pattern (real faces show as 'searching')");

  std::string text;
  std::optional<io::BoardConfig> config = loadConfig(&text);
  if (config) {
    saveLastGood(text);
  } else {
    std::string origin;
    io::ConfigResult saved = store_.loadLastGood(origin);
    if (!saved.ok()) {
      logLine(LogLevel::kError, "no usable board configuration (%s); not starting",
              saved.message().c_str());
      return 2;
    }
    config = std::move(saved.config);
    const auto overrideErrors = applyOverrides(options_, *config);
    if (!overrideErrors.empty()) {
      logLine(LogLevel::kError, "%s; not starting", overrideErrors.front().text().c_str());
      return 2;
    }
    logLine(LogLevel::kWarning,
            "running on the last good copy of %s (kept in %s) until the board file is fixed; "
            "send SIGHUP (systemctl reload drishti-tracker) after fixing it",
            origin.c_str(), store_.path().c_str());
  }

  health_ =
      std::make_unique<io::HealthMonitor>(config->pipeline.heartbeatHz, config->camera.lostAfterMs);
  if (config->threads.lockMemory)
    io::lockAllMemory();
  updateIrLed(*config);
  if (!startPipeline(*config))
    return 1;
  config_ = std::move(*config);

  const sigset_t set = waitedSignals();
  const std::uint64_t endUs =
      options_.durationS > 0
          ? io::monotonicUs() + static_cast<std::uint64_t>(options_.durationS * 1e6)
          : UINT64_MAX;
  while (true) {
    timespec wait{0, 50'000'000};
    siginfo_t info{};
    const int sig = sigtimedwait(&set, &info, &wait);
    if (sig == SIGTERM || sig == SIGINT) {
      logLine(LogLevel::kInfo, "%s: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
      break;
    }
    if (sig == SIGHUP) {
      reload();
      continue;
    }
    if (pipeline_->finished() || io::monotonicUs() >= endUs)
      break;
  }

  const bool clean = pipeline_->stop(150);
  irLed_.reset();
  printSummary();
  if (!clean) {
    // A thread is stuck in a driver call; the kernel releases the device.
    std::fflush(nullptr);
    std::_Exit(0);
  }
  pipeline_.reset();
  return 0;
}

}  // namespace drishti::app
