#!/usr/bin/env python3
"""Accuracy of `drishti-lab eyestate` output against labels (file,state).

Labels are matched by file name. Prints accuracy and precision / recall / F1
of the `closed` class; a labelled crop without a result counts as wrong.

usage: eval_eyestate.py --labels labels_dev.csv --results results.csv
Standard library only.
"""
import argparse
import csv
import os
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--results", required=True)
    a = ap.parse_args()
    with open(a.labels, newline="") as f:
        truth = {os.path.basename(r["file"]): r["state"] for r in csv.DictReader(f)}
    with open(a.results, newline="") as f:
        res = {r["image"]: r["state"] for r in csv.DictReader(f)}
    right = sum(res.get(k) == v for k, v in truth.items())
    tp = sum(v == "closed" and res.get(k) == "closed" for k, v in truth.items())
    pred = sum(res.get(k) == "closed" for k in truth)
    true = sum(v == "closed" for v in truth.values())
    p = tp / pred if pred else 0.0
    r = tp / true if true else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{len(truth)} crops: accuracy {right / len(truth):.3f}; closed: precision {p:.3f} "
          f"recall {r:.3f} F1 {f1:.3f}")
    wrong = sorted(k for k, v in truth.items() if res.get(k) != v)
    if wrong:
        print("  wrong: " + " ".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
