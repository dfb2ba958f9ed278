#!/usr/bin/env python3
"""Fit time of interpret's EBM on a labelled synthetic table (issue 12's timing rows).

  ebm_fit_time.py DATA.csv [--interactions 10]

All rows, n_jobs=2 (the machine's cores), otherwise EBM's defaults. Prints one JSON line with
fit_seconds (the fit alone)."""
import argparse
import json
import time

import pandas as pd
from interpret.glassbox import ExplainableBoostingClassifier

ap = argparse.ArgumentParser()
ap.add_argument("data")
ap.add_argument("--interactions", type=int, default=10)
args = ap.parse_args()
frame = pd.read_csv(args.data)
y = (frame.pop("churn") == "Yes").astype(int)
started = time.perf_counter()
ExplainableBoostingClassifier(interactions=args.interactions, n_jobs=2, random_state=0).fit(frame, y)
print(json.dumps({"rows": len(y), "fit_seconds": time.perf_counter() - started}))
