#!/usr/bin/env python3
"""pandas + scikit-learn's side of the scoring rows of Benchmarks/compare.

  scoring_peer.py MODEL.json LOG.csv OUT.csv

What a user would otherwise write to score a transaction log with a ChurnKit model: pandas
read_csv -> the six lifetimes-style features as of the log's last date -> the model's transforms,
a StandardScaler with the model's means and standard deviations, a LogisticRegression whose
coef_/intercept_ are the model's standardized coefficients -> predict_proba -> sort by probability
descending, then customer id -> to_csv (customer_id, churn_probability). Prints one JSON line
(customers, work_seconds: from the read to the written file, imports excluded).

Features, as `churn score` computes them (same-day rows summed into one purchase day):
  frequency = distinct purchase days - 1; recency = last day - first day; T = as-of - first day;
  monetary_value = mean spend of the repeat purchase days (0 when frequency is 0);
  days_since_last = T - recency; n_transactions = rows.
"""
from __future__ import annotations

import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def transform(name: str, x: np.ndarray) -> np.ndarray:
    if name == "identity":
        return x
    if name == "log1p":                                   # sign(x) log(1 + |x|), as ChurnKit
        return np.sign(x) * np.log1p(np.abs(x))
    raise SystemExit(f"unknown transform {name!r}")


def features(log: str) -> pd.DataFrame:
    df = pd.read_csv(log, usecols=["customer_id", "date", "amount"],
                     dtype={"customer_id": "int64", "amount": "float64"})
    day = pd.to_datetime(df["date"], format="%Y-%m-%d").to_numpy().astype("datetime64[D]").astype("int64")
    as_of = int(day.max())                                # the log's last date
    rows = pd.DataFrame({"customer_id": df["customer_id"].to_numpy(), "day": day, "amount": df["amount"].to_numpy()})
    del df
    days = rows.groupby(["customer_id", "day"], sort=True)["amount"].agg(["sum", "size"]).reset_index()
    del rows
    agg = days.groupby("customer_id", sort=False).agg(
        first=("day", "min"), last=("day", "max"), n=("day", "size"), n_rows=("size", "sum"),
        total=("sum", "sum"), first_spend=("sum", "first"))        # days are sorted by day
    frequency = agg["n"] - 1
    recency = (agg["last"] - agg["first"]).astype("float64")
    T = (as_of - agg["first"]).astype("float64")
    return pd.DataFrame({
        "frequency": frequency.astype("float64"),
        "recency": recency,
        "T": T,
        "monetary_value": np.where(frequency > 0, (agg["total"] - agg["first_spend"]) / frequency.clip(lower=1), 0.0),
        "days_since_last": T - recency,
        "n_transactions": agg["n_rows"].astype("float64"),
    }, index=agg.index)


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    model_path, log, out = sys.argv[1:]
    model = json.loads(open(model_path).read())
    inputs = model["feature_spec"]["inputs"]
    started = time.perf_counter()
    table = features(log)
    X = np.column_stack([transform(i["transform"], table[i["column"]].to_numpy()) for i in inputs])
    scaler = StandardScaler()
    scaler.mean_ = np.asarray(model["standardizer"]["means"], dtype=np.float64)
    # The model file's key (snake_case since the format's key cleanup; camelCase in older files).
    standardizer = model["standardizer"]
    scaler.scale_ = np.asarray(standardizer.get("standard_deviations", standardizer.get("standardDeviations")), dtype=np.float64)
    scaler.var_ = scaler.scale_ ** 2
    scaler.n_features_in_ = X.shape[1]
    clf = LogisticRegression()
    clf.classes_ = np.array([0, 1])
    clf.coef_ = np.asarray([[c["standardized"] for c in model["coefficients"]]], dtype=np.float64)
    clf.intercept_ = np.asarray([model["intercept"]["standardized"]], dtype=np.float64)
    clf.n_features_in_ = X.shape[1]
    p = clf.predict_proba(scaler.transform(X))[:, 1]
    risk = pd.DataFrame({"customer_id": table.index.to_numpy(), "churn_probability": p})
    risk.sort_values(["churn_probability", "customer_id"], ascending=[False, True], inplace=True, kind="stable")
    risk.to_csv(out, index=False, float_format="%.17g")
    print(json.dumps({"customers": len(risk), "work_seconds": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
