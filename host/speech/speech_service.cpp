#include "host/speech/speech_service.h"

#include <algorithm>
#include <span>
#include <utility>

#include "host/speech/espeak_synthesizer.h"

namespace drishti::speech {
namespace {

bool isEcho(host::SpeechKind kind) {
  return kind == host::SpeechKind::kLetterEcho || kind == host::SpeechKind::kWordEcho;
}

constexpr auto kDrainTimeout = std::chrono::seconds(2);

}  // namespace

SpeechService::SpeechService(VoiceLibrary voices, std::vector<AudioOutput*> outputs,
                             SpeechOptions options)
    : outputs_(std::move(outputs)),
      options_(options),
      sampleRate_(EspeakSynthesizer::instance().sampleRate()),
      voices_(std::move(voices)) {
  if (!EspeakSynthesizer::instance().ready())
    messages_.push_back(EspeakSynthesizer::instance().initError());
  thread_ = std::thread([this] { run(); });
}

SpeechService::~SpeechService() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
    cancel_ = true;
    stats_.dropped += queue_.size();
    queue_.clear();
  }
  wake_.notify_all();
  thread_.join();
}

void SpeechService::speak(const host::SpeechRequest& request) {
  enqueue({request, nullptr, 0});
}

void SpeechService::playClip(std::string label,
                             std::shared_ptr<const std::vector<std::int16_t>> samples,
                             host::SpeechKind kind, bool interrupt) {
  enqueue({{std::move(label), "", kind, interrupt}, std::move(samples), 0});
}

void SpeechService::enqueue(Item item) {
  const host::SpeechRequest& request = item.request;
  {
    std::lock_guard lock(mutex_);
    if (request.interrupt) {
      dropQueuedLocked(false);
      cancel_ = true;
      for (AudioOutput* out : outputs_)
        out->discard();
    } else if (isEcho(request.kind)) {
      dropQueuedLocked(true);
    }
    item.id = nextId_++;
    queue_.push_back(std::move(item));
  }
  wake_.notify_all();
}

void SpeechService::stopSpeaking() {
  {
    std::lock_guard lock(mutex_);
    dropQueuedLocked(false);
    cancel_ = true;
  }
  // Cut what the sound card still holds now, not when the speech thread wakes.
  for (AudioOutput* out : outputs_)
    out->discard();
  wake_.notify_all();
}

void SpeechService::dropQueuedLocked(bool echoesOnly) {
  const auto before = queue_.size();
  std::erase_if(queue_, [&](const Item& i) { return !echoesOnly || isEcho(i.request.kind); });
  stats_.dropped += before - queue_.size();
}

bool SpeechService::speaking() const {
  std::lock_guard lock(mutex_);
  return busy_ || !queue_.empty();
}

bool SpeechService::waitUntilIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [&] { return !busy_ && queue_.empty(); });
}

void SpeechService::setVoices(VoiceLibrary voices) {
  std::lock_guard lock(mutex_);
  voices_ = std::move(voices);
}

std::vector<std::string> SpeechService::takeMessages() {
  std::lock_guard lock(mutex_);
  return std::exchange(messages_, {});
}

std::vector<std::string> SpeechService::takeAudioStarts() {
  std::lock_guard lock(mutex_);
  return std::exchange(audioStarts_, {});
}

SpeechStats SpeechService::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void SpeechService::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return quit_ || !queue_.empty(); });
    if (quit_)
      break;
    const Item item = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    cancel_ = false;  // a stop before this point emptied the queue instead
    const VoiceProfile profile = voices_.profileFor(item.request.language);
    lock.unlock();
    speakOne(item, profile);
    lock.lock();
    busy_ = false;
    if (queue_.empty())
      idle_.notify_all();
  }
  idle_.notify_all();
}

bool SpeechService::waitOrStop(std::chrono::steady_clock::time_point until) {
  std::unique_lock lock(mutex_);
  return wake_.wait_until(lock, until, [&] { return cancel_.load() || quit_; });
}

void SpeechService::speakOne(const Item& item, const VoiceProfile& profile) {
  const host::SpeechRequest& request = item.request;
  pcm_.clear();
  std::string error;
  SynthStatus status = SynthStatus::kOk;
  if (item.clip != nullptr) {
    pcm_.assign(item.clip->begin(), item.clip->end());
  } else {
    status = EspeakSynthesizer::instance().synthesize(request.text, profile, isEcho(request.kind),
                                                      pcm_, &cancel_, error);
  }
  if (status == SynthStatus::kFailed) {
    std::lock_guard lock(mutex_);
    ++stats_.failed;
    messages_.push_back("speech: " + error);
    return;
  }
  Utterance u{item.id, request.text, item.clip != nullptr ? "" : profile.language, request.kind,
              sampleRate_};
  for (AudioOutput* out : outputs_)
    out->begin(u);

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto timeOf = [&](std::int64_t sample) {
    return start + std::chrono::microseconds(sample * 1'000'000 / sampleRate_);
  };
  const auto chunk = static_cast<std::size_t>(std::max(1, sampleRate_ * options_.chunkMs / 1000));
  const std::int64_t lead = std::int64_t{sampleRate_} * options_.leadMs / 1000;
  bool cut = status == SynthStatus::kCancelled;
  std::size_t pos = 0;
  while (!cut && pos < pcm_.size()) {
    if (options_.realTime && waitOrStop(timeOf(static_cast<std::int64_t>(pos) - lead))) {
      cut = true;
      break;
    }
    const std::size_t n = std::min(chunk, pcm_.size() - pos);
    const std::span<const std::int16_t> part(pcm_.data() + pos, n);
    for (AudioOutput* out : outputs_)
      out->write(part);
    if (pos == 0 &&
        (request.kind == host::SpeechKind::kMessage || request.kind == host::SpeechKind::kPrompt)) {
      // When the first sound of a message or prompt (an answer) leaves for the outputs, on the
      // monotonic clock the app stamps input with: selection-to-voice latency.
      const auto us =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
              .count();
      std::lock_guard lock(mutex_);
      audioStarts_.push_back(std::string("first audio of ") +
                             (request.kind == host::SpeechKind::kMessage ? "message " : "prompt ") +
                             std::to_string(item.id) + " at " + std::to_string(us) + " us");
    }
    pos += n;
  }
  if (!cut && options_.realTime) {
    // Let the last chunk be heard, then wait for the sound card to empty its
    // queue, so speaking() stays true while the voice is audible.
    cut = waitOrStop(timeOf(static_cast<std::int64_t>(pcm_.size())));
    const auto drainEnd = Clock::now() + kDrainTimeout;
    while (!cut && Clock::now() < drainEnd) {
      std::int64_t queued = 0;
      for (AudioOutput* out : outputs_)
        queued = std::max(queued, out->queuedSamples());
      if (queued == 0)
        break;
      cut = waitOrStop(Clock::now() + std::chrono::milliseconds(5));
    }
  }
  cut = cut || cancel_.load();
  if (cut) {
    for (AudioOutput* out : outputs_)
      out->discard();
  }
  for (AudioOutput* out : outputs_)
    out->end(u, cut);
  std::lock_guard lock(mutex_);
  ++(cut ? stats_.cut : stats_.spoken);
}

}  // namespace drishti::speech
