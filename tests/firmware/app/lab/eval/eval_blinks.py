#!/usr/bin/env python3
"""Event-level blink evaluation (precision / recall / F1).

A detection matches a true blink if their frame intervals overlap
(inclusive); each true blink matches at most one detection and each detection
at most one true blink (maximum bipartite matching). Optionally, with
--frames, the per-frame `closed` column is compared with the labelled closed
frames.

usage: eval_blinks.py --labels L.csv --events E.csv [--frames F.csv] [--json]
Labels: blink_id,start_frame,end_frame[,closed_start,closed_end,kind,...]
Events: blink_id,start_frame,end_frame,start_ms,end_ms,kind
Standard library only.
"""
import argparse
import csv
import json
import sys


def read_intervals(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [(int(r["start_frame"]), int(r["end_frame"]), r) for r in rows]


def max_matching(truth, det):
    """Kuhn's augmenting paths; returns list of (truth_idx, det_idx)."""
    adj = [[j for j, d in enumerate(det) if d[0] <= t[1] and t[0] <= d[1]] for t in truth]
    match_det = [-1] * len(det)

    def augment(i, seen):
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if match_det[j] < 0 or augment(match_det[j], seen):
                match_det[j] = i
                return True
        return False

    for i in range(len(truth)):
        augment(i, set())
    return [(match_det[j], j) for j in range(len(det)) if match_det[j] >= 0]


def evaluate(labels, events, frames=None):
    truth = read_intervals(labels)
    det = read_intervals(events)
    pairs = max_matching(truth, det)
    tp = len(pairs)
    fp = len(det) - tp
    fn = len(truth) - tp
    p = tp / len(det) if det else (1.0 if not truth else 0.0)
    r = tp / len(truth) if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    matched_t = {i for i, _ in pairs}
    matched_d = {j for _, j in pairs}
    out = {
        "true_blinks": len(truth), "detections": len(det), "tp": tp, "fp": fp, "fn": fn,
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
        "missed": [(t[0], t[1]) for i, t in enumerate(truth) if i not in matched_t],
        "false": [(d[0], d[1], d[2].get("kind", "")) for j, d in enumerate(det) if j not in matched_d],
        "pairs": [((truth[i][0], truth[i][1]), (det[j][0], det[j][1], det[j][2].get("kind", "")))
                  for i, j in sorted(pairs)],
    }
    kinds = [(truth[i][2].get("kind"), det[j][2].get("kind")) for i, j in pairs]
    if kinds and all(k[0] for k in kinds):
        agree = sum(1 for t, d in kinds if (t == "long") == (d == "long"))
        out["long_vs_short_agreement"] = f"{agree}/{len(kinds)}"
    if frames:
        closed_true = set()
        for t in truth:
            r0 = t[2]
            if r0.get("closed_start") not in (None, ""):
                closed_true.update(range(int(r0["closed_start"]), int(r0["closed_end"]) + 1))
        with open(frames, newline="") as f:
            rows = list(csv.DictReader(f))
        pred = {int(r["frame"]) for r in rows if r["closed"] == "1"}
        n = len(rows)
        tpf = len(pred & closed_true)
        out["frames"] = {
            "n": n, "closed_true": len(closed_true), "closed_pred": len(pred),
            "closed_frame_recall": round(tpf / len(closed_true), 4) if closed_true else None,
            "closed_frame_precision": round(tpf / len(pred), 4) if pred else None,
        }
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--events", required=True)
    ap.add_argument("--frames")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    a = ap.parse_args()
    out = evaluate(a.labels, a.events, a.frames)
    if a.json:
        print(json.dumps(out))
        return
    print(f"P={out['precision']:.3f} R={out['recall']:.3f} F1={out['f1']:.3f} "
          f"(tp={out['tp']} fp={out['fp']} fn={out['fn']}, {out['true_blinks']} true, "
          f"{out['detections']} detected)")
    for k in ("missed", "false", "long_vs_short_agreement", "frames"):
        if out.get(k):
            print(f"  {k}: {out[k]}")


if __name__ == "__main__":
    sys.exit(main())
