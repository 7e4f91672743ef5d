// UserParams: the simulated person's eyes and habits, in ms and degrees.
//
// Represents: an adult user of an eye-gaze board, with figures from the
// published literature on human eye movements (not fitted to this device).
// The defaults are a novice on the board's layout (searches for some keys
// first); practisedUser() below is the same person once they know it.
// Sources:
//  - saccade latency to a visual target about 200 ms (180-250 ms), sd about
//    40 ms: Carpenter, "Movements of the Eyes" (1988); Leigh & Zee, "The
//    Neurology of Eye Movements" (5th ed., 2015);
//  - saccade duration, the main sequence: about 2.2 ms per degree + 21 ms
//    (Carpenter 1988); saccades beyond ~5 degrees undershoot by about 10 %
//    and a corrective saccade follows ~100-150 ms later (Becker 1989, in
//    "The Neurobiology of Saccadic Eye Movements");
//  - fixation durations: silent reading mean 225-250 ms, saccades of 7-9
//    letters, 10-15 % regressions; visual search 180-275 ms (Rayner,
//    Psychological Bulletin 124(3), 1998);
//  - spontaneous blink rate: about 17/min at rest, 26/min in conversation,
//    4.5/min while reading (Bentivoglio et al., Movement Disorders 12(6),
//    1997); a spontaneous blink lasts roughly 100-400 ms depending on how
//    closure is measured (e.g. Caffier et al., Eur J Appl Physiol 89, 2003);
//    the median here is 200 ms;
//  - visual choice reaction time of a healthy adult about 300-450 ms (simple
//    reaction 200-250 ms); a deliberate blink is held longer than a
//    spontaneous one; this user aims at 600 ms when told "between 0.4 and
//    1 s" (the device's blink band), with the spread of a human estimate.
// Where no published figure exists (how often a user slips to a
// neighbouring key, how often a reader stops to think on one spot), the
// value is a stated assumption, kept moderate, and can be changed from the
// command line of drishti-simulate.
// Plain value type.
#pragma once

#include <cstdint>

namespace drishti::sim {

struct UserParams {
  // Saccades.
  double saccadeLatencyMs = 200;
  double saccadeLatencySdMs = 40;
  double saccadeBaseMs = 21;
  double saccadeMsPerDeg = 2.2;
  double undershootAboveDeg = 5;    // longer saccades land short ...
  double undershootFraction = 0.1;  // ... by this fraction of the amplitude
  double correctiveLatencyMs = 130;
  double aimSdDeg = 0.2;  // scatter of where the eye lands on a small target (human)

  // Fixations.
  double searchFixationMs = 250;  // median of a visual-search fixation (log-normal)
  double searchFixationSdLog = 0.3;
  // Before a key (dwell), a look at a neighbour first while searching for it
  // (assumption; 30 % of keys), and the look's median above.
  double extraSearchProbability = 0.3;
  double readFixationMs = 220;  // median reading fixation (log-normal, mean ~235 ms)
  double readFixationSdLog = 0.35;
  double readSaccadeDeg = 2.0;
  double regressionProbability = 0.12;
  double thinkPauseProbability = 0.02;  // assumption: a reader stops on one spot to think
  double thinkPauseMs = 600;            // median of such a pause (log-normal)
  double thinkPauseSdLog = 0.4;
  double noticeMs = 400;  // to see that the screen did (or did not) change

  // Blinks.
  double blinkRatePerMin = 17;          // at rest
  double readingBlinkRatePerMin = 4.5;  // while reading
  double taskBlinkRatePerMin = 10;      // while spelling (visual task: between the two)
  double spontaneousBlinkMs = 200;      // median (log-normal)
  double spontaneousBlinkSdLog = 0.3;
  double voluntaryBlinkMs = 600;  // median of a deliberate (selecting) blink
  double voluntaryBlinkSdLog = 0.2;
  double longBlinkMs = 1400;  // a deliberate "step back" blink (scanning)
  double reactionMs = 380;    // choice reaction to a scanning highlight (median, log-normal)
  double reactionSdLog = 0.2;

  // Word prediction: the person reads the slots before a letter when at
  // least this many letters of the word are left to write (a word of one
  // letter left is typed without looking). Searching the list costs time
  // that can cancel what it saves (Koester & Levine, IEEE Trans. Rehab.
  // Eng. 2(3), 1994), so each look is paid for: a saccade to the row and
  // one reading fixation per word read.
  std::size_t predictionMinLetters = 2;
  // ... and only once this many letters of the word are written (0: from its
  // first letter on). A practised user learns when the row is worth a glance.
  std::size_t predictionAfterLetters = 1;

  // Errors (assumptions).
  double slipProbability = 0.01;        // aims at a neighbouring key instead of the intended one
  double noticeErrorProbability = 0.9;  // an error is seen when the word is checked
};

// The same person once practised on the layout: knows where each key is and
// looks at it directly, with no search look first (extraSearchProbability
// 0). Sources: models of text entry on a soft keyboard give the expert no
// visual search time at all, only the movement to the key (Soukoreff &
// MacKenzie 1995, as tested by MacKenzie & Zhang, Behaviour & Information
// Technology 20(6), 2001: about 20 wpm on the familiar Qwerty layout
// against 5.4 wpm on a layout new at each tap, where every key is searched
// for); learning a layout moves the person from visual search to recalling
// where the key is (Jokinen, Sarcar, Oulasvirta et al., CHI 2017); in gaze
// typing on a dwell keyboard the inefficient eye movements fell sharply
// after 15-25 sentences, about 3-4 h, following the power law of practice
// (Aoki, Hansen & Itoh, Behaviour & Information Technology 27(4), 2008).
// None of them gives a rate of searching left after practice: 0 is the
// limit they point to, so this person is an upper bound on what practice
// at the layout gives. Only dwell typing uses search looks: blink-select
// and scanning are the novice's. The dwell they choose is a profile
// setting (dwell.ms): about 282 ms by the tenth session in Majaranta,
// Ahola & Spakov (CHI 2009).
inline UserParams practisedUser() {
  UserParams u;
  u.extraSearchProbability = 0;
  return u;
}

// What the tracker and the gaze model add to where the eyes really look.
struct TrackerErrorParams {
  double noiseDeg = 1.0;    // 1 sigma per axis of the gaze point's error
  double fieldShare = 0.5;  // share of the variance that is a smooth calibration error
                            // over the screen; the rest is white per-frame jitter
  double fps = 30;
};

}  // namespace drishti::sim
