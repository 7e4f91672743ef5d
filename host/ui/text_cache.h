// TextCache: shaped, rasterised text as SDL textures, cached.
//
// Represents: every piece of text the renderer draws, keyed by (text, size,
// script, colour). A miss opens the script's font at that size (kept too),
// sets its HarfBuzz script and direction (without them SDL2_ttf shapes
// Devanagari and Malayalam as if they were Latin: vowel signs in the wrong
// place, no conjuncts), shapes and rasterises with TTF_RenderUTF8_Blended and
// uploads a texture. A hit costs one hash lookup, so a steady screen does no
// shaping at all. Entries unused for a few frames are evicted once the cache
// holds more than `capacity` textures.
//
// Requires TTF_Init() and a live SDL_Renderer that outlives the cache.
// Not thread-safe: the UI thread only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "host/core/draw_list.h"
#include "host/ui/font_catalog.h"

struct SDL_Renderer;
struct SDL_Texture;
typedef struct _TTF_Font TTF_Font;

namespace drishti::ui {

struct TextTexture {
  SDL_Texture* texture = nullptr;
  int width = 0;  // px
  int height = 0;
};

struct TextCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;  // each one shaped and rasterised text
  std::uint64_t evictions = 0;
  std::uint64_t failures = 0;
};

class TextCache {
 public:
  TextCache(SDL_Renderer* renderer, const FontCatalog& fonts, std::size_t capacity = 512);
  ~TextCache();
  TextCache(const TextCache&) = delete;
  TextCache& operator=(const TextCache&) = delete;

  // The texture for the text; texture == nullptr when it cannot be drawn
  // (no font, empty text). sizePx is the font's em size in px.
  const TextTexture& get(std::string_view utf8, int sizePx, host::Script script, host::Color color);

  // Opens the font for a script at a size, with shaping set up (or not, for
  // tests that show what unshaped text looks like). Caller owns the result.
  static TTF_Font* openFont(const FontFace& face, host::Script script, int sizePx, bool shape);

  // Call once per frame, after drawing: evicts what was not used lately.
  void endFrame();
  const TextCacheStats& stats() const { return stats_; }
  std::size_t size() const { return entries_.size(); }
  // Problems met (a font that would not open, shaping unavailable); each once.
  std::vector<std::string> takeMessages() { return std::exchange(messages_, {}); }

 private:
  struct Entry {
    TextTexture text;
    std::uint64_t lastUsed = 0;
  };
  TTF_Font* font(host::Script script, int sizePx);

  SDL_Renderer* renderer_;
  FontCatalog fonts_;
  std::size_t capacity_;
  std::uint64_t frame_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  std::map<std::pair<int, int>, TTF_Font*> fontsBySize_;  // (script, size)
  std::string key_;                                       // reused for lookups
  TextTexture none_;
  TextCacheStats stats_;
  std::vector<std::string> messages_;
  bool warnedShaping_ = false;
};

}  // namespace drishti::ui
