// DrishtiApp's loop: input in, session, frames and speech out.
#include <SDL2/SDL.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <limits>

#include "host/app/app_log.h"
#include "host/app/calibration_controller.h"
#include "host/app/drishti_app.h"
#include "host/app/host_clock.h"
#include "host/app/udp_receiver.h"
#include "host/app/unix_socket_receiver.h"
#include "host/core/gaze_model_mapper.h"
#include "host/core/host_session.h"
#include "host/core/wire_input.h"
#include "host/speech/sdl_audio_output.h"
#include "host/speech/speech_service.h"
#include "host/speech/wav_file_writer.h"
#include "host/ui/draw_list_renderer.h"

extern char** environ;

namespace drishti::app {
namespace {

constexpr std::int64_t kFrameUs = 16'667;  // 60 Hz
constexpr std::int64_t kTrackerGazeHoldsUs =
    1'000'000;  // mouse-gaze auto: the tracker wins this long
constexpr auto kSpeechDrainTimeout = std::chrono::seconds(60);

bool sameCommand(const host::DrawCommand& a, const host::DrawCommand& b) {
  return a.kind == b.kind && a.rect == b.rect && a.color == b.color && a.radius == b.radius &&
         a.thickness == b.thickness && a.progress == b.progress && a.textSize == b.textSize &&
         a.script == b.script && a.align == b.align;
}

}  // namespace

bool sameDrawList(const host::DrawList& a, const host::DrawList& b) {
  if (a.width() != b.width() || a.height() != b.height() || !(a.background() == b.background()) ||
      a.screenSerial() != b.screenSerial() || a.screenName() != b.screenName() ||
      a.commands().size() != b.commands().size())
    return false;
  for (std::size_t i = 0; i < a.commands().size(); ++i) {
    const host::DrawCommand& ca = a.commands()[i];
    const host::DrawCommand& cb = b.commands()[i];
    if (!sameCommand(ca, cb) || (ca.kind == host::DrawKind::kText && a.textOf(ca) != b.textOf(cb)))
      return false;
  }
  return true;
}

int DrishtiApp::run() {
  const std::int64_t start = hostNowUs();
  simulatedNowUs_ = start;
  if (player_ != nullptr) {
    player_->start(start);  // the script's clock starts with the loop
    scriptStartUs_ = start;
  }
  lastEventUs_ = start;
  if (options_.calibrate != 0)
    startCalibration(start, options_.calibrate);
  while (!quit_) {
    std::int64_t now = hostNowUs();
    if (options_.fast) {
      // The simulated clock jumps to the next script event, a frame at most.
      simulatedNowUs_ = std::min(nextScriptEventUs(), simulatedNowUs_ + kFrameUs);
      now = simulatedNowUs_;
    }
    frame(now);
    reapChildren();
    if (player_ != nullptr && player_->finished(now)) {
      if (!speech_->waitUntilIdle(kSpeechDrainTimeout))
        logLine("speech did not finish within 60 s of the script's end; exiting anyway");
      quit_ = true;
      break;
    }
    if (!options_.fast)
      waitForNextFrame(now);
  }
  finish();
  return exitCode_;
}

void DrishtiApp::frame(std::int64_t nowUs) {
  ++stats_.frames;
  collectInput(nowUs);
  // A profile switched or reloaded may set the gaze refiner differently.
  gazeMapper_->setGazeSettings(session_->profile().gaze);
  const bool calibrated = mouseIsGaze(nowUs) || wireInput_->calibrated();
  if (!gazeCalibratedKnown_ || calibrated != gazeCalibratedSent_) {
    session_->setGazeCalibrated(calibrated);
    gazeCalibratedSent_ = calibrated;
    gazeCalibratedKnown_ = true;
  }
  deliverInput();
  session_->advanceTo(std::max(nowUs, lastEventUs_));
  if (calibration_ != nullptr) {
    if (enterPending_ && calibration_->active() && wireInput_->heard())
      sendCommand(protocol::CommandKind::kEnterCalibration);
    calibration_->update(nowUs);
    std::optional<host::CalibrationResult> result;
    if (calibration_->takeOutcome(result)) {
      calibrationFinished(result);
      forceDraw_ = true;
    }
  }
  handleSessionEvents();
  draw();
}

bool DrishtiApp::mouseIsGaze(std::int64_t nowUs) const {
  if (options_.fast)
    return false;
  switch (options_.mouseGaze) {
    case MouseGaze::kAlways:
      return true;
    case MouseGaze::kNever:
      return false;
    case MouseGaze::kAuto:
      return nowUs - lastWireGazeUs_ > kTrackerGazeHoldsUs;
  }
  return false;
}

void DrishtiApp::collectInput(std::int64_t nowUs) {
  pending_.clear();
  // Mouse positions are in window points, the drawing in output pixels; they
  // differ on high-DPI displays.
  int winW = 0, winH = 0, outW = 0, outH = 0;
  SDL_GetWindowSize(window_, &winW, &winH);
  SDL_GetRendererOutputSize(renderer_, &outW, &outH);
  const float pointsToPixels =
      winW > 0 ? static_cast<float>(outW) / static_cast<float>(winW) : 1.0F;
  const ViewTransform view{drawer_->scale() / pointsToPixels, drawer_->offsetX() / pointsToPixels,
                           drawer_->offsetY() / pointsToPixels};
  const bool mouse = mouseIsGaze(nowUs);
  SDL_Event e;
  while (SDL_PollEvent(&e) != 0) {
    if (e.type == SDL_WINDOWEVENT && (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                      e.window.event == SDL_WINDOWEVENT_EXPOSED))
      forceDraw_ = true;
    if (calibrationKey(e, nowUs))
      continue;
    const std::size_t before = pending_.size();
    const AppCommand command = sdlInput_->translate(e, view, mouse, hostNowUs(), pending_);
    if (player_ != nullptr)
      pending_.resize(before);  // the script is the person; caregiver keys still work
    switch (command) {
      case AppCommand::kQuit:
        quit_ = true;
        break;
      case AppCommand::kCancelHelp:
        session_->cancelHelp();
        break;
      case AppCommand::kReload:
        logLine("reloading boards, profile and voices");
        session_->reload();
        speech_->setVoices(loadVoices());
        break;
      case AppCommand::kToggleFullscreen: {
        const bool full = (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
        SDL_SetWindowFullscreen(window_, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        forceDraw_ = true;
        break;
      }
      case AppCommand::kCalibrate:
        if (calibration_ == nullptr || !calibration_->active())
          startCalibration(nowUs, 0);
        break;
      case AppCommand::kNone:
        break;
    }
  }
  const bool calibrating = calibration_ != nullptr && calibration_->active();
  inbox_.drain([&](const WireMessage& m) {
    if (const auto* s = std::get_if<protocol::EyeSample>(&m.message)) {
      lastCaptureUs_ = s->captureUs;
      if (calibrating)
        calibration_->onSample(*s, m.arrivalUs);
    }
    for (const host::InputEvent& ev : wireInput_->convert(m.message, m.arrivalUs)) {
      // While calibrating, the gaze is the calibration's; blinks (the help
      // gesture) and tracking state still go to the session.
      if (calibrating &&
          (ev.kind == host::InputKind::kGaze || ev.kind == host::InputKind::kGazeLost))
        continue;
      pending_.push_back(ev);
      if (ev.kind == host::InputKind::kGaze)
        lastWireGazeUs_ = ev.tUs;
    }
  });
  // An eye whose appearance cells left what calibration saw (a lamp to one
  // side): its y is the pupil's alone until they return; the log tells the
  // therapist to calibrate again (CalibratedGazeMapper).
  if (const unsigned held = gazeMapper_->appearanceHeldOff(); held != appearanceHeldOff_) {
    for (int eye = 0; eye < 2; ++eye) {
      const unsigned bit = 1u << eye;
      if ((held & bit) != (appearanceHeldOff_ & bit))
        logLine(std::string(eye == 0 ? "image-left" : "image-right") + " eye: " +
                ((held & bit) != 0
                     ? "its appearance no longer matches the calibration (has the light "
                       "changed?): vertical gaze from the pupil alone; calibrate again"
                     : "its appearance matches the calibration again: vertical gaze blended "
                       "again"));
    }
    appearanceHeldOff_ = held;
  }
  if (udp_ != nullptr || unix_ != nullptr) {
    if (wireInput_->heard()) {
      for (const host::InputEvent& ev : wireInput_->checkSilence(nowUs))
        pending_.push_back(ev);
    }
  }
  if (player_ != nullptr) {
    player_->due(nowUs, [&](const host::InputEvent& scripted) {
      pending_.push_back(scripted);
      ++scriptDelivered_;
    });
  }
}

std::int64_t DrishtiApp::nextScriptEventUs() const {
  if (player_ == nullptr || scriptDelivered_ >= script_.events.size())
    return std::numeric_limits<std::int64_t>::max();
  return scriptStartUs_ + script_.events[scriptDelivered_].tUs;
}

void DrishtiApp::deliverInput() {
  // One stream in time order: sources are each in order, but interleave.
  std::stable_sort(
      pending_.begin(), pending_.end(),
      [](const host::InputEvent& a, const host::InputEvent& b) { return a.tUs < b.tUs; });
  for (host::InputEvent& e : pending_) {
    e.tUs = std::max(e.tUs, lastEventUs_);  // never backwards (sources' clocks differ by µs)
    lastEventUs_ = e.tUs;
    const int focusBefore = session_->methodView().focus;
    session_->handle(e);
    ++stats_.inputEvents;
    if (highlightCauseUs_ < 0 && session_->methodView().focus != focusBefore)
      highlightCauseUs_ = e.tUs;
  }
}

void DrishtiApp::handleSessionEvents() {
  host::SessionEvent e;
  while (session_->pollEvent(e)) {
    switch (e.kind) {
      case host::SessionEventKind::kScreenChanged:
        logLine("screen: " + e.text);
        break;
      case host::SessionEventKind::kSelected:
        if (options_.logText)
          logLine("selected: " + e.text + " at " + std::to_string(e.tUs) +
                  " us; latest eye frame captured at " + std::to_string(lastCaptureUs_) + " us");
        learnFromSelection(e);
        break;
      case host::SessionEventKind::kHelpCalled:
        logLine("HELP CALLED: " + e.text);
        if (calibration_ != nullptr && calibration_->active()) {
          calibration_->cancel();  // help outranks calibration
          std::optional<host::CalibrationResult> dropped;
          calibration_->takeOutcome(dropped);
          forceDraw_ = true;
        }
        break;
      case host::SessionEventKind::kAttentionSound:
        speech_->playClip("[attention]", chime_, host::SpeechKind::kPrompt, false);
        break;
      case host::SessionEventKind::kRunHelpCommand:
        runHelpCommand(e.text);
        break;
      case host::SessionEventKind::kHelpCancelled:
        logLine("help answered");
        break;
      case host::SessionEventKind::kRestStarted:
        logLine("resting");
        break;
      case host::SessionEventKind::kRestEnded:
        logLine("rest ended");
        break;
      case host::SessionEventKind::kProblem:
        logLine(e.text);
        break;
    }
  }
  for (const std::string& m : speech_->takeMessages())
    logLine(m);
  for (const std::string& m : speech_->takeAudioStarts())
    if (options_.logText)
      logLine("speech: " + m);
  if (options_.logText && session_->text() != lastText_) {
    lastText_ = session_->text();
    logLine("text: \"" + lastText_ + "\"");
  }
}

void DrishtiApp::draw() {
  // A --fast run has no one watching its frames: draw only new screens (for
  // their screenshots) and, in finish(), the last one.
  const bool calibrating = calibration_ != nullptr && calibration_->active();
  if (options_.fast && !forceDraw_ && shotTaken_ && session_->screenSerial() == shotSerial_ &&
      !calibrating)
    return;
  if (calibrating)
    calibration_->render(list_, calibrationSerial_, calibrationNote_);
  else
    session_->render(list_);
  if (!forceDraw_ && sameDrawList(list_, shown_)) {
    highlightCauseUs_ = -1;  // the input changed nothing visible
    return;
  }
  const std::int64_t t0 = hostNowUs();
  drawer_->render(list_);
  const bool newScreen = !shotTaken_ || list_.screenSerial() != shotSerial_;
  ui::RgbaImage shot;
  std::string error;
  // Read before presenting: after a present the back buffer is undefined.
  const bool haveShot =
      screenshots_.isOpen() && newScreen && ui::readRenderer(renderer_, shot, error);
  SDL_RenderPresent(renderer_);
  const std::int64_t t1 = hostNowUs();
  ++stats_.framesDrawn;
  stats_.renderUs.add(t1 - t0);
  if (highlightCauseUs_ >= 0 && !options_.fast)
    stats_.highlightUs.add(t1 - highlightCauseUs_);
  highlightCauseUs_ = -1;
  shown_ = list_;
  forceDraw_ = false;
  if (newScreen) {
    shotTaken_ = true;
    shotSerial_ = list_.screenSerial();
    if (haveShot &&
        screenshots_
            .save(shot, list_, drawer_->scale(), drawer_->offsetX(), drawer_->offsetY(), error)
            .empty())
      logLine(error);
    else if (!error.empty())
      logLine(error);
  }
  for (const std::string& m : drawer_->textCache().takeMessages())
    logLine(m);
}

void DrishtiApp::waitForNextFrame(std::int64_t nowUs) {
  const std::int64_t deadline = std::min(nowUs + kFrameUs, nextScriptEventUs());
  const std::int64_t waitUs = deadline - hostNowUs();
  if (waitUs <= 0)
    return;
  // Returns early when input arrives (SDL events; receivers push a wake-up event).
  SDL_WaitEventTimeout(nullptr, static_cast<int>(waitUs / 1000));
}

void DrishtiApp::runHelpCommand(const std::string& command) {
  if (command.empty())
    return;
  logLine("running the help command: " + command);
  pid_t pid = 0;
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
    logLine("the help command could not be started");
    return;
  }
  children_.push_back(pid);
}

void DrishtiApp::reapChildren() {
  std::erase_if(children_, [](int pid) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
      logLine("the help command failed (status " + std::to_string(status) + ")");
    return done == pid || done < 0;
  });
}

void DrishtiApp::finish() {
  if (screenshots_.isOpen()) {
    // The last screen, whatever it is: a run's result (e.g. the typed text).
    session_->render(list_);
    drawer_->render(list_);
    ui::RgbaImage shot;
    std::string error;
    if (!ui::readRenderer(renderer_, shot, error) ||
        screenshots_
            .save(shot, list_, drawer_->scale(), drawer_->offsetX(), drawer_->offsetY(), error,
                  "last")
            .empty())
      logLine(error);
    SDL_RenderPresent(renderer_);
  }
  if (wav_ != nullptr) {
    speech_->waitUntilIdle(std::chrono::seconds(5));
    if (!wav_->lastError().empty())
      logLine(wav_->lastError());
  }
  if (options_.logText)
    logLine("final text: \"" + session_->text() + "\"");
  if (options_.stats)
    printStats();
}

void DrishtiApp::printStats() const {
  const auto line = [](const char* name, const SampleStats& s) {
    std::printf("stats %s p50_us %" PRId64 " p99_us %" PRId64 " max_us %" PRId64 " n %" PRIu64 "\n",
                name, s.quantile(0.5), s.quantile(0.99), s.max(), s.count());
  };
  std::printf("stats frames %" PRIu64 " drawn %" PRIu64 " input_events %" PRIu64 "\n",
              stats_.frames, stats_.framesDrawn, stats_.inputEvents);
  line("render", stats_.renderUs);
  line("input_to_highlight", stats_.highlightUs);
  const speech::SpeechStats sp = speech_->stats();
  std::printf("stats speech spoken %" PRIu64 " cut %" PRIu64 " dropped %" PRIu64 " failed %" PRIu64
              "\n",
              sp.spoken, sp.cut, sp.dropped, sp.failed);
  for (const WireReceiver* r : {static_cast<const WireReceiver*>(udp_.get()),
                                static_cast<const WireReceiver*>(unix_.get())}) {
    if (r == nullptr)
      continue;
    const ReceiverStats s = r->stats();
    std::printf("stats wire %s bytes %" PRIu64 " messages %" PRIu64 " rejected %" PRIu64 "\n",
                r->name().c_str(), s.bytes, s.messages, s.rejectedFrames);
  }
  const auto& tc = drawer_->textCache().stats();
  std::printf("stats text_cache hits %" PRIu64 " misses %" PRIu64 "\n", tc.hits, tc.misses);
  std::fflush(stdout);
}

}  // namespace drishti::app
