#!/usr/bin/env python3
"""The peers of the model-quality rows of Benchmarks/compare (issue 12).

  quality_peer.py logistic|ebm|lightgbm DATA.csv LABEL POSITIVE FOLDS.txt [--drop COLUMN]

Reads the labelled table with pandas, encodes it the way `churn` does for the linear peer and
LightGBM (numeric columns as they are, blanks filled with the training median; text columns
one-hot, or pandas categories for LightGBM), gives EBM the raw columns (its own binning and
missing handling), and runs the given folds. Prints one JSON line: out-of-fold roc_auc and
log_loss, and fit_seconds (the five fits alone, imports and reading excluded).
"""
from __future__ import annotations

import argparse
import json
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["logistic", "ebm", "lightgbm"])
    ap.add_argument("data")
    ap.add_argument("label")
    ap.add_argument("positive")
    ap.add_argument("folds")
    ap.add_argument("--drop", action="append", default=[])
    args = ap.parse_args()
    frame = pd.read_csv(args.data, dtype=str, keep_default_na=False)
    y = (frame[args.label] == args.positive).astype(int).to_numpy()
    X = frame.drop(columns=[args.label] + args.drop)
    numeric, text = [], []
    for c in X.columns:
        cells = X[c].str.strip()
        missing = cells.isin(["", "NA", "N/A", "NaN", "null"])
        values = pd.to_numeric(cells.where(~missing), errors="coerce")
        if values.notna().sum() == (~missing).sum() and values.notna().any():
            X[c] = values
            numeric.append(c)
        else:
            text.append(c)
    folds = np.loadtxt(args.folds, dtype=int)
    oof = np.zeros(len(y))
    fit_seconds = 0.0
    warnings.filterwarnings("ignore")
    for k in range(folds.max() + 1):
        train, test = folds != k, folds == k
        if args.tool == "ebm":
            from interpret.glassbox import ExplainableBoostingClassifier
            model = ExplainableBoostingClassifier(random_state=0, n_jobs=2)
            Xt, Xv = X[train], X[test]
        else:
            medians = X.loc[train, numeric].median()
            filled = X.copy()
            filled[numeric] = filled[numeric].fillna(medians)
            if args.tool == "lightgbm":
                for c in text:
                    filled[c] = pd.Categorical(filled[c])
                import lightgbm
                model = lightgbm.LGBMClassifier(random_state=0, n_jobs=2, verbose=-1)
                Xt, Xv = filled[train], filled[test]
            else:
                from sklearn.linear_model import LogisticRegression
                from sklearn.pipeline import make_pipeline
                from sklearn.preprocessing import StandardScaler
                encoded = pd.get_dummies(filled, columns=text, dtype=float)
                model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=10_000, tol=1e-8))
                Xt, Xv = encoded[train], encoded[test]
        started = time.perf_counter()
        model.fit(Xt, y[train])
        fit_seconds += time.perf_counter() - started
        oof[test] = model.predict_proba(Xv)[:, 1]
    print(json.dumps({"roc_auc": roc_auc_score(y, oof), "log_loss": log_loss(y, oof), "fit_seconds": fit_seconds}))


if __name__ == "__main__":
    main()
