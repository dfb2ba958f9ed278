#!/usr/bin/env python3
"""CDNOW RFM / lifetimes features and holdout churn label -> output/cdnow_features.json.

Definitions (lifetimes.utils.summary_data_from_transaction_data, freq='D'):
  * rows with the same (customer, day) are summed into one purchase day;
  * calibration period: every row dated on or before CUTOFF (1997-09-30);
  * frequency      = distinct purchase days - 1
  * recency        = last purchase day - first purchase day (days)
  * T              = CUTOFF - first purchase day (days)
  * monetary_value = mean spend of the repeat purchase days (first day excluded),
                     0 when frequency == 0
  * is_churn       = 1 when the customer has no row at all in the holdout
                     1997-10-01 .. 1998-06-30 (273 days, inclusive; a row with
                     amount 0.00 still counts as a purchase)
Extras:
  * days_since_last   = T - recency
  * n_transactions    = number of rows (not days) on or before CUTOFF
  * monetary_total    = sum of amounts on or before CUTOFF
  * mean_gap_days     = recency / frequency, null when frequency == 0
  * purchases_last_K  = distinct purchase days in (CUTOFF - K days, CUTOFF]
  * spend_last_K      = amount in the same window, K in 30, 90, 180
Money is summed exactly in integer cents and each per-customer money value is
the correctly rounded double of the exact decimal result. Column sums are
math.fsum of the per-customer doubles.
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction

import numpy as np
import pandas as pd

import _common

CUTOFF = date(1997, 9, 30)
HOLDOUT_START = date(1997, 10, 1)
HOLDOUT_END = date(1998, 6, 30)
WINDOWS = (30, 90, 180)
SPOT_IDS = list(range(1, 21))

CORE = ["frequency", "recency", "T", "monetary_value"]
EXTRA = (["days_since_last", "n_transactions", "monetary_total", "mean_gap_days"]
         + [f"purchases_last_{k}" for k in WINDOWS] + [f"spend_last_{k}" for k in WINDOWS])
COLUMNS = CORE + ["is_churn"] + EXTRA


def load_transactions(path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype={"customer_id": "int64", "date": str, "quantity": "int64",
                                  "amount": str})
    # exact integer cents from the decimal text (all amounts have <= 2 decimals)
    def cents(s: str) -> int:
        whole, _, frac = s.partition(".")
        assert len(frac) <= 2 and whole.isdigit(), s
        return int(whole) * 100 + int(frac.ljust(2, "0") or 0)
    df["cents"] = df["amount"].map(cents).astype("int64")
    df["amount"] = df["amount"].astype(float)
    df["day"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df


def money(cents: int, divisor: int = 1) -> float:
    return float(Fraction(int(cents), 100 * int(divisor)))


def compute_features(df: pd.DataFrame) -> pd.DataFrame:
    """One row per customer with a purchase on or before CUTOFF, indexed by customer_id."""
    cutoff = pd.Timestamp(CUTOFF)
    cal = df[df["day"] <= cutoff]
    hold = df[(df["day"] >= pd.Timestamp(HOLDOUT_START)) & (df["day"] <= pd.Timestamp(HOLDOUT_END))]

    days = cal.groupby(["customer_id", "day"], as_index=False)["cents"].sum()
    days = days.sort_values(["customer_id", "day"], kind="stable")
    g = days.groupby("customer_id")
    first = g["day"].min()
    last = g["day"].max()
    n_days = g["day"].size()
    total_cents = g["cents"].sum()
    first_day_cents = g["cents"].first()

    out = pd.DataFrame(index=first.index)
    out.index.name = "customer_id"
    out["frequency"] = (n_days - 1).astype("int64")
    out["recency"] = (last - first).dt.days.astype("int64")
    out["T"] = (cutoff - first).dt.days.astype("int64")
    repeat_cents = total_cents - first_day_cents
    out["monetary_value"] = [money(c, f) if f > 0 else 0.0
                             for c, f in zip(repeat_cents, out["frequency"])]
    holdout_ids = set(hold["customer_id"].unique())
    out["is_churn"] = [0 if cid in holdout_ids else 1 for cid in out.index]

    out["days_since_last"] = out["T"] - out["recency"]
    out["n_transactions"] = cal.groupby("customer_id").size().reindex(out.index).astype("int64")
    out["monetary_total"] = [money(c) for c in total_cents]
    out["mean_gap_days"] = [r / f if f > 0 else None for r, f in zip(out["recency"], out["frequency"])]
    for k in WINDOWS:
        w = days[days["day"] > cutoff - pd.Timedelta(days=k)]
        gw = w.groupby("customer_id")
        out[f"purchases_last_{k}"] = gw.size().reindex(out.index, fill_value=0).astype("int64")
        out[f"spend_last_{k}"] = [money(c) for c in gw["cents"].sum().reindex(out.index, fill_value=0)]
    return out[COLUMNS]


def lifetimes_check(df: pd.DataFrame, feats: pd.DataFrame) -> dict:
    try:
        from lifetimes.utils import summary_data_from_transaction_data
    except Exception as exc:  # pragma: no cover - fallback path
        return {"used": False, "reason": f"lifetimes not importable: {exc!r}"}
    lt = summary_data_from_transaction_data(
        df[["customer_id", "day", "amount"]], "customer_id", "day",
        monetary_value_col="amount", observation_period_end=str(CUTOFF), freq="D")
    lt = lt.reindex(feats.index)
    assert len(lt) == len(feats) and not lt.isna().any().any()
    res = {"used": True, "function": "lifetimes.utils.summary_data_from_transaction_data(freq='D')"}
    for col in ["frequency", "recency", "T"]:
        assert (lt[col].to_numpy() == feats[col].to_numpy()).all(), col
        res[f"{col}_identical"] = True
    d = np.abs(lt["monetary_value"].to_numpy() - feats["monetary_value"].to_numpy())
    rel = d / np.maximum(1.0, np.abs(feats["monetary_value"].to_numpy()))
    assert rel.max() < 1e-12, rel.max()
    res["monetary_value_max_abs_diff"] = float(d.max())
    res["monetary_value_note"] = ("lifetimes averages float dollars; this file uses exact cents, "
                                  "so they may differ in the last bits")
    return res


def column_stats(s: pd.Series) -> dict:
    vals = [v for v in s.tolist() if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return {
        "sum": math.fsum(vals) if any(isinstance(v, float) for v in vals) else int(sum(vals)),
        "count_non_null": len(vals),
        "mean": math.fsum(vals) / len(vals),
        "min": min(vals),
        "max": max(vals),
    }


def main() -> None:
    args = _common.parse_args(__doc__.splitlines()[0])
    path = _common.data_file(args.data_dir, "cdnow/transactions.csv")
    df = load_transactions(path)
    feats = compute_features(df)
    check = lifetimes_check(df, feats)

    n = len(feats)
    n_churn = int(feats["is_churn"].sum())
    stats = {c: column_stats(feats[c]) for c in COLUMNS}
    rows = []
    for cid in SPOT_IDS:
        r = feats.loc[cid]
        row = {"customer_id": cid}
        for c in COLUMNS:
            v = r[c]
            if c == "mean_gap_days":
                row[c] = None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
            elif c in ("monetary_value", "monetary_total") or c.startswith("spend_last_"):
                row[c] = float(v)
            else:
                row[c] = int(v)
        rows.append(row)

    cutoff_ts = pd.Timestamp(CUTOFF)
    payload = {
        "generated_by": _common.generated_by("cdnow_features.py", {"transactions": path},
                                             lifetimes_check=check),
        "definitions": {
            "cutoff": str(CUTOFF),
            "holdout_start": str(HOLDOUT_START),
            "holdout_end": str(HOLDOUT_END),
            "holdout_days": (HOLDOUT_END - HOLDOUT_START).days + 1,
            "granularity": "day; same-day rows summed into one purchase day",
            "customers": "every customer with at least one row on or before cutoff",
            "is_churn": "1 when the customer has no row in [holdout_start, holdout_end]",
            "windows": {f"last_{k}": [str(CUTOFF - timedelta(days=k)), str(CUTOFF),
                                      "(exclusive, inclusive]"] for k in WINDOWS},
            "money": "exact integer-cent arithmetic, each value the correctly rounded double",
            "sums": "math.fsum over customers; mean_gap_days over non-null values only",
            "doc": __doc__,
        },
        "counts": {
            "n_rows": int(len(df)),
            "n_rows_calibration": int((df["day"] <= cutoff_ts).sum()),
            "n_rows_holdout": int(((df["day"] >= pd.Timestamp(HOLDOUT_START))
                                   & (df["day"] <= pd.Timestamp(HOLDOUT_END))).sum()),
            "n_customers": n,
            "n_churned": n_churn,
            "n_active": n - n_churn,
            "churn_rate": n_churn / n,
            "n_frequency_zero": int((feats["frequency"] == 0).sum()),
        },
        "sums": {c: stats[c]["sum"] for c in COLUMNS},
        "column_stats": stats,
        "columns": COLUMNS,
        "customers": rows,
    }
    # sanity checks against the numbers in the brief
    assert n == 23570 and n_churn == 16512
    assert payload["sums"]["frequency"] == 24337 and payload["sums"]["recency"] == 1129644
    assert payload["sums"]["T"] == 5399736
    assert abs(payload["sums"]["monetary_value"] - 336714.287) < 5e-4
    _common.write_json(args.output_dir, "cdnow_features.json", payload)
    print(f"customers={n} churned={n_churn} rate={n_churn / n!r}")
    print("sums", payload["sums"])


if __name__ == "__main__":
    main()
