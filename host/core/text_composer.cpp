#include "host/core/text_composer.h"

#include <algorithm>

#include "host/core/utf8_text.h"

namespace drishti::host {

bool TextComposer::insert(std::string_view utf8) {
  if (text_.size() + utf8.size() > kMaxTextBytes)
    return false;
  text_.append(utf8);
  return true;
}

bool TextComposer::backspace() {
  if (text_.empty())
    return false;
  text_.erase(lastCodePointStart(text_));
  return true;
}

bool TextComposer::clear() {
  if (text_.empty())
    return false;
  undo_ = std::move(text_);
  text_.clear();
  return true;
}

bool TextComposer::undo() {
  if (undo_.empty())
    return false;
  std::swap(text_, undo_);
  return true;
}

void TextComposer::set(std::string text, std::string undo) {
  text_ = std::move(text);
  undo_ = std::move(undo);
  if (text_.size() > kMaxTextBytes) {
    std::size_t cut = kMaxTextBytes;  // back to the start of a code point
    while (cut > 0 && (static_cast<unsigned char>(text_[cut]) & 0xC0U) == 0x80U)
      --cut;
    text_.erase(cut);
  }
}

std::string_view TextComposer::lastWord() const {
  std::string_view t = text_;
  if (t.empty() || t.back() != ' ')
    return {};
  t.remove_suffix(1);
  const std::size_t space = t.find_last_of(' ');
  return space == std::string_view::npos ? t : t.substr(space + 1);
}

void TextComposer::remember(std::string_view message) {
  if (message.empty())
    return;
  std::erase(recent_, std::string(message));
  recent_.insert(recent_.begin(), std::string(message));
  if (recent_.size() > kMaxRecent)
    recent_.resize(kMaxRecent);
}

void TextComposer::setRecent(std::vector<std::string> recent) {
  recent_ = std::move(recent);
  if (recent_.size() > kMaxRecent)
    recent_.resize(kMaxRecent);
}

}  // namespace drishti::host
