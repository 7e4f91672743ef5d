#include "host/app/wire_inbox.h"

namespace drishti::app {

void WireInbox::push(const protocol::Message& message, std::int64_t arrivalUs) {
  {
    std::lock_guard lock(mutex_);
    if (count_ == ring_.size()) {
      head_ = (head_ + 1) % ring_.size();  // drop the oldest
      --count_;
      ++dropped_;
    }
    WireMessage& slot = ring_[(head_ + count_) % ring_.size()];
    slot.message = message;
    slot.arrivalUs = arrivalUs;
    ++count_;
  }
  if (wakeUp_)
    wakeUp_();
}

}  // namespace drishti::app
