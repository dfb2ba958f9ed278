#!/usr/bin/env python3
"""In-sample log loss of three additive models on one feature table: the unconstrained fit, that
fit with one shape projected by weighted isotonic regression afterwards (interpret's
`monotonize`: PAVA on the bin scores, weights = training rows per bin, then re-centred; the
other terms left as they were), and ChurnKit's constrained fit (pooled bins, every term refitted).

    churn features datasets/cdnow/transactions.csv --cutoff 1997-09-30 --horizon 273 --output f.csv
    churn train datasets/cdnow/transactions.csv --cutoff 1997-09-30 --horizon 273 --terms additive --output free.json
    churn train … --terms additive --monotone days_since_last=+ --output mono.json
    python3 Benchmarks/monotone_projection.py f.csv free.json mono.json days_since_last +

Standard library only.
"""
import bisect
import csv
import json
import math
import sys


def model_terms(path):
    return json.load(open(path))["terms"]


def cell(edges, x):
    return 0 if x != x else 1 + bisect.bisect_left(edges, x)


def log_loss(model, rows, label):
    total = 0.0
    for r in rows:
        z = model["intercept"]
        for t in model["terms"]:
            if len(t["inputs"]) != 1:
                raise SystemExit("main effects only (train with --terms additive)")
            text = r[t["inputs"][0]]
            z += t["contributions"][cell(t["bins"][0]["edges"], float(text) if text != "" else float("nan"))]
        y = float(r[label])
        p = 1 / (1 + math.exp(-z))
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(rows)


def isotonic(values, weights, increasing):
    sign = 1 if increasing else -1
    blocks = []  # [value, weight, length]
    for v, w in zip(values, weights):
        block = [sign * v, max(w, 1e-12), 1]
        while blocks and blocks[-1][0] > block[0]:
            last = blocks.pop()
            weight = last[1] + block[1]
            block = [(last[0] * last[1] + block[0] * block[1]) / weight, weight, last[2] + block[2]]
        blocks.append(block)
    return [sign * b[0] for b in blocks for _ in range(b[2])]


def main():
    features, free_path, mono_path, input_name, direction = sys.argv[1:6]
    rows = list(csv.DictReader(open(features)))
    label = "is_churn"
    free, mono = model_terms(free_path), model_terms(mono_path)
    projected = json.loads(json.dumps(free))
    term = next(t for t in projected["terms"] if t["inputs"] == [input_name])
    c, w = term["contributions"], term["rows"]
    c[1:] = isotonic(c[1:], w[1:], direction == "+")
    mean = sum(a * b for a, b in zip(c, w)) / sum(w)
    term["contributions"] = [a - mean for a in c]
    projected["intercept"] += mean
    print(f"in-sample log loss: unconstrained {log_loss(free, rows, label):.6f}  "
          f"projected afterwards {log_loss(projected, rows, label):.6f}  "
          f"ChurnKit constrained fit {log_loss(mono, rows, label):.6f}")


if __name__ == "__main__":
    main()
