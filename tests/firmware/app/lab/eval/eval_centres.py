#!/usr/bin/env python3
"""Eye-centre accuracy of `drishti-lab locate` output.

Normalised error (Jesorsky et al. 2001): e = max(|pl - gl|, |pr - gr|) / |gl - gr|
with l/r the eyes on the left/right of the image. Prints the fraction of
annotated images with e <= 0.05, 0.10, 0.15, 0.20, 0.25; an image without a
row, or with face_found 0, counts as a failure.

usage: eval_centres.py --truth eye_centres_dev.csv --results results.csv [-v]
Standard library only.
"""
import argparse
import csv
import math
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("-v", action="store_true", help="per-image errors")
    a = ap.parse_args()
    with open(a.truth, newline="") as f:
        truth = [r for r in csv.DictReader(f) if r["annotated"] == "1"]
    with open(a.results, newline="") as f:
        res = {r["image"]: r for r in csv.DictReader(f)}
    errors = []
    for t in truth:
        gl = (float(t["imgleft_eye_x"]), float(t["imgleft_eye_y"]))
        gr = (float(t["imgright_eye_x"]), float(t["imgright_eye_y"]))
        r = res.get(t["image"])
        if r is None or r["face_found"] != "1":
            errors.append((math.inf, t["image"]))
            continue
        pl = (float(r["imgleft_x"]), float(r["imgleft_y"]))
        pr = (float(r["imgright_x"]), float(r["imgright_y"]))
        errors.append((max(math.dist(pl, gl), math.dist(pr, gr)) / math.dist(gl, gr), t["image"]))
    n = len(errors)
    print(f"{n} annotated images: " + "  ".join(
        f"e<={th:.2f}: {sum(e <= th for e, _ in errors) / n:.3f}" for th in (0.05, 0.10, 0.15, 0.20, 0.25)))
    print(f"median e: {sorted(e for e, _ in errors)[n // 2]:.4f}")
    if a.v:
        for e, name in sorted(errors, reverse=True):
            print(f"  {name}: {e:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
