// HeldSelections: what typed keys would teach the drift correction, held back
// until the person has kept them.
//
// Represents: the selections that say where the person looked (a letter or a
// space, selectionShowsGaze), each with the uncorrected centroid of the
// fixation that chose it, the key's centre and the size of the text once it
// was typed. A wrong key that the person deletes must teach nothing: learning
// from it moves the gaze toward the wrong key, so the next look at the right
// one can select the wrong one again. In the simulation this locked a person
// out of Delete: each look at it selected Space beside it, the correction
// learned from that Space, and 2073 tries later all 20 phrases were abandoned
// (docs/BENCHMARKS.md, "Drift correction learns only what the person kept").
// So a selection is released only when its word is finished with its
// character still in the text: at Speak, or at a space or a predicted word
// that the next selection keeps (a Space selected by mistake while the eyes
// went for Delete must not vouch for the wrong letter Delete is for). A
// Delete or Clear that removes the character drops it, and so does a new
// calibration.
// Ensures: nothing typed and then removed is ever released; at most
// kCapacity held (beyond that the oldest is dropped, never released); no
// allocation after construction. Not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace drishti::host {

// What a selection did to the text, for HeldSelections::settle.
enum class TextBoundary : std::uint8_t {
  kNone,     // a letter, Delete, a command: the word goes on (or shrinks)
  kWord,     // a space or a predicted word: the word is finished
  kMessage,  // Speak: the message is said as it is
};

struct HeldSelection {
  std::uint64_t tUs = 0;      // when it was selected
  double rawX = 0, rawY = 0;  // fixation centroid without the drift correction, px
  double keyX = 0, keyY = 0;  // the selected key's centre, px
  std::size_t textEnd = 0;    // the text's size (bytes) once its character was typed
};

class HeldSelections {
 public:
  static constexpr std::size_t kCapacity = 64;

  // A typed key's evidence, held until its word is finished.
  void hold(const HeldSelection& s);
  // After a selection that did `boundary` to the text, which now has
  // `textSize` bytes. First, if the selection before finished a word and the
  // text still reaches its end, the selections held then are released. Then
  // those whose character is no longer in the text are dropped. Then, at
  // kMessage, all held are released; at kWord, those held now wait for the
  // next selection to keep the word's end. release(const HeldSelection&) is
  // called for each released one, oldest first; it is no longer held.
  template <typename Release>
  void settle(std::size_t textSize, TextBoundary boundary, Release&& release) {
    if (ready_ > 0 && textSize >= readyEnd_)
      releaseOldest(ready_, release);
    ready_ = 0;
    dropBeyond(textSize);
    if (boundary == TextBoundary::kMessage) {
      releaseOldest(size_, release);
    } else if (boundary == TextBoundary::kWord) {
      ready_ = size_;
      readyEnd_ = textSize;
    }
  }
  void clear() { head_ = size_ = ready_ = 0; }
  std::size_t size() const { return size_; }

 private:
  void dropBeyond(std::size_t textSize);
  template <typename Release>
  void releaseOldest(std::size_t n, Release& release) {
    for (std::size_t i = 0; i < n && size_ > 0; ++i) {
      release(items_[head_]);
      head_ = (head_ + 1) % kCapacity;
      --size_;
    }
  }

  std::array<HeldSelection, kCapacity> items_{};
  std::size_t head_ = 0, size_ = 0;
  std::size_t ready_ = 0;     // the oldest this many wait for the word's end to be kept
  std::size_t readyEnd_ = 0;  // the text's size at that word's end
};

}  // namespace drishti::host
