// DrishtiApp: the drishti program: input sources, the session, screen and voice.
//
// Represents: one run of the device. setUp() opens everything named by the
// options (exit codes in app_options.h), then run() loops:
//   inputs -> one stream -> HostSession -> DrawList -> pixels, speech
// Inputs: SDL mouse (as gaze) and keys (as switches), drishti-tracker's wire
// messages (UDP and Unix socket receivers, converted by host::WireInput), and
// a --script. All are stamped on the host monotonic clock, ordered, and
// handed to the session, which owns every decision; the app only carries
// things in and out. A frame is drawn as soon as input arrives (the loop
// sleeps until the next input, the next script event or the next frame tick)
// and only when the draw list changed; the time from an input that moved the
// highlight to the end of the present that shows it is measured (--stats).
//
// Must be created and run on the main thread (SDL video). Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware/protocol/messages.h"
#include "host/app/app_options.h"
#include "host/app/sample_stats.h"
#include "host/app/screenshot_writer.h"
#include "host/app/sdl_input.h"
#include "host/app/wire_inbox.h"
#include "host/core/calibration_geometry.h"
#include "host/core/draw_list.h"
#include "host/core/input_event.h"
#include "host/core/input_script.h"
#include "host/speech/voice_library.h"

struct SDL_Window;
struct SDL_Renderer;

namespace drishti::host {
class HostSession;
class CalibratedGazeMapper;
class WireInput;
struct CalibrationResult;
struct SessionEvent;
}  // namespace drishti::host
namespace drishti::speech {
class SpeechService;
class SdlAudioOutput;
class WavFileWriter;
}  // namespace drishti::speech
namespace drishti::ui {
class DrawListRenderer;
}

namespace drishti::app {

class UdpReceiver;
class UnixSocketReceiver;
class CalibrationController;

struct AppStats {
  std::uint64_t frames = 0;       // loop iterations
  std::uint64_t framesDrawn = 0;  // rendered and presented
  SampleStats renderUs;           // draw list to pixels (render + present), µs
  SampleStats highlightUs;        // input that moved the highlight -> present done, µs
  std::uint64_t inputEvents = 0;
};

class DrishtiApp {
 public:
  explicit DrishtiApp(AppOptions options);
  ~DrishtiApp();
  DrishtiApp(const DrishtiApp&) = delete;
  DrishtiApp& operator=(const DrishtiApp&) = delete;

  // Opens files, display, sound, session and receivers. kExitOk or the exit code.
  int setUp();
  // Runs until quit or the script's end. Returns the exit code.
  int run();

  const AppStats& stats() const { return stats_; }

 private:
  int openOutputs();
  int openDisplay();
  void openSpeech();
  int openWire();
  speech::VoiceLibrary loadVoices();
  void frame(std::int64_t nowUs);
  void collectInput(std::int64_t nowUs);
  void deliverInput();
  void handleSessionEvents();
  void draw();
  bool mouseIsGaze(std::int64_t nowUs) const;
  void waitForNextFrame(std::int64_t nowUs);
  std::int64_t nextScriptEventUs() const;  // max() when none is left
  void finish();
  void printStats() const;
  void runHelpCommand(const std::string& command);
  void reapChildren();
  // Calibration (calibration_controller.h; app_calibration.cpp).
  host::CalibrationGeometry screenGeometry() const;
  void loadCalibration();
  void startCalibration(std::int64_t nowUs, int points);
  bool calibrationKey(const SDL_Event& e, std::int64_t nowUs);
  bool sendCommand(protocol::CommandKind kind);
  void calibrationFinished(const std::optional<host::CalibrationResult>& result);
  void learnFromSelection(const host::SessionEvent& selected);

  AppOptions options_;
  AppStats stats_;
  bool quit_ = false;
  int exitCode_ = kExitOk;

  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool ttf_ = false;
  std::unique_ptr<SdlInput> sdlInput_;
  std::unique_ptr<ui::DrawListRenderer> drawer_;
  ScreenshotWriter screenshots_;

  std::unique_ptr<speech::SdlAudioOutput> audio_;
  std::unique_ptr<speech::WavFileWriter> wav_;
  std::unique_ptr<speech::SpeechService> speech_;
  std::shared_ptr<const std::vector<std::int16_t>> chime_;

  std::unique_ptr<host::HostSession> session_;
  std::unique_ptr<host::CalibratedGazeMapper> gazeMapper_;
  std::unique_ptr<CalibrationController> calibration_;
  std::string calibrationNote_;  // shown under the result: where it was saved, or why not
  std::uint32_t calibrationSerial_ = 1u << 30;  // screen serials of calibration screens
  std::uint64_t lastCaptureUs_ = 0;             // tracker clock of the latest eye sample
  unsigned appearanceHeldOff_ = 0;  // eyes (bits) whose appearance y is held off (logged)
  std::uint32_t commandSeq_ = 0;
  bool enterPending_ = false;  // "enter calibration" not sent yet: no tracker heard
  std::unique_ptr<host::WireInput> wireInput_;
  WireInbox inbox_;
  std::unique_ptr<UdpReceiver> udp_;
  std::unique_ptr<UnixSocketReceiver> unix_;
  std::uint32_t wakeEvent_ = 0;  // SDL user event type a receiver pushes to wake the loop

  // --script: the parsed script, its player, and how many events it has handed
  // over (so the loop can sleep until the next one is due).
  host::InputScript script_;
  std::unique_ptr<host::ScriptPlayer> player_;
  std::size_t scriptDelivered_ = 0;
  std::int64_t scriptStartUs_ = 0;
  std::int64_t simulatedNowUs_ = 0;  // --fast: the clock the script runs on

  std::vector<host::InputEvent> pending_;  // this frame's input, reused
  std::int64_t lastEventUs_ = 0;
  std::int64_t lastWireGazeUs_ = INT64_MIN / 2;
  bool gazeCalibratedSent_ = false;
  bool gazeCalibratedKnown_ = false;

  host::DrawList list_;
  host::DrawList shown_;  // the list on screen: a frame equal to it is not drawn again
  bool forceDraw_ = true;
  std::uint32_t shotSerial_ = 0;
  bool shotTaken_ = false;
  std::string lastText_;
  std::int64_t highlightCauseUs_ = -1;  // arrival of the input that moved the highlight
  std::vector<int> children_;           // help commands still running
};

// Copies of two draw lists are equal (same commands, text, screen).
bool sameDrawList(const host::DrawList& a, const host::DrawList& b);

}  // namespace drishti::app
