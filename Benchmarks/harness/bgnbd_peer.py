#!/usr/bin/env python3
"""lifetimes' side of the bgnbd rows of Benchmarks/compare.

  bgnbd_peer.py FEATURES.csv HORIZON_DAYS

What a lifetimes user runs on a customer summary: pandas read_csv (frequency, recency, T) ->
BetaGeoFitter().fit -> conditional_probability_alive, conditional_expected_number_of_purchases_up_to_time
and the probability of no purchase in the horizon, 1 - P(alive) + P(alive)((alpha+T)/(alpha+T+t))^(r+x),
for every customer. Prints one JSON line (parameters, log-likelihood in days, sums, seconds).
"""
from __future__ import annotations

import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    path, horizon = sys.argv[1], float(sys.argv[2])
    started = time.perf_counter()
    df = pd.read_csv(path, usecols=["frequency", "recency", "T"], dtype="float64")
    read = time.perf_counter() - started
    fit_start = time.perf_counter()
    bgf = BetaGeoFitter().fit(df["frequency"], df["recency"], df["T"])
    fit = time.perf_counter() - fit_start
    predict_start = time.perf_counter()
    x, t, T = df["frequency"].to_numpy(), df["recency"].to_numpy(), df["T"].to_numpy()
    p_alive = bgf.conditional_probability_alive(x, t, T)
    expected = bgf.conditional_expected_number_of_purchases_up_to_time(horizon, x, t, T)
    r, alpha = bgf.params_["r"], bgf.params_["alpha"]
    p_quiet = 1 - p_alive + p_alive * ((alpha + T) / (alpha + T + horizon)) ** (r + x)
    predict = time.perf_counter() - predict_start
    params = {k: float(bgf.params_[k]) for k in ["r", "alpha", "a", "b"]}
    natural = np.log([params["r"], params["alpha"], params["a"], params["b"]])
    ll = -BetaGeoFitter._negative_log_likelihood(natural, x.astype(int), t, T, np.ones_like(t), 0.0) * len(t)
    print(json.dumps({"customers": len(df), "params": params, "log_likelihood": float(ll),
                      "sum_p_alive": float(np.sum(p_alive)), "sum_expected_purchases": float(np.nansum(expected)),
                      "nonfinite_expected_purchases": int(np.sum(~np.isfinite(expected))),
                      "sum_p_no_purchase": float(np.sum(p_quiet)),
                      "read_seconds": read, "fit_seconds": fit, "predict_seconds": predict,
                      "work_seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
