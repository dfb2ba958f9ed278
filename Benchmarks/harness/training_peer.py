#!/usr/bin/env python3
"""scikit-learn's side of the training rows of Benchmarks/compare.

  training_peer.py DATA/dense_1Mx32 lbfgs|newton-cholesky [--tol 1e-8] [--max-iter 10000]

Reads X and y with np.fromfile (the raw files of generate_dense.py), fits
LogisticRegression(C=1, L2, fit_intercept=True) and prints one JSON line: work_seconds (fit
alone), n_iter, coef, intercept. The objective is computed by compare.py, the same way for every
fit, so that no tool grades itself.
"""
from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("stem", type=Path)
    ap.add_argument("solver", choices=["lbfgs", "newton-cholesky"])
    ap.add_argument("--tol", type=float, default=1e-8)
    ap.add_argument("--max-iter", type=int, default=10_000)
    args = ap.parse_args()
    y = np.fromfile(f"{args.stem}.y.f64")
    X = np.fromfile(f"{args.stem}.X.f64").reshape(len(y), -1)
    model = LogisticRegression(C=1.0, solver=args.solver, tol=args.tol, max_iter=args.max_iter, fit_intercept=True)
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y)
    seconds = time.perf_counter() - started
    print(json.dumps({"solver": args.solver, "work_seconds": seconds, "n_iter": int(np.max(model.n_iter_)),
                      "coef": model.coef_.ravel().tolist(), "intercept": float(model.intercept_[0]),
                      "warnings": [str(w.message)[:200] for w in caught]}))


if __name__ == "__main__":
    main()
