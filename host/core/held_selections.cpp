#include "host/core/held_selections.h"

namespace drishti::host {

void HeldSelections::hold(const HeldSelection& s) {
  if (size_ == kCapacity) {  // the oldest is dropped unreleased
    head_ = (head_ + 1) % kCapacity;
    --size_;
    if (ready_ > 0)
      --ready_;
  }
  items_[(head_ + size_) % kCapacity] = s;
  ++size_;
}

void HeldSelections::dropBeyond(std::size_t textSize) {
  // Characters are typed at the end and removed from the end, so the held
  // ones are in order of textEnd: drop from the newest back.
  while (size_ > 0 && items_[(head_ + size_ - 1) % kCapacity].textEnd > textSize)
    --size_;
  ready_ = ready_ < size_ ? ready_ : size_;
}

}  // namespace drishti::host
