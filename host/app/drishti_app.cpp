#include "host/app/drishti_app.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "host/app/app_log.h"
#include "host/app/calibration_controller.h"
#include "host/app/host_clock.h"
#include "host/app/udp_receiver.h"
#include "host/app/unix_socket_receiver.h"
#include "host/core/gaze_model_mapper.h"
#include "host/core/host_session.h"
#include "host/core/input_script.h"
#include "host/core/wire_input.h"
#include "host/speech/attention_chime.h"
#include "host/speech/espeak_synthesizer.h"
#include "host/speech/sdl_audio_output.h"
#include "host/speech/speech_service.h"
#include "host/speech/voice_library.h"
#include "host/speech/wav_file_writer.h"
#include "host/ui/draw_list_renderer.h"
#include "host/ui/font_catalog.h"

namespace drishti::app {
namespace {

namespace fs = std::filesystem;

// The installed copy when there is one, else the source tree's (a build
// that has not been installed, as scripts/run uses).
fs::path defaultDir(const char* installed, const char* source) {
  std::error_code ec;
  return fs::is_directory(installed, ec) ? fs::path(installed) : fs::path(source);
}

fs::path defaultStateDir() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg == '/')
    return fs::path(xdg) / "drishti";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
    return fs::path(home) / ".local" / "state" / "drishti";
  return {};
}

bool readFile(const fs::path& file, std::string& text) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream all;
  all << in.rdbuf();
  text = all.str();
  return true;
}

}  // namespace

DrishtiApp::DrishtiApp(AppOptions options) : options_(std::move(options)) {}

DrishtiApp::~DrishtiApp() {
  calibration_.reset();
  udp_.reset();
  unix_.reset();
  session_.reset();  // saves the text; may still speak nothing more
  speech_.reset();   // joins the speech thread before its outputs go
  wav_.reset();
  audio_.reset();
  drawer_.reset();
  if (renderer_ != nullptr)
    SDL_DestroyRenderer(renderer_);
  if (window_ != nullptr)
    SDL_DestroyWindow(window_);
  if (ttf_)
    TTF_Quit();
  SDL_Quit();
}

int DrishtiApp::setUp() {
  if (options_.headless) {
    // Only defaults: an explicit SDL_VIDEODRIVER=dummy, say, is respected.
    ::setenv("SDL_VIDEODRIVER", "offscreen", 0);
    ::setenv("SDL_AUDIODRIVER", "dummy", 0);
  }
  if (options_.dataDir.empty())
    options_.dataDir = defaultDir(DRISHTI_INSTALLED_DATA_DIR, DRISHTI_SOURCE_DATA_DIR);
  if (options_.voicesDir.empty())
    options_.voicesDir = defaultDir(DRISHTI_INSTALLED_VOICES_DIR, DRISHTI_SOURCE_VOICES_DIR);
  if (options_.stateDir.empty() && !options_.noState) {
    options_.stateDir = defaultStateDir();
    if (options_.stateDir.empty())
      logLine("neither XDG_STATE_HOME nor HOME is set: nothing will be kept (use --state DIR)");
  }
  for (const fs::path& dir : {options_.dataDir, options_.voicesDir}) {
    if (!fs::is_directory(dir)) {
      logLine(dir.string() + ": no such folder (see --data and --voices)");
      return kExitBadFile;
    }
  }
  if (int code = openOutputs(); code != kExitOk)
    return code;
  if (int code = openDisplay(); code != kExitOk)
    return code;
  openSpeech();

  host::SessionConfig config;
  config.dataDir = options_.dataDir;
  config.stateDir = options_.stateDir;
  config.profile = options_.profile;
  config.width = options_.width;
  config.height = options_.height;
  session_ = std::make_unique<host::HostSession>(config, speech_.get());
  for (const host::Problem& p : session_->problems())
    logLine(p.describe());

  // The refiner as the profile sets it (gaze.*); frame() follows changes.
  host::GazeMapperParams gazeParams;
  session_->profile().gaze.applyTo(gazeParams);
  gazeMapper_ = std::make_unique<host::CalibratedGazeMapper>(gazeParams);
  loadCalibration();
  wireInput_ = std::make_unique<host::WireInput>(*gazeMapper_);
  if (int code = openWire(); code != kExitOk)
    return code;
  return kExitOk;
}

int DrishtiApp::openOutputs() {
  if (!options_.script.empty()) {
    std::string text;
    if (!readFile(options_.script, text)) {
      logLine(options_.script.string() + ": cannot read the script");
      return kExitBadFile;
    }
    script_ = host::parseInputScript(text, options_.script.string());
    if (!script_.ok()) {
      for (const host::Problem& p : script_.problems)
        logLine(p.describe());
      return kExitBadFile;
    }
    // Its clock starts when the loop does (run()).
    player_ = std::make_unique<host::ScriptPlayer>(script_);
  }
  if (!options_.screenshotDir.empty()) {
    std::string error;
    if (!screenshots_.open(options_.screenshotDir, error)) {
      logLine(error);
      return kExitBadFile;
    }
  }
  if (!options_.speechWav.empty()) {
    const int rate = speech::EspeakSynthesizer::instance().sampleRate();
    wav_ = std::make_unique<speech::WavFileWriter>();
    std::string error;
    if (!wav_->open(options_.speechWav, rate > 0 ? rate : 22050, error)) {
      logLine(error);
      return kExitBadFile;
    }
  }
  return kExitOk;
}

int DrishtiApp::openDisplay() {
  const bool software = options_.software || options_.headless;
  if (software) {
    // Otherwise SDL shows the software renderer's surface through an OpenGL
    // texture, which under Mesa's software GL (a headless machine, a board
    // without a GPU driver) costs 20+ ms a frame; the driver's own
    // framebuffer is a copy.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    logLine(std::string("no display: SDL could not start video (") + SDL_GetError() +
            "); run with --headless to draw off screen");
    return kExitNoDisplay;
  }
  Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (options_.fullscreen)
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  window_ = SDL_CreateWindow("Drishti", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                             options_.width, options_.height, flags);
  if (window_ == nullptr) {
    logLine(std::string("no display: SDL could not open a window (") + SDL_GetError() +
            "); run with --headless to draw off screen");
    return kExitNoDisplay;
  }
  if (!software)
    renderer_ =
        SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (renderer_ == nullptr)
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (renderer_ == nullptr) {
    logLine(std::string("no renderer: ") + SDL_GetError());
    return kExitNoDisplay;
  }
  if (TTF_Init() != 0) {
    logLine(std::string("the font engine (SDL2_ttf) could not start: ") + TTF_GetError());
    return kExitNoDisplay;
  }
  ttf_ = true;
  std::vector<std::string> problems;
  const ui::FontCatalog fonts = ui::FontCatalog::find(problems);
  for (const std::string& p : problems)
    logLine(p);
  drawer_ = std::make_unique<ui::DrawListRenderer>(renderer_, fonts);
  sdlInput_ = std::make_unique<SdlInput>();
  SDL_ShowCursor(SDL_ENABLE);
  wakeEvent_ = SDL_RegisterEvents(1);
  return kExitOk;
}

speech::VoiceLibrary DrishtiApp::loadVoices() {
  const fs::path lastGood =
      options_.stateDir.empty() ? fs::path() : options_.stateDir / "last-good" / "voices";
  speech::VoiceLibrary voices(lastGood);
  std::vector<std::string> messages;
  voices.load(
      options_.voicesDir,
      [](const speech::VoiceProfile& p) {
        return speech::EspeakSynthesizer::instance().checkVoice(p);
      },
      messages);
  for (const std::string& m : messages)
    logLine(m);
  return voices;
}

void DrishtiApp::openSpeech() {
  auto& synth = speech::EspeakSynthesizer::instance();
  if (!synth.ready())
    logLine(synth.initError() + ": the device will not speak");
  std::vector<speech::AudioOutput*> outputs;
  if (!options_.noAudio && synth.ready()) {
    audio_ = std::make_unique<speech::SdlAudioOutput>();
    std::string error;
    if (audio_->open(synth.sampleRate(), error))
      outputs.push_back(audio_.get());
    else
      logLine(error);
  }
  if (wav_ != nullptr)
    outputs.push_back(wav_.get());
  speech::SpeechOptions speechOptions;
  speechOptions.realTime = !options_.fast;  // a --fast run has no listener to keep pace with
  speech_ = std::make_unique<speech::SpeechService>(loadVoices(), outputs, speechOptions);
  chime_ = std::make_shared<const std::vector<std::int16_t>>(
      speech::attentionChime(synth.sampleRate() > 0 ? synth.sampleRate() : 22050));
}

int DrishtiApp::openWire() {
  if (options_.noWire || player_ != nullptr)
    return kExitOk;  // a --script run is driven by its script alone
  std::string error;
  const std::string udp =
      options_.udp.empty() ? std::string(kDefaultUdpAddress) + ":" + std::to_string(kDefaultUdpPort)
                           : options_.udp;
  udp_ = UdpReceiver::open(udp, inbox_, error);
  if (udp_ == nullptr) {
    logLine(error);
    if (options_.udpGiven)
      return kExitWireUnavailable;
  }
  const fs::path path =
      options_.unixSocket.empty() ? fs::path(kDefaultUnixSocketPath) : options_.unixSocket;
  unix_ = UnixSocketReceiver::open(path, inbox_, error, !options_.unixGiven);
  if (unix_ == nullptr) {
    logLine(error);
    if (options_.unixGiven)
      return kExitWireUnavailable;
  }
  const std::uint32_t wake = wakeEvent_;
  inbox_.setWakeUp([wake] {
    SDL_Event e{};
    e.type = wake;
    SDL_PushEvent(&e);
  });
  for (WireReceiver* r :
       {static_cast<WireReceiver*>(udp_.get()), static_cast<WireReceiver*>(unix_.get())}) {
    if (r != nullptr) {
      r->start();
      logLine("drishti-tracker input: " + r->name());
    }
  }
  return kExitOk;
}

}  // namespace drishti::app
