// WavFileWriter: records everything spoken into one WAV file and a transcript.
//
// Represents: the --speech-wav output of headless runs and the capture used by
// tests. Utterances are written back to back as 16-bit mono PCM (no silence
// between them) into FILE; FILE.tsv lists each utterance, one per line:
//   first_sample <TAB> end_sample <TAB> language <TAB> kind <TAB> cut <TAB> text
// (end exclusive; kind is message, letter, word or prompt; cut is 0 or 1).
// The WAV header is rewritten after every utterance and both files flushed, so
// a process killed between utterances leaves complete, playable files.
//
// Thread safety: an AudioOutput (speech thread only), plus sampleCount() which
// may be read from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "host/speech/audio_output.h"

namespace drishti::speech {

class WavFileWriter final : public AudioOutput {
 public:
  WavFileWriter() = default;
  ~WavFileWriter() override;
  WavFileWriter(const WavFileWriter&) = delete;
  WavFileWriter& operator=(const WavFileWriter&) = delete;

  // Creates (truncates) the file and its transcript. False with `error` set
  // ("FILE: reason") when they cannot be created.
  bool open(const std::filesystem::path& file, int sampleRate, std::string& error);
  void close();
  bool isOpen() const { return wav_ != nullptr; }
  const std::string& lastError() const { return error_; }  // first write failure, if any

  void begin(const Utterance& utterance) override;
  void write(std::span<const std::int16_t> samples) override;
  void end(const Utterance& utterance, bool cut) override;

  std::int64_t sampleCount() const { return samples_.load(); }

 private:
  void finishHeader();
  void fail(const char* what);

  std::FILE* wav_ = nullptr;
  std::FILE* tsv_ = nullptr;
  std::filesystem::path path_;
  int sampleRate_ = 0;
  std::atomic<std::int64_t> samples_{0};
  std::int64_t utteranceStart_ = 0;
  std::string error_;
};

// Reads a 16-bit mono PCM WAV as written above (for tests and tools). False
// with `error` set when the file is not such a WAV.
bool readWavFile(const std::filesystem::path& file, std::vector<std::int16_t>& samples,
                 int& sampleRate, std::string& error);

}  // namespace drishti::speech
