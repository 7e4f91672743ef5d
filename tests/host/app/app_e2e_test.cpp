// End-to-end tests of the real drishti binary, headless: scripted dwell
// sessions that type and speak in English, Hindi and Malayalam, kill -9 and
// restart, a corrupt voice file, and the documented exit codes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "firmware/protocol/frame_codec.h"
#include "host/app/dwell_planner.h"
#include "host/core/host_session.h"
#include "host/core/input_script.h"
#include "host/core/profile.h"
#include "host/speech/espeak_synthesizer.h"
#include "host/speech/voice_library.h"
#include "host/speech/wav_file_writer.h"
#include "host/ui/font_catalog.h"
#include "tests/host/app/loopback_udp.h"
#include "tests/host/app/run_drishti.h"
#include "tests/host/speech/capture_output.h"
#include "tests/host/ui/text_compare.h"
#include "tests/support/test_data.h"

using namespace drishti;
using app::test::DrishtiProcess;
using app::test::LoopbackUdp;
using app::test::readText;
using app::test::runDrishti;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct Language {
  const char* profile;  // profile name written into the state folder
  const char* language;
  const char* letterBoard;
  const char* phraseBoard;
  const char* yesNoBoard;
  host::Script script;
};

const Language kEnglish{"english", "en", "en-abc", "en-phrases", "en-yesno", host::Script::kLatin};
const Language kHindi{"hindi",      "hi",       "hi-varnamala",
                      "hi-phrases", "hi-yesno", host::Script::kDevanagari};
const Language kMalayalam{"malayalam",  "ml",       "ml-aksharamala",
                          "ml-phrases", "ml-yesno", host::Script::kMalayalam};

class RecordingSpeech final : public host::SpeechSink {
 public:
  void speak(const host::SpeechRequest& r) override { requests.push_back(r); }
  void stopSpeaking() override {}
  bool speaking() const override { return false; }
  std::vector<host::SpeechRequest> requests;
};

fs::path sourceDir() {
  return fs::path(std::getenv("DRISHTI_SOURCE_DIR"));
}

void writeProfile(const fs::path& stateDir, const Language& lang) {
  host::Profile p;
  p.name = lang.profile;
  p.language = lang.language;
  p.voice = lang.language;
  p.letterBoard = lang.letterBoard;
  p.phraseBoard = lang.phraseBoard;
  p.yesNoBoard = lang.yesNoBoard;
  fs::create_directories(stateDir / "profiles");
  std::ofstream(stateDir / "profiles" / (std::string(lang.profile) + ".profile"))
      << host::formatProfile(p);
}

// A dwell script typing `text` (and looking at Speak when `speak`), planned on
// a session set up exactly as the app's will be. Checks the plan on that
// session, so a failure later is the app's, not the plan's.
fs::path planScript(const fs::path& dir, const Language& lang, const std::string& text,
                    bool speak) {
  const fs::path planState = dir / "plan-state";
  writeProfile(planState, lang);
  RecordingSpeech recorder;
  host::SessionConfig config;
  config.dataDir = sourceDir() / "host" / "data";
  config.stateDir = planState;
  config.profile = lang.profile;
  host::HostSession plan(config, &recorder);
  REQUIRE(plan.board() != nullptr);
  REQUIRE(plan.board()->id == lang.letterBoard);
  app::DwellPlan dwell;
  dwell.speak = speak;
  std::string error;
  const std::string script = app::planDwellScript(plan, text, dwell, error);
  INFO(error);
  REQUIRE_FALSE(script.empty());
  const host::InputScript parsed = host::parseInputScript(script, "plan");
  REQUIRE(parsed.ok());
  for (host::InputEvent e : parsed.events) {
    e.tUs += 1'000'000;
    plan.handle(e);
  }
  plan.advanceTo(1'000'000 + parsed.endUs);
  REQUIRE(plan.text() == (speak && plan.profile().clearAfterSpeak ? "" : text));
  if (speak) {
    REQUIRE_FALSE(recorder.requests.empty());
    REQUIRE(recorder.requests.back().text == text);
  }
  const fs::path file = dir / (std::string(lang.profile) + ".script");
  std::ofstream(file) << script;
  return file;
}

struct TranscriptRow {
  long first = 0, end = 0;
  std::string language, kind, text;
  bool cut = false;
};

std::vector<TranscriptRow> readTranscript(const fs::path& tsv) {
  std::vector<TranscriptRow> rows;
  std::istringstream in(readText(tsv));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream f(line);
    TranscriptRow r;
    std::string first, end, cut;
    std::getline(f, first, '\t');
    std::getline(f, end, '\t');
    std::getline(f, r.language, '\t');
    std::getline(f, r.kind, '\t');
    std::getline(f, cut, '\t');
    std::getline(f, r.text);
    r.first = std::stol(first);
    r.end = std::stol(end);
    r.cut = cut == "1";
    rows.push_back(r);
  }
  return rows;
}

struct ShownText {
  SDL_Rect area;   // image px
  float size = 0;  // image px
  host::Script script = host::Script::kLatin;
  bool found = false;
};

// Where the screenshot's .txt says `text` is drawn, in image px.
ShownText findText(const fs::path& txt, const std::string& text) {
  std::istringstream in(readText(txt));
  std::string line;
  float scale = 1, ox = 0, oy = 0;
  ShownText shown;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string s; std::getline(fields, s, '\t');)
      f.push_back(s);
    if (f.size() >= 7 && f[0] == "screen") {
      scale = std::stof(f[4]);
      ox = std::stof(f[5]);
      oy = std::stof(f[6]);
    } else if (f.size() >= 10 && f[0] == "text" && f[9] == text) {
      shown.area = {static_cast<int>(std::stof(f[1]) * scale + ox),
                    static_cast<int>(std::stof(f[2]) * scale + oy),
                    static_cast<int>(std::stof(f[3]) * scale),
                    static_cast<int>(std::stof(f[4]) * scale)};
      shown.size = std::stof(f[5]) * scale;
      shown.script = f[6] == "devanagari"  ? host::Script::kDevanagari
                     : f[6] == "malayalam" ? host::Script::kMalayalam
                     : f[6] == "han"       ? host::Script::kHan
                                           : host::Script::kLatin;
      shown.found = true;
    }
  }
  return shown;
}

// The most common colour in the area: the background the text is drawn on.
host::Color backgroundOf(const ui::RgbaImage& image, SDL_Rect a) {
  std::map<std::uint32_t, int> counts;
  for (int y = a.y; y < a.y + a.h; ++y)
    for (int x = a.x; x < a.x + a.w; ++x) {
      const std::uint8_t* p = image.at(x, y);
      ++counts[(p[0] << 16) | (p[1] << 8) | p[2]];
    }
  const auto best = std::max_element(counts.begin(), counts.end(),
                                     [](auto& l, auto& r) { return l.second < r.second; });
  return {static_cast<std::uint8_t>(best->first >> 16), static_cast<std::uint8_t>(best->first >> 8),
          static_cast<std::uint8_t>(best->first), 255};
}

double referenceSeconds(const std::string& text, const std::string& language) {
  speech::VoiceLibrary voices;
  std::vector<std::string> messages;
  voices.load(sourceDir() / "voices", {}, messages);
  std::vector<std::int16_t> pcm;
  std::string error;
  auto& synth = speech::EspeakSynthesizer::instance();
  REQUIRE(synth.synthesize(text, voices.profileFor(language), false, pcm, nullptr, error) ==
          speech::SynthStatus::kOk);
  return static_cast<double>(pcm.size()) / synth.sampleRate();
}

void typeAndSpeak(const Language& lang, const std::string& text) {
  const fs::path dir = drishti::test::scratchDir((std::string("e2e-") + lang.profile).c_str());
  const fs::path script = planScript(dir, lang, text, true);
  const fs::path state = dir / "state";
  writeProfile(state, lang);
  std::string err;
  const int code = runDrishti(
      {"--headless", "--state", state, "--profile", lang.profile, "--script", script, "--fast",
       "--speech-wav", dir / "speech.wav", "--screenshot-dir", dir / "shots", "--log-text"},
      dir, &err);
  INFO(err);
  REQUIRE(code == 0);

  // It said exactly the text, once, in the language's voice.
  const auto rows = readTranscript(dir / "speech.wav.tsv");
  std::vector<TranscriptRow> messages;
  for (const auto& r : rows)
    if (r.kind == "message")
      messages.push_back(r);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].text == text);
  CHECK(messages[0].language == lang.language);
  CHECK_FALSE(messages[0].cut);

  // The audio of it is speech (not silence) and as long as the voice takes to say it.
  std::vector<std::int16_t> wav;
  int rate = 0;
  std::string error;
  REQUIRE(speech::readWavFile(dir / "speech.wav", wav, rate, error));
  REQUIRE(messages[0].end <= static_cast<long>(wav.size()));
  const std::vector<std::int16_t> said(wav.begin() + messages[0].first,
                                       wav.begin() + messages[0].end);
  const double seconds = static_cast<double>(said.size()) / rate;
  const double expected = referenceSeconds(text, lang.language);
  INFO("spoken " << seconds << " s, reference " << expected << " s");
  CHECK(speech::test::voicedFraction(said, rate) > 0.4);
  CHECK(seconds > 0.9 * expected);
  CHECK(seconds < 1.1 * expected);

  // The last screenshot shows the text as SDL2_ttf shapes it with the script
  // set, and not as it looks unshaped.
  const ShownText shown = findText(dir / "shots" / "last.txt", text);
  REQUIRE(shown.found);
  CHECK(shown.script == lang.script);
  ui::RgbaImage image;
  REQUIRE(ui::readPng(dir / "shots" / "last.png", image, error));
  std::vector<std::string> problems;
  const ui::FontCatalog fonts = ui::FontCatalog::find(problems);
  const int size = static_cast<int>(std::lround(shown.size));
  const host::Color bg = backgroundOf(image, shown.area);
  const double shaped = ui::test::bestMatch(
      image, shown.area, bg,
      ui::test::referenceText(fonts.face(lang.script), lang.script, text, size, true));
  INFO("match with the shaped reference " << shaped);
  CHECK(shaped > 0.9);
  if (lang.script != host::Script::kLatin) {
    const double unshaped = ui::test::bestMatch(
        image, shown.area, bg,
        ui::test::referenceText(fonts.face(lang.script), lang.script, text, size, false));
    INFO("match with the unshaped rendering " << unshaped);
    CHECK(unshaped < shaped - 0.1);
  }
  // A screenshot was saved when the board first appeared, too.
  CHECK(fs::exists(dir / "shots" / (std::string("0001-board_") + lang.letterBoard + ".png")));
}

}  // namespace

TEST_CASE("a scripted dwell session on the English board types and speaks 'i need water'",
          "[e2e]") {
  typeAndSpeak(kEnglish, "i need water");
}

TEST_CASE("a scripted dwell session on the Hindi board types and speaks 'मुझे पानी चाहिए'", "[e2e]") {
  typeAndSpeak(kHindi, "मुझे पानी चाहिए");
}

TEST_CASE("a scripted dwell session on the Malayalam board types and speaks 'എനിക്ക് വെള്ളം വേണം'",
          "[e2e]") {
  typeAndSpeak(kMalayalam, "എനിക്ക് വെള്ളം വേണം");
}

TEST_CASE("text typed before a kill -9 is there after a restart", "[e2e]") {
  const fs::path dir = drishti::test::scratchDir("e2e-kill");
  const fs::path script = planScript(dir, kEnglish, "water", false);
  const fs::path state = dir / "state";
  writeProfile(state, kEnglish);
  std::string typed;
  {
    // In real time, so the kill lands while typing goes on.
    DrishtiProcess app({"--headless", "--state", state, "--profile", "english", "--script", script,
                        "--log-text", "--no-audio"},
                       dir);
    const auto until = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < until) {
      if (app.err().find("text: \"wa\"") != std::string::npos)
        break;
      std::this_thread::sleep_for(20ms);
    }
    INFO(app.err());
    REQUIRE(app.err().find("text: \"wa\"") != std::string::npos);
    app.kill9();  // the next letter is a dwell (over a second) away
    typed = "wa";
  }
  std::ofstream(dir / "wait.script") << "drishti-script 1\nwait 200\n";
  std::string err;
  const int code = runDrishti(
      {"--headless", "--state", state, "--profile", "english", "--script", dir / "wait.script",
       "--fast", "--log-text", "--no-audio", "--screenshot-dir", dir / "shots"},
      dir, &err);
  INFO(err);
  CHECK(code == 0);
  CHECK(err.find("final text: \"" + typed + "\"") != std::string::npos);
  CHECK(findText(dir / "shots" / "last.txt", typed).found);  // on screen, in the message bar
}

TEST_CASE("a corrupt voice file is reported by file and line and the last good version speaks",
          "[e2e]") {
  const fs::path dir = drishti::test::scratchDir("e2e-voice");
  const fs::path voices = dir / "voices";
  fs::create_directories(voices);
  fs::copy_file(sourceDir() / "voices" / "en.voice", voices / "en.voice");
  const fs::path script = planScript(dir, kEnglish, "yes", true);
  const fs::path state = dir / "state";
  writeProfile(state, kEnglish);
  const auto args = [&](const fs::path& stateDir) {
    return std::vector<std::string>{"--headless",    "--state",      stateDir.string(),
                                    "--profile",     "english",      "--voices",
                                    voices.string(), "--script",     script.string(),
                                    "--fast",        "--speech-wav", (dir / "speech.wav").string()};
  };
  // A good run keeps a copy of the voice file.
  REQUIRE(runDrishti(args(state), dir) == 0);
  REQUIRE(fs::exists(state / "last-good" / "voices" / "en.voice"));

  // Break the rate line and run again (with the same copies, and no text left
  // over from the first run).
  const fs::path again = dir / "state-again";
  writeProfile(again, kEnglish);
  fs::create_directories(again / "last-good" / "voices");
  fs::copy_file(state / "last-good" / "voices" / "en.voice",
                again / "last-good" / "voices" / "en.voice");
  std::istringstream lines(readText(voices / "en.voice"));
  std::string broken, line;
  int brokenLine = 0;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.starts_with("rate_wpm")) {
      line = "rate_wpm = fast";
      brokenLine = n;
    }
    broken += line + "\n";
  }
  REQUIRE(brokenLine > 0);
  std::ofstream(voices / "en.voice", std::ios::trunc) << broken;
  std::string err;
  REQUIRE(runDrishti(args(again), dir, &err) == 0);
  INFO(err);
  CHECK(err.find((voices / "en.voice").string() + ":" + std::to_string(brokenLine) +
                 ": rate_wpm must be a whole number, not 'fast'") != std::string::npos);
  CHECK(err.find("using the last good version, saved in " +
                 (again / "last-good" / "voices" / "en.voice").string()) != std::string::npos);
  std::vector<std::int16_t> wav;
  int rate = 0;
  std::string error;
  REQUIRE(speech::readWavFile(dir / "speech.wav", wav, rate, error));
  CHECK(speech::test::voicedFraction(wav, rate) > 0.3);
  const auto rows = readTranscript(dir / "speech.wav.tsv");
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.back().text == "yes");
}

TEST_CASE("drishti exits with the documented codes on bad arguments and files", "[e2e]") {
  const fs::path dir = drishti::test::scratchDir("e2e-exit");
  std::string err, out;
  CHECK(runDrishti({"--help"}, dir, &err, &out) == 0);
  CHECK(out.find("Exit codes") != std::string::npos);
  CHECK(runDrishti({"--bogus"}, dir, &err) == 2);
  CHECK(err.find("unknown option '--bogus'") != std::string::npos);
  CHECK(runDrishti({"--size", "12x"}, dir, &err) == 2);
  CHECK(runDrishti({"--script"}, dir, &err) == 2);
  CHECK(runDrishti({"--fast"}, dir, &err) == 2);
  CHECK(runDrishti({"--udp", "nowhere:1"}, dir, &err) == 2);

  CHECK(runDrishti({"--headless", "--no-state", "--script", (dir / "missing.script").string()}, dir,
                   &err) == 3);
  CHECK(err.find("missing.script: cannot read the script") != std::string::npos);
  std::ofstream(dir / "bad.script") << "drishti-script 1\nwait 100\nlook here\n";
  CHECK(runDrishti({"--headless", "--no-state", "--script", (dir / "bad.script").string()}, dir,
                   &err) == 3);
  CHECK(err.find((dir / "bad.script").string() + ":3:") != std::string::npos);
  std::ofstream(dir / "ok.script") << "drishti-script 1\nwait 10\n";
  const std::string ok = (dir / "ok.script").string();
  CHECK(
      runDrishti({"--headless", "--no-state", "--script", ok, "--speech-wav", "/nonexistent/x.wav"},
                 dir, &err) == 3);
  CHECK(err.find("/nonexistent/x.wav: cannot create") != std::string::npos);
  std::ofstream(dir / "a-file") << "x";
  CHECK(runDrishti({"--headless", "--no-state", "--script", ok, "--screenshot-dir",
                    (dir / "a-file" / "shots").string()},
                   dir, &err) == 3);
  CHECK(runDrishti({"--headless", "--no-state", "--data", (dir / "nothing").string()}, dir, &err) ==
        3);

  // No display: SDL cannot start the video driver asked for.
  CHECK(runDrishti({"--no-state", "--script", ok}, dir, &err, nullptr,
                   {"SDL_VIDEODRIVER=no-such-driver"}) == 4);
  CHECK(err.find("run with --headless") != std::string::npos);

  // A UDP port that is taken, when asked for explicitly.
  LoopbackUdp taken;
  REQUIRE(taken.bound());
  const std::string endpoint = taken.endpoint();
  CHECK(runDrishti(
            {"--headless", "--no-state", "--udp", endpoint, "--unix", (dir / "t.sock").string()},
            dir, &err) == 5);
  CHECK(err.find("cannot listen for drishti-tracker on UDP " + endpoint) != std::string::npos);
}

TEST_CASE("three long blinks from the tracker over UDP call for help, through garbage on the wire",
          "[e2e]") {
  const fs::path dir = drishti::test::scratchDir("e2e-wire");
  // A free port for the app (bound and released here).
  LoopbackUdp probe;
  REQUIRE(probe.bound());
  probe.release();
  sockaddr_in sa = probe.address();
  const std::string endpoint = probe.endpoint();

  DrishtiProcess app(
      {"--headless", "--no-state", "--udp", endpoint, "--unix", (dir / "no-tracker.sock").string(),
       "--speech-wav", (dir / "speech.wav").string(), "--screenshot-dir", (dir / "shots").string(),
       "--no-audio"},
      dir);
  const auto waitFor = [&](const std::string& text, std::chrono::milliseconds timeout) {
    return app.waitForStderr(text, timeout);
  };
  REQUIRE(waitFor("drishti-tracker input: udp " + endpoint, 10s));

  const int tx = ::socket(AF_INET, SOCK_DGRAM, 0);
  const auto send = [&](const std::vector<std::uint8_t>& bytes) {
    ::sendto(tx, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&sa), sizeof sa);
  };
  const auto frame = [](const protocol::Message& m) {
    std::vector<std::uint8_t> out(protocol::kMaxFrameSize);
    out.resize(protocol::encodeFrame(m, out));
    return out;
  };
  std::uint32_t seq = 1;
  std::uint64_t trackerUs = 5'000'000;
  for (int i = 0; i < 3; ++i) {
    send({0x13, 0x37, 0x00, 0xFF, 0xFE});  // garbage between the frames
    protocol::BlinkEvent b;
    b.seq = seq++;
    b.startUs = trackerUs;
    b.endUs = trackerUs + 2'400'000;
    b.durationMs = 2400;
    b.sendUs = b.endUs + 1000;
    b.kind = protocol::BlinkKind::kLong;
    b.confidence = 0.9F;
    trackerUs = b.endUs + 600'000;
    send(frame(b));
    std::this_thread::sleep_for(300ms);
  }
  ::close(tx);
  INFO(app.err());
  REQUIRE(waitFor("HELP CALLED", 10s));
  CHECK(waitFor("rejected a frame", 1s));  // counted and logged, and the app carried on
  std::this_thread::sleep_for(1500ms);     // the help prompt and chime are spoken
  ::kill(app.pid(), SIGTERM);              // as systemd stops it: an orderly exit
  CHECK(app.wait(10s) == 0);
  bool chime = false;
  for (const auto& row : readTranscript(dir / "speech.wav.tsv"))
    chime = chime || row.text == "[attention]";
  CHECK(chime);
  CHECK(readText(dir / "shots" / "last.txt").starts_with("screen\thelp"));
}
