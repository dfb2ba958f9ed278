#!/usr/bin/env python3
"""Seeded dense logistic-regression problems for the training rows of Benchmarks/compare.

For each SHAPE (1Mx8, 1Mx32, 4Mx32) writes, under --out (default Benchmarks/data/):
  dense_SHAPE.X.f64   rows x cols float64, row-major, no header (np.fromfile / read())
  dense_SHAPE.y.f64   rows float64 labels, 0 or 1
  dense_SHAPE.json    shape, seed, the true coefficients, sha256 of both files

Features: correlated Gaussians, x = z·L with L the Cholesky factor of the AR(1) correlation
rho^|i-j| (rho = 0.5), then standardized column by column to sample mean 0 and variance 1, so
that ChurnKit and scikit-learn fit exactly the same objective without any scaling step.
Labels: y ~ Bernoulli(sigmoid(x·beta + b)) with beta_j ~ N(0, 1/cols)·2 and b = -1 (about 30%
positives, well inside the data: no separation). Deterministic for a seed (numpy PCG64).
Usage: generate_dense.py [--shapes 1Mx8,1Mx32,4Mx32] [--seed 11] [--out DIR]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from generate_log import sha256          # the same file checksum as the logs' metadata

SHAPES = {"1Mx8": (1_000_000, 8), "1Mx32": (1_000_000, 32), "4Mx32": (4_000_000, 32)}
RHO = 0.5
INTERCEPT = -1.0
CHUNK = 250_000


def generate(label: str, out: Path, seed: int) -> None:
    rows, cols = SHAPES[label]
    rng = np.random.Generator(np.random.PCG64([seed, rows, cols]))
    corr = RHO ** np.abs(np.subtract.outer(np.arange(cols), np.arange(cols)))
    factor = np.linalg.cholesky(corr).T                     # z @ factor has correlation corr
    beta = rng.normal(0.0, 2.0 / np.sqrt(cols), cols)
    X = np.empty((rows, cols))
    for start in range(0, rows, CHUNK):
        stop = min(rows, start + CHUNK)
        X[start:stop] = rng.standard_normal((stop - start, cols)) @ factor
    X -= X.mean(axis=0)
    X /= X.std(axis=0)
    y = np.empty(rows)
    for start in range(0, rows, CHUNK):
        stop = min(rows, start + CHUNK)
        p = 1.0 / (1.0 + np.exp(-(X[start:stop] @ beta + INTERCEPT)))
        y[start:stop] = (rng.random(stop - start) < p).astype(np.float64)
    x_path, y_path = out / f"dense_{label}.X.f64", out / f"dense_{label}.y.f64"
    X.tofile(x_path)
    y.tofile(y_path)
    meta = {"shape": label, "rows": rows, "cols": cols, "seed": seed, "rho": RHO, "intercept": INTERCEPT,
            "beta": beta.tolist(), "positives": float(y.mean()),
            "sha256": {x_path.name: sha256(x_path), y_path.name: sha256(y_path)}}
    (out / f"dense_{label}.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"{label}: {rows:,} x {cols}, {y.mean():.3f} positives -> {x_path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for label in args.shapes.split(","):
        if label not in SHAPES:
            raise SystemExit(f"unknown shape {label!r}; choose from {', '.join(SHAPES)}")
        generate(label, args.out, args.seed)


if __name__ == "__main__":
    main()
