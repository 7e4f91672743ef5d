// AccessParams: how one person selects, in physical units (ms, px).
//
// Represents: the access method and every timing of every method, as kept in
// the person's profile (profile.h) and tuned by a therapist as the disease
// progresses. The defaults suit a first session. Blink durations form
// non-overlapping bands so one closure has one meaning:
//   blink.min_ms <= select < blink.max_ms <= step back (scanning) < scan.back_max_ms
//     <= long blink (safety gestures) <= safety.long_blink_max_ms
// which the profile parser checks. Plain value types.
#pragma once

#include <cstdint>
#include <string>

namespace drishti::host {

// The access methods (access_method.h).
enum class MethodKind : std::uint8_t {
  kDwell,      // look at a key for a while
  kBlink,      // look at a key and blink deliberately
  kScan,       // keys are highlighted in turn; a blink or switch picks
  kGesture,    // look left/right/up/down and hold; lists narrowed by halves
  kBlinkCode,  // count blinks: one = yes, two = no (configurable per board)
};

std::string_view methodName(MethodKind kind);  // "dwell", "blink", "scan", "gesture", "blink-code"
bool parseMethod(std::string_view name, MethodKind& out);

// True if the method needs a calibrated gaze point.
inline bool methodNeedsGaze(MethodKind k) {
  return k == MethodKind::kDwell || k == MethodKind::kBlink || k == MethodKind::kGesture;
}

enum class EyeChoice : std::uint8_t { kBoth, kLeft, kRight, kEither };  // image-left/right

// Dwell (dwell_selector.h).
struct DwellParams {
  std::uint32_t dwellMs = 1000;     // gaze on a key this long selects it (after lock-on)
  std::uint32_t lockOnMs = 150;     // gaze must settle this long before progress starts
  std::uint32_t lossGraceMs = 300;  // gaze lost (a blink) this long keeps the progress
  float marginPx = 12;              // a locked key keeps the gaze this far outside it
  // Take up a new key only once the eyes landed (InputEvent::fixation); off
  // by default until it is measured with a lighter filter on a noisy tracker
  // (docs/BENCHMARKS.md, simulated user).
  bool landedOnly = false;
  float refixationPx = 0;  // > 0: a new fixation this far from the last restarts the dwell
  // Midas touch guards (dwell_selector.h). A look is the gaze resting within
  // holdPx of where it settled; moving further starts a new look and the
  // dwell restarts, so reading along a key (or a row of keys) never adds up
  // its fixations. 0 = off.
  float holdPx = 30;  // about 0.7 degree at 550-600 mm from a laptop screen
  // The eyes are reading (two steps along a line in a row, from short looks):
  // a look is not taken up until a look that is not a reading step (a jump
  // to the key, a step up or down). A pause to think while reading selects
  // nothing.
  bool readingGuard = true;
  float readingStepPx = 220;  // longest step along a line still read as reading (~5 deg)
  // With a gaze less precise than this (the calibration's measure, degrees)
  // the guards are off: its wander is as large as a reading step.
  float guardMaxDeg = 1.5F;
  // A look this long or longer is not a reading fixation. Reading fixations
  // last about 250 ms, but the filtered gaze merges two or three of them.
  std::uint32_t readingLookMs = 1000;
  // Shorter dwell for likely next letters (after Mott, Williams, Wobbrock &
  // Morris, CHI 2017, and Pi & Shi 2017: dwell times from a language model):
  // on letter boards with word prediction, the keys of the likelyLetters
  // likeliest next characters (letter_predictor.h) need likelyMs instead of
  // dwellMs (never longer than the key's own). 0 = off.
  std::uint32_t likelyMs = 0;
  std::uint32_t likelyLetters = 4;
  // Cascading dwell (after Mott, Williams, Wobbrock & Morris, CHI 2017): on
  // letter boards with a vocabulary, each typing key's dwell is set from its
  // next-letter chance p (letterChances, letter_predictor.h) against the
  // likeliest key's pmax: cascadeUnlikelyMs - (cascadeUnlikelyMs - floor) *
  // p / pmax, so the likeliest key needs the floor and an unlikely key, such
  // as the neighbour the gaze lands on first, about cascadeUnlikelyMs. The
  // floor starts at dwellMs and cascades down by cascadeStepMs with each
  // letter, Space or predicted word typed, to cascadeMs at the lowest; each
  // Delete puts it back up by cascadeBackMs, and cascadePauseMs without a
  // selection (the person reads or rests) puts it back to dwellMs. Never
  // longer than a key's own dwell for the likeliest key, never shorter than
  // it for an unlikely one. cascadeMs 0 = off (dwell.likely_ms then applies).
  // On by default: measured in docs/BENCHMARKS.md ("Cascading dwell").
  std::uint32_t cascadeMs = 500;
  std::uint32_t cascadeStepMs = 100;
  std::uint32_t cascadeBackMs = 200;
  std::uint32_t cascadePauseMs = 5000;
  std::uint32_t cascadeUnlikelyMs = 0;  // 0 = dwellMs
  // After a message is spoken, until the next selection, the keys that change
  // the message (letters, Space, Delete, predicted words) need at least this
  // dwell; the commands (Clear, Speak again, Undo, Recent, navigation) keep
  // theirs. The message is finished: the person listens and reads the board,
  // and the first looks of that reading (a jump to the first line, which no
  // reading detector can class as reading) must not add to it. 0 = off.
  // Measured in docs/BENCHMARKS.md ("After Speak").
  std::uint32_t spokenMs = 2000;
  // Dwell on the predicted-word slots (large targets, each worth several
  // keys); 0 = dwellMs. Never longer than dwellMs.
  std::uint32_t wordMs = 0;
  // Dwell on the commands that neither type nor delete (Speak, Clear, Undo,
  // Recent, and the navigation bar: boards, Rest, Help); 0 = dwellMs. Never
  // shorter than dwellMs or the key's own, so at the default dwellMs (1000)
  // it changes nothing. With a short dwellMs for an experienced
  // user, the gaze that lands on such a key when the person aims at its
  // neighbour (a calibration error of about a key: Speak above Delete) is
  // seen and moved off before it speaks or clears the message; these keys
  // are seldom wanted, so a long dwell on them costs little (after Mott et
  // al., CHI 2017: a longer dwell where a selection is unlikely).
  std::uint32_t commandMs = 1000;
  // Key-target resizing by the language model (after Gunawardana, Paek & Meek,
  // IUI 2010): a gaze point outside a board key's core goes to the key with
  // the highest posterior, the next-letter chance (Target::prior) times a
  // Gaussian of the point's distance from the key's centre with the gaze's
  // precision (resizeSigmaPx); the central resizeCore of each key (a share
  // of its width and height) always stays its own.
  bool resize = false;
  float resizeCore = 0.5F;
  // The gaze's precision in px, 1 sigma: set by the session from the
  // calibration's measure (not a profile setting); 0 = unknown, no resizing.
  float resizeSigmaPx = 0;
};

// Blink selection and the blink switch (blink_selector.h, scan_selector.h).
struct BlinkParams {
  std::uint32_t minMs = 400;          // shorter closures are involuntary: ignored
  std::uint32_t maxMs = 1000;         // longer closures are not selections
  EyeChoice eyes = EyeChoice::kBoth;  // which closures count
};

// How targets are grouped for scanning.
enum class ScanMode : std::uint8_t {
  kRows,    // rows, then keys in the row
  kGroups,  // sections (board, text bar, navigation), then rows, then keys
  kLinear,  // one key after another
  // Keys lit by a binary code from the language model (scan_code.h): a blink
  // says "lit", a timeout "not lit". Letter boards with a vocabulary.
  kHuffman,
};

// Switch scanning (scan_selector.h).
struct ScanParams {
  ScanMode mode = ScanMode::kRows;
  std::uint32_t intervalMs = 1200;   // time each item stays highlighted
  std::uint32_t firstDelayMs = 600;  // extra time on the first item after a selection
  std::uint32_t loops = 3;           // passes through a row before going back up
  std::uint32_t backMaxMs = 2000;    // blinks from blink.max_ms up to this step back
  // More extra time on the first group whenever scanning starts again from
  // the top (after a selection, on a new screen): the person checks the
  // message and reads the predicted words then, and would otherwise come
  // back after their row had passed and wait a whole pass.
  std::uint32_t restartDelayMs = 0;
  // On letter boards with word prediction: a row of this many predicted next
  // letters (letter_predictor.h), each scanned on its own before the
  // board's rows; 0 = none (the default: measured slower, docs/BENCHMARKS.md).
  std::uint32_t letterSlots = 0;
  // Enter a group once the eyes have been shut for blink.min_ms (from the
  // tracker's lid samples, InputKind::kEyes) instead of when they open, so
  // scanning goes on while they are still closed. Picking a key still
  // waits for the eyes to open (a long blink steps back, never types).
  bool earlyBlink = false;
  // When scanning starts again from the top, its first group waits for the
  // eyes (InputKind::kGaze): its time (interval + first delay) starts again
  // whenever the gaze comes to rest on another key, and runs only once it
  // is on a key, not on the message or the predicted words being read; at
  // most kGazeStartMaxMs after the restart. Replaces a fixed
  // restart_delay_ms for a person whose gaze the tracker follows.
  bool gazeStart = false;
  static constexpr std::uint32_t kGazeStartMaxMs = 4000;
  // The step adapts to the person (scan_pace.h): from intervalMs down toward
  // their measured reactions plus a margin, never below adaptMinMs, slower
  // again at once after signs of trouble. On by default: measured in
  // docs/BENCHMARKS.md ("Adaptive scan step").
  bool adapt = true;
  std::uint32_t adaptMinMs = 500;
};

// Directional gestures (gesture_selector.h).
struct GestureParams {
  std::uint32_t holdMs = 700;  // hold a look this long for a gesture
  float edge = 0.22F;          // outer fraction of the screen that counts as a look
};

// Blink codes (blink_code_selector.h).
struct BlinkCodeParams {
  std::uint32_t gapMs = 1500;  // a code ends when no blink follows within this
};

// Help, rest and tracking loss (safety_gestures.h, host_session.h).
struct SafetyParams {
  std::uint32_t longBlinkMinMs = 2000;  // a "long blink" for the gestures below
  std::uint32_t longBlinkMaxMs = 8000;
  std::uint32_t gapMs = 4000;                // long blinks closer than this form one gesture
  std::uint32_t helpBlinks = 3;              // long blinks that call for help
  std::uint32_t restBlinks = 2;              // long blinks that start or end rest
  std::uint32_t wakeDwellMs = 3000;          // or look at the wake circle this long to end rest
  std::uint32_t helpRepeatMs = 30000;        // repeat the attention sound while help is shown
  std::uint32_t trackingLostDelayMs = 1500;  // show "I can't see your eyes" after this
};

// Everything above, as one profile holds it.
struct AccessParams {
  MethodKind method = MethodKind::kDwell;
  DwellParams dwell;
  BlinkParams blink;
  ScanParams scan;
  GestureParams gesture;
  BlinkCodeParams code;
  SafetyParams safety;
};

}  // namespace drishti::host
