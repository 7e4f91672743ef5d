#include "host/speech/wav_file_writer.h"

#include <unistd.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace drishti::speech {
namespace {

constexpr std::size_t kHeaderSize = 44;

void put16(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}

void put32(std::uint8_t* p, std::uint32_t v) {
  put16(p, v & 0xFFFF);
  put16(p + 2, v >> 16);
}

std::uint32_t get16(const std::uint8_t* p) {
  return p[0] | (p[1] << 8);
}
std::uint32_t get32(const std::uint8_t* p) {
  return get16(p) | (get16(p + 2) << 16);
}

std::array<std::uint8_t, kHeaderSize> header(int sampleRate, std::uint32_t dataBytes) {
  std::array<std::uint8_t, kHeaderSize> h{};
  std::memcpy(h.data(), "RIFF", 4);
  put32(&h[4], 36 + dataBytes);
  std::memcpy(&h[8], "WAVEfmt ", 8);
  put32(&h[16], 16);  // fmt chunk size
  put16(&h[20], 1);   // PCM
  put16(&h[22], 1);   // mono
  put32(&h[24], static_cast<std::uint32_t>(sampleRate));
  put32(&h[28], static_cast<std::uint32_t>(sampleRate) * 2);  // bytes per second
  put16(&h[32], 2);                                           // bytes per frame
  put16(&h[34], 16);                                          // bits per sample
  std::memcpy(&h[36], "data", 4);
  put32(&h[40], dataBytes);
  return h;
}

const char* kindName(host::SpeechKind kind) {
  switch (kind) {
    case host::SpeechKind::kMessage:
      return "message";
    case host::SpeechKind::kLetterEcho:
      return "letter";
    case host::SpeechKind::kWordEcho:
      return "word";
    case host::SpeechKind::kPrompt:
      return "prompt";
  }
  return "?";
}

}  // namespace

WavFileWriter::~WavFileWriter() {
  close();
}

bool WavFileWriter::open(const std::filesystem::path& file, int sampleRate, std::string& error) {
  close();
  path_ = file;
  sampleRate_ = sampleRate;
  samples_ = 0;
  error_.clear();
  wav_ = std::fopen(file.c_str(), "wb");
  if (wav_ == nullptr) {
    error = file.string() + ": cannot create (" + std::strerror(errno) + ")";
    return false;
  }
  const std::filesystem::path tsv = file.string() + ".tsv";
  tsv_ = std::fopen(tsv.c_str(), "w");
  if (tsv_ == nullptr) {
    error = tsv.string() + ": cannot create (" + std::strerror(errno) + ")";
    close();
    return false;
  }
  std::fputs("first_sample\tend_sample\tlanguage\tkind\tcut\ttext\n", tsv_);
  finishHeader();
  return true;
}

void WavFileWriter::close() {
  if (wav_ != nullptr) {
    finishHeader();
    std::fclose(wav_);
    wav_ = nullptr;
  }
  if (tsv_ != nullptr) {
    std::fclose(tsv_);
    tsv_ = nullptr;
  }
}

void WavFileWriter::fail(const char* what) {
  if (error_.empty())
    error_ = path_.string() + ": " + what + " (" + std::strerror(errno) + ")";
}

void WavFileWriter::finishHeader() {
  const auto bytes = static_cast<std::uint32_t>(samples_.load() * 2);
  const auto h = header(sampleRate_, bytes);
  if (std::fseek(wav_, 0, SEEK_SET) != 0 || std::fwrite(h.data(), 1, h.size(), wav_) != h.size() ||
      std::fseek(wav_, 0, SEEK_END) != 0 || std::fflush(wav_) != 0) {
    fail("cannot write the WAV header");
  }
}

void WavFileWriter::begin(const Utterance& /*utterance*/) {
  utteranceStart_ = samples_.load();
}

void WavFileWriter::write(std::span<const std::int16_t> samples) {
  if (wav_ == nullptr || samples.empty())
    return;
  // WAV is little-endian, as is every machine Drishti targets.
  static_assert(std::endian::native == std::endian::little);
  if (std::fwrite(samples.data(), sizeof(std::int16_t), samples.size(), wav_) != samples.size())
    fail("cannot write audio");
  samples_ += static_cast<std::int64_t>(samples.size());
}

void WavFileWriter::end(const Utterance& utterance, bool cut) {
  if (wav_ == nullptr)
    return;
  finishHeader();
  std::string text = utterance.text;
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r')
      c = ' ';
  }
  std::fprintf(tsv_, "%lld\t%lld\t%s\t%s\t%d\t%s\n", static_cast<long long>(utteranceStart_),
               static_cast<long long>(samples_.load()), utterance.language.c_str(),
               kindName(utterance.kind), cut ? 1 : 0, text.c_str());
  if (std::fflush(tsv_) != 0)
    fail("cannot write the transcript");
}

bool readWavFile(const std::filesystem::path& file, std::vector<std::int16_t>& samples,
                 int& sampleRate, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = file.string() + ": cannot be read";
    return false;
  }
  std::array<std::uint8_t, kHeaderSize> h{};
  in.read(reinterpret_cast<char*>(h.data()), h.size());
  if (in.gcount() != static_cast<std::streamsize>(h.size()) ||
      std::memcmp(h.data(), "RIFF", 4) != 0 || std::memcmp(&h[8], "WAVEfmt ", 8) != 0 ||
      std::memcmp(&h[36], "data", 4) != 0) {
    error = file.string() + ": not a WAV file of the kind Drishti writes";
    return false;
  }
  if (get16(&h[20]) != 1 || get16(&h[22]) != 1 || get16(&h[34]) != 16) {
    error = file.string() + ": not 16-bit mono PCM";
    return false;
  }
  sampleRate = static_cast<int>(get32(&h[24]));
  const std::uint32_t bytes = get32(&h[40]);
  samples.resize(bytes / 2);
  in.read(reinterpret_cast<char*>(samples.data()), static_cast<std::streamsize>(bytes));
  if (in.gcount() != static_cast<std::streamsize>(bytes)) {
    error = file.string() + ": shorter than its header says";
    return false;
  }
  return true;
}

}  // namespace drishti::speech
