#include "host/ui/text_cache.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include <utility>

namespace drishti::ui {
namespace {

constexpr std::uint64_t kKeepFrames = 3;  // entries used this recently are never evicted
constexpr std::size_t kMaxFonts = 48;

void appendKey(std::string& key, std::string_view utf8, int sizePx, host::Script script,
               host::Color c) {
  key.clear();
  const char head[] = {static_cast<char>(sizePx & 0xFF),
                       static_cast<char>((sizePx >> 8) & 0xFF),
                       static_cast<char>(script),
                       static_cast<char>(c.r),
                       static_cast<char>(c.g),
                       static_cast<char>(c.b),
                       static_cast<char>(c.a)};
  key.append(head, sizeof head);
  key.append(utf8);
}

}  // namespace

TextCache::TextCache(SDL_Renderer* renderer, const FontCatalog& fonts, std::size_t capacity)
    : renderer_(renderer), fonts_(fonts), capacity_(capacity) {
  entries_.reserve(capacity * 2);
  key_.reserve(256);
}

TextCache::~TextCache() {
  for (auto& [key, entry] : entries_)
    SDL_DestroyTexture(entry.text.texture);
  for (auto& [key, f] : fontsBySize_)
    TTF_CloseFont(f);
}

TTF_Font* TextCache::openFont(const FontFace& face, host::Script script, int sizePx, bool shape) {
  if (!face.found)
    return nullptr;
  TTF_Font* f = TTF_OpenFontIndex(face.path.c_str(), sizePx, face.index);
  if (f == nullptr)
    return nullptr;
  TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
  if (shape) {
    TTF_SetFontScriptName(f, FontCatalog::scriptTag(script));
    TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
  }
  return f;
}

TTF_Font* TextCache::font(host::Script script, int sizePx) {
  const auto key = std::make_pair(static_cast<int>(script), sizePx);
  if (const auto it = fontsBySize_.find(key); it != fontsBySize_.end())
    return it->second;
  const FontFace* face = &fonts_.face(script);
  if (!face->found)
    face = &fonts_.face(host::Script::kLatin);  // draws something; FontCatalog said what is missing
  TTF_Font* f = openFont(*face, script, sizePx, true);
  if (f == nullptr) {
    messages_.push_back("cannot open the font " + face->path + " (" + TTF_GetError() + ")");
  } else if (!warnedShaping_ && TTF_SetFontScriptName(f, FontCatalog::scriptTag(script)) != 0) {
    warnedShaping_ = true;
    messages_.push_back(
        "SDL2_ttf was built without HarfBuzz: Hindi and Malayalam text will be drawn unshaped");
  }
  fontsBySize_[key] = f;  // a failure is remembered too, so it is not retried every frame
  return f;
}

const TextTexture& TextCache::get(std::string_view utf8, int sizePx, host::Script script,
                                  host::Color color) {
  if (utf8.empty() || sizePx <= 0)
    return none_;
  appendKey(key_, utf8, sizePx, script, color);
  if (auto it = entries_.find(key_); it != entries_.end()) {
    ++stats_.hits;
    it->second.lastUsed = frame_;
    return it->second.text;
  }
  ++stats_.misses;
  Entry entry;
  entry.lastUsed = frame_;
  if (TTF_Font* f = font(script, sizePx); f != nullptr) {
    const std::string text(utf8);  // TTF wants a NUL-terminated string
    SDL_Surface* surface =
        TTF_RenderUTF8_Blended(f, text.c_str(), {color.r, color.g, color.b, color.a});
    if (surface != nullptr) {
      entry.text.texture = SDL_CreateTextureFromSurface(renderer_, surface);
      entry.text.width = surface->w;
      entry.text.height = surface->h;
      SDL_FreeSurface(surface);
      if (entry.text.texture != nullptr)
        SDL_SetTextureBlendMode(entry.text.texture, SDL_BLENDMODE_BLEND);
    }
  }
  if (entry.text.texture == nullptr)
    ++stats_.failures;
  return entries_.emplace(key_, entry).first->second.text;
}

void TextCache::endFrame() {
  ++frame_;
  // Textures do not need their fonts once drawn, so too many open sizes
  // (from shrink-to-fit) are simply closed and reopened on demand.
  if (fontsBySize_.size() > kMaxFonts) {
    for (auto& [key, f] : fontsBySize_)
      TTF_CloseFont(f);
    fontsBySize_.clear();
  }
  if (entries_.size() <= capacity_)
    return;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.lastUsed + kKeepFrames < frame_) {
      SDL_DestroyTexture(it->second.text.texture);
      it = entries_.erase(it);
      ++stats_.evictions;
    } else {
      ++it;
    }
  }
}

}  // namespace drishti::ui
