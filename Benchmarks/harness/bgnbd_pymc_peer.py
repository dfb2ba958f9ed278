#!/usr/bin/env python3
"""PyMC-Marketing's side of the bgnbd rows of Benchmarks/compare (its MAP fit).

  bgnbd_pymc_peer.py FEATURES.csv HORIZON_DAYS

What a PyMC-Marketing user runs for a point estimate: pandas read_csv (customer_id, frequency,
recency, T) -> BetaGeoModel(...).fit(method="map") -> expected_probability_alive and
expected_purchases over the horizon, and the probability of no purchase in the horizon,
1 - P(alive) + P(alive)((alpha+T)/(alpha+T+t))^(r+x), for every customer. The priors of r, alpha,
a and b are HalfFlat, so the MAP is the maximum-likelihood fit that lifetimes and ChurnKit compute
(the package's default priors are informative and would move it). PyMC-Marketing 0.19.2 is the
last release for Python 3.11, the benchmark venv's Python. Prints one JSON line (parameters,
log-likelihood in days, sums, seconds).
"""
from __future__ import annotations

import json
import sys
import time
import warnings

import numpy as np
import pandas as pd


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    path, horizon = sys.argv[1], float(sys.argv[2])
    warnings.filterwarnings("ignore")
    started = time.perf_counter()
    from pymc_extras.prior import Prior
    from pymc_marketing.clv import BetaGeoModel
    from scipy.special import gammaln
    imported = time.perf_counter() - started
    df = pd.read_csv(path, usecols=["customer_id", "frequency", "recency", "T"],
                     dtype={"customer_id": "int64", "frequency": "float64", "recency": "float64", "T": "float64"})
    read = time.perf_counter() - started - imported
    fit_start = time.perf_counter()
    flat = {name: Prior("HalfFlat") for name in ("r", "alpha", "a", "b")}
    model = BetaGeoModel(data=df, model_config=flat)
    model.fit(method="map", progressbar=False)
    fit = time.perf_counter() - fit_start
    posterior = model.idata.posterior
    params = {k: float(posterior[k].values.reshape(-1)[0]) for k in ("r", "alpha", "a", "b")}
    predict_start = time.perf_counter()
    p_alive = model.expected_probability_alive(data=df).values.reshape(-1)
    expected = model.expected_purchases(data=df, future_t=horizon).values.reshape(-1)
    x, t, T = df["frequency"].to_numpy(), df["recency"].to_numpy(), df["T"].to_numpy()
    r, alpha, a, b = params["r"], params["alpha"], params["a"], params["b"]
    p_quiet = 1 - p_alive + p_alive * ((alpha + T) / (alpha + T + horizon)) ** (r + x)
    predict = time.perf_counter() - predict_start
    # The log-likelihood in days, Fader, Hardie and Lee (2005) eq. (6), as the other two sides report it.
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + t), -np.inf)
    ll = float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))
    print(json.dumps({"customers": len(df), "params": params, "log_likelihood": ll,
                      "sum_p_alive": float(np.sum(p_alive)), "sum_expected_purchases": float(np.nansum(expected)),
                      "sum_p_no_purchase": float(np.sum(p_quiet)),
                      "import_seconds": imported, "read_seconds": read, "fit_seconds": fit, "predict_seconds": predict,
                      "work_seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
