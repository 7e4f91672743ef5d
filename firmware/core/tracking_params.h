// Every tunable of the video-level tracking core in one
// place, in physical units (milliseconds, fractions of face / eye size).
#pragma once

#include <algorithm>

#include "firmware/core/eye_frame_stabilizer.h"

namespace drishti::core {

// How the 68 landmarks are computed from the model.
enum class LandmarkEngine {
  kFlat,  // LandmarkRegressor: the same dlib model, flattened, allocation free
  kDlib,  // dlib::shape_predictor::operator() itself (reference)
};

// Which face to keep when a full detection finds several.
enum class FacePolicy {
  kLargest,      // the face with the largest detector box
  kMostCentral,  // the face whose centre is nearest the image centre
};

// TrackingParams
// Represents: all parameters of FrameScaler, FaceTracker, OpennessEstimator and
//   BlinkDetector, grouped by component. Defaults are the values measured in
//   NOTES.md; none of them is tied to a particular video.
// Units: lengths are fractions of a reference size named in the field
//   comment (face box width, eye width = distance between the eye corners,
//   image shorter side); times are milliseconds; openness is the 0..1 scale
//   produced by OpennessEstimator (1 = the person's own usual open eye).
// Requires: nothing; any value combination is accepted, out-of-range values are
//   clamped by the components.
struct TrackingParams {
  struct Frame {
    // Frames with more pixels than this are downscaled (area interpolation,
    // aspect kept) so that width*height <= maxWorkPixels ("640x480
    // equivalent"). Smaller frames are processed at native size.
    int maxWorkPixels = 640 * 480;
  } frame;

  struct Face {
    // kFlat: our allocation-free evaluation of the dlib model (identical
    // landmarks, ~4x fewer instructions); kDlib: dlib's own shape_predictor.
    LandmarkEngine landmarkEngine = LandmarkEngine::kFlat;
    // kFlat only: read the landmark model's feature pixels with the light's
    // left-right slope in log intensity divided out (LandmarkRegressor), so
    // that a lamp to one side does not move the landmarks (and the eye
    // corners held in the nose's frame with them: 1.46 -> 0.08 px on the
    // rendered obama video). Off: on pexels 0003 the keys read worse with
    // it (docs/BENCHMARKS.md, "Eye corners under a light gradient").
    bool landmarkLightSlope = false;
    // --- acquisition (full-frame HOG detection) ---
    // Smallest face to find at acquisition, as a fraction of the work image's
    // shorter side. The detection image is scaled so such a face spans the
    // HOG window (80 px); smaller values cost detection time.
    float minFaceFraction = 0.2f;
    // Never run the acquisition detector on a larger image than this (pixels);
    // bounds the start-up and re-acquisition time for small minFaceFraction.
    int maxDetectPixels = 640 * 480;
    // dlib detector score threshold for acquisition (0 = dlib default).
    float detectThreshold = 0.0f;
    FacePolicy policy = FacePolicy::kLargest;
    // After a loss, for this long prefer a detection overlapping the last
    // known face box over the policy (so a visitor does not take over when
    // the patient is briefly lost).
    float reacquireMemoryMs = 3000.0f;
    // Minimum interval between full detections while no face is tracked
    // (0 = every frame).
    float lostDetectIntervalMs = 0.0f;

    // --- verification (HOG on a small window around the tracked box) ---
    // Periodic re-check interval while tracking.
    float recheckIntervalMs = 1000.0f;
    // A re-check is also run when the per-frame confidence falls below this,
    // but not more often than minRecheckGapMs.
    float recheckConfidence = 0.5f;
    float minRecheckGapMs = 150.0f;
    // Search window side, as a multiple of the tracked face box width.
    float verifyWindowScale = 1.4f;
    // The window is resampled so the tracked face box is this many pixels
    // wide, and only verifyPyramidLevels levels of dlib's 5/6 image pyramid
    // are scanned: the face size is known, and 90 px lies between the HOG
    // window (80 px, level 0) and 96 px (level 1), so two levels tolerate
    // about +-10% error in the tracked box size.
    float verifyFacePx = 90.0f;
    int verifyPyramidLevels = 2;
    // Detector threshold for the local check (lenient: we know where to look).
    float verifyThreshold = -0.4f;
    // A local detection confirms the track if its IoU with the tracked box
    // is at least this.
    float verifyMinIou = 0.35f;
    // The track is dropped after this many consecutive failed checks, or at
    // the first failed check whose frame confidence is below loseConfidence.
    int maxFailedChecks = 3;
    float loseConfidence = 0.3f;

    // --- per-frame confidence (no detector) ---
    // Normalised cross-correlation of the canonical 32x32 face patch with the
    // template learned at verified frames: >= nccGood -> 1, <= nccBad -> 0.
    float nccGood = 0.75f;
    float nccBad = 0.35f;
    // Face speed (displacement of the landmark-derived box centre per second,
    // in face box widths): <= speedOk -> no penalty, >= speedBad ->
    // confidence 0 (fast motion blurs the eyes and makes landmarks lag).
    float speedOk = 1.5f;
    float speedBad = 6.0f;
    // Template update rate at verified frames (0..1).
    float templateUpdate = 0.1f;
  } face;

  struct Openness {
    // Up to four cues per eye, each divided by the person's own open
    // baseline and mapped to 0..1; the eye's openness is their MEDIAN (the
    // mean of the middle two for an even count), so any one cue failing does
    // not break it (see the edge-contrast gate below for when two would fail):
    //  * EAR, the eye aspect ratio of the 6 eye landmarks (Soukupova & Cech,
    //    2016). Geometric, but dlib's lid landmarks lag in fast blinks and
    //    for some eyes barely move.
    //  * non-skin fraction (colour input only) of a central eye region placed
    //    by the eye corners alone (which stay put in a blink): mean of
    //    max(0, r_skin - r) / r_skin, r = R/(R+G+B) the red chromaticity and
    //    r_skin its median over the surrounding eye patch. Sclera and iris
    //    are less red than skin; a closed lid is skin. Works on washed-out,
    //    low-contrast eyes; slow to recover after a long squeeze (reddened
    //    sclera).
    //  * edge ratio sum|dI/dx| / (sum|dI/dx| + sum|dI/dy|) of the same
    //    region: the open eye shows near-vertical iris/sclera borders, the
    //    closed one a horizontal lash line. Meaningless on washed-out,
    //    low-contrast eyes, where compression noise dominates the gradients;
    //    so its weight ramps from 0 to 1 as the open baseline of the region's
    //    contrast (mean |gradient| / mean intensity) goes from
    //    edgeMinContrast to edgeFullContrast. With weight w the openness
    //    is w * median(all cues) + (1 - w) * median(cues without the edge).
    //  * eye state (useEyeState, below): 1 - P(closed) of the classifier.
    float edgeMinContrast = 0.06f;
    float edgeFullContrast = 0.12f;
    // Ablation switches (both true in normal use): without the colour cue
    // colour frames are treated like grey ones; without the edge cue its
    // weight is 0.
    bool useChroma = true;
    bool useEdge = true;
    // A fourth cue: 1 - P(closed) of EyeStateClassifier on the landmark crop,
    // relative to its own open baseline (so a person whose open eyes the
    // classifier finds half-closed, e.g. with ptosis, is still "open"). It sees
    // the image, not the lid landmarks, so it outvotes landmarks that lag.
    bool useEyeState = true;
    float eyeStateClosedRatio = 0.25f;
    float eyeStatePrior = 0.9f;
    // Open baseline of each raw cue = this percentile of the cue's recent,
    // confidently tracked history (robust to blinks and closures as long as
    // the eyes are open most of the time).
    float baselinePercentile = 0.80f;
    // Time constant of the baselines' memory.
    float baselineTauMs = 20000.0f;
    // Each cue maps to 0..1 as (cue/baseline - closedRatio)/(1 - closedRatio):
    // closedRatio = the cue of a fully closed eye relative to the open
    // baseline.
    float earClosedRatio = 0.40f;
    float chromaClosedRatio = 0.15f;
    float edgeClosedRatio = 0.35f;
    // History needed before the estimate's confidence reaches 1.
    float warmupMs = 1500.0f;
    // Priors for the baselines (typical open eye) and their weight in ms of
    // history; the person's own data replaces them within seconds.
    float earPrior = 0.28f;
    float chromaPrior = 0.02f;
    float edgePrior = 0.45f;
    float priorWeightMs = 300.0f;
    // Samples only teach the baselines when the face confidence is at least
    // this.
    float learnMinFaceConfidence = 0.5f;
    // Geometry, in eye widths (corner-to-corner distance), centred on the
    // midpoint of the eye corners and aligned with them: the central eye
    // region (appearance cues) and the surrounding patch (skin reference),
    // sampled at regionPxPerEyeWidth pixels per eye width.
    float eyeRegionWidth = 0.7f;
    float eyeRegionHeight = 0.4f;
    float skinPatchWidth = 1.4f;
    float skinPatchHeight = 0.9f;
    int regionPxPerEyeWidth = 24;
    // Pixels darker than this mean intensity (0..255) have unreliable
    // chromaticity and are skipped by the colour cue.
    float chromaMinIntensity = 20.0f;
    // Eyes narrower than minEyePx (processed-image pixels) get confidence
    // 0, wider than goodEyePx confidence 1 (size factor).
    float minEyePx = 6.0f;
    float goodEyePx = 14.0f;
    // Head turn: an eye whose width is below this fraction of the other's
    // loses confidence linearly down to half that fraction.
    float minEyeWidthRatio = 0.75f;
  } openness;

  struct Blink {
    // The detector works on openness relative to its own running open
    // baseline (per eye, and for the confidence-weighted mean of both eyes).
    // Hysteresis: a signal becomes "closed" below closeBelow and "open"
    // again above openAbove (fractions of the baseline).
    float closeBelow = 0.5f;
    float openAbove = 0.65f;
    // Open baseline of the openness streams: this percentile of the recent
    // history (time weighted), with memory baselineTauMs. Not updated
    // inside a closure shorter than maxBlinkMs.
    float baselinePercentile = 0.8f;
    float baselineTauMs = 20000.0f;
    // Closure duration (interpolated threshold crossings of the two-eye
    // signal): shorter than minBlinkMs = noise; from longBlinkMs a
    // deliberate long blink; beyond maxBlinkMs not a blink at all (eyes
    // resting closed), nothing is reported.
    float minBlinkMs = 50.0f;
    float longBlinkMs = 600.0f;
    float maxBlinkMs = 5000.0f;
    // A spontaneous blink starting at most doubleGapMs after the end of the
    // previous one forms a double blink (reported in addition to both).
    float doubleGapMs = 500.0f;
    // Wink: one eye closed while the other stays above winkOtherOpen for
    // at least minWinkMs and for at least winkFraction of that eye's
    // closure (and not longer than maxBlinkMs). "Stays above" is judged on
    // the other eye's conservative lower bound (lowest cue), so a blink in
    // which one eye's closure is seen by only one cue is not taken for a
    // wink.
    float winkOtherOpen = 0.6f;
    float minWinkMs = 150.0f;
    float winkFraction = 0.7f;
    // A gap between samples longer than this is treated as a face loss: any
    // closure in progress is abandoned and the eyes must be seen open again
    // before a new one can start.
    float maxSampleGapMs = 250.0f;
    // Eye samples with confidence below this are ignored.
    float minConfidence = 0.3f;
  } blink;

  struct HeadPose {
    // Horizontal field of view of the camera (degrees): gives the focal
    // length of the pinhole model, f = (width / 2) / tan(fov / 2). A wrong
    // value scales the distance and slightly biases yaw/pitch; it does not
    // break tracking.
    float horizontalFovDeg = 60.0f;
    // RMS reprojection error of the generic face model, as a fraction of the
    // outer-eye-corner distance: <= goodReprojection -> confidence 1,
    // >= badReprojection -> 0 (an expression or landmarks the rigid model
    // cannot explain).
    float goodReprojection = 0.05f;
    float badReprojection = 0.15f;
  } headPose;

  // The eye corners the pupil is measured against, held in the nose's frame
  // (EyeFrameStabilizer; times in ms, distance in eye widths).
  EyeFrameStabilizer::Params eyeFrame;

  struct Gaze {
    // The upper lid's share of the vertical eye feature (EyeFeatures): 0 =
    // the pupil alone, 1 = the lid alone.
    float lidWeight = 0.0f;
    // The eye-state classifier's P(closed) up to which the eye's gaze
    // confidence is not lowered (above it, it falls linearly to 0 at 1).
    // A person looking at the bottom of a screen narrows the eye with the
    // lids following the gaze; with the plain (1 - P(closed)) the bottom
    // calibration points of a rendered face lost most samples as unseen.
    float closedNoCost = 0.5f;
    // The fused openness (OpennessEstimator, 1 = the person's open eye) from
    // which the classifier's verdict costs nothing, rising linearly from
    // openFloor (no say) to openNoCost. Looking at the bottom third of a
    // screen the classifier reads one eye of a rendered face as closing
    // (P(closed) up to 0.95 with its pupil found at confidence 1) while the
    // openness stays 0.57-0.87 (p10-p90, obama 720p and 1080p); a blink's
    // closed frames are 0.19-0.40 (docs/BENCHMARKS.md, "The closed-eye cost
    // looking down"). Without it the bottom row's gaze leaned on the other
    // eye alone, or was lost.
    float openFloor = 0.45f;
    float openNoCost = 0.65f;

    // The factor (0..1) the eye's gaze confidence is multiplied by: by the
    // classifier's P(closed), 1 up to closedNoCost, then linear to 0 at 1;
    // but never below what the eye's openness says (0 up to openFloor, 1
    // from openNoCost).
    float closedCost(float pClosed, float openness) const {
      const float byClassifier =
          std::clamp((1.f - pClosed) / std::max(1e-3f, 1.f - closedNoCost), 0.f, 1.f);
      const float byOpenness =
          std::clamp((openness - openFloor) / std::max(1e-3f, openNoCost - openFloor), 0.f, 1.f);
      return std::max(byClassifier, byOpenness);
    }
  } gaze;
};

}  // namespace drishti::core
