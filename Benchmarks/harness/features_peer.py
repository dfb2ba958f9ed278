#!/usr/bin/env python3
"""One peer's CSV -> lifetimes features, in its own process; prints one JSON line of sums.

Usage: features_peer.py TOOL LOG CUTOFF      TOOL: pandas | duckdb | polars | lifetimes

Every tool computes the per-customer table (customer_id, frequency, recency, T, monetary_value)
with lifetimes' semantics (summary_data_from_transaction_data, freq='D'), keeps it in memory as
that tool's own table, then reduces it to column sums for the agreement check:
  * rows dated on or before CUTOFF only; same-day rows of a customer are one purchase day
    whose spend is their sum;
  * frequency = distinct purchase days - 1; recency = last day - first day; T = CUTOFF - first day;
  * monetary_value = (total spend - first day's spend) / frequency, 0 when frequency is 0
    (the mean spend of the repeat purchase days).
"work_seconds" runs from the start of the read to the sums (imports excluded); the harness
measures the whole process too.
"""
from __future__ import annotations

import json
import sys
import time
from datetime import date

COLUMNS = ("frequency", "recency", "T", "monetary_value")


def run_pandas(log: str, cutoff: date) -> dict:
    import numpy as np
    import pandas as pd
    df = pd.read_csv(log, usecols=["customer_id", "date", "amount"],
                     dtype={"customer_id": "int64", "amount": "float64"})
    day = pd.to_datetime(df["date"], format="%Y-%m-%d").to_numpy().astype("datetime64[D]").astype("int64")
    cutoff_day = (cutoff - date(1970, 1, 1)).days
    keep = day <= cutoff_day
    cal = pd.DataFrame({"customer_id": df["customer_id"].to_numpy()[keep], "day": day[keep],
                        "amount": df["amount"].to_numpy()[keep]})
    del df
    days = cal.groupby(["customer_id", "day"], sort=True)["amount"].sum().reset_index()
    agg = days.groupby("customer_id", sort=False).agg(
        first=("day", "min"), last=("day", "max"), n=("day", "size"),
        total=("amount", "sum"), first_spend=("amount", "first"))   # days are sorted by day
    frequency = agg["n"] - 1
    features = pd.DataFrame({
        "frequency": frequency.astype("float64"),
        "recency": (agg["last"] - agg["first"]).astype("float64"),
        "T": (cutoff_day - agg["first"]).astype("float64"),
        "monetary_value": np.where(frequency > 0, (agg["total"] - agg["first_spend"]) / frequency.clip(lower=1), 0.0),
    }, index=agg.index)
    return {"customers": len(features), **{c: float(features[c].sum()) for c in COLUMNS}}


def run_duckdb(log: str, cutoff: date) -> dict:
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads = 2")
    c = cutoff.isoformat()
    con.execute(f"""
        CREATE TEMP TABLE features AS
        WITH days AS (
            SELECT customer_id, date AS d, sum(amount) AS spend
            FROM read_csv(?, header = true,
                          columns = {{'customer_id': 'BIGINT', 'date': 'DATE', 'amount': 'DOUBLE'}})
            WHERE date <= DATE '{c}'
            GROUP BY customer_id, date),
        per_customer AS (
            SELECT customer_id, count(*) - 1 AS frequency, min(d) AS first, max(d) AS last,
                   sum(spend) AS total, arg_min(spend, d) AS first_spend
            FROM days GROUP BY customer_id)
        SELECT customer_id,
               frequency::DOUBLE AS frequency,
               (last - first)::DOUBLE AS recency,
               (DATE '{c}' - first)::DOUBLE AS T,
               CASE WHEN frequency > 0 THEN (total - first_spend) / frequency ELSE 0 END AS monetary_value
        FROM per_customer""", [log])
    row = con.execute("SELECT count(*), sum(frequency), sum(recency), sum(T), sum(monetary_value) FROM features").fetchone()
    return {"customers": int(row[0]), **{name: float(v) for name, v in zip(COLUMNS, row[1:])}}


def run_polars(log: str, cutoff: date) -> dict:
    import polars as pl
    days = (pl.scan_csv(log, schema={"customer_id": pl.Int64, "date": pl.Date, "amount": pl.Float64})
            .filter(pl.col("date") <= cutoff)
            .group_by("customer_id", "date").agg(pl.col("amount").sum().alias("spend")))
    per_customer = days.group_by("customer_id").agg(
        pl.len().alias("n"), pl.col("date").min().alias("first"), pl.col("date").max().alias("last"),
        pl.col("spend").sum().alias("total"), pl.col("spend").sort_by("date").first().alias("first_spend"))
    frequency = pl.col("n") - 1
    features = per_customer.select(
        "customer_id",
        frequency.cast(pl.Float64).alias("frequency"),
        (pl.col("last") - pl.col("first")).dt.total_days().cast(pl.Float64).alias("recency"),
        (pl.lit(cutoff) - pl.col("first")).dt.total_days().cast(pl.Float64).alias("T"),
        pl.when(frequency > 0).then((pl.col("total") - pl.col("first_spend")) / frequency)
          .otherwise(0.0).alias("monetary_value"),
    ).collect()
    sums = features.select(pl.col(c).sum() for c in COLUMNS).row(0)
    return {"customers": features.height, **{c: float(v) for c, v in zip(COLUMNS, sums)}}


def run_lifetimes(log: str, cutoff: date) -> dict:
    import pandas as pd
    from lifetimes.utils import summary_data_from_transaction_data
    df = pd.read_csv(log, usecols=["customer_id", "date", "amount"],
                     dtype={"customer_id": "int64", "amount": "float64"})
    features = summary_data_from_transaction_data(
        df, "customer_id", "date", monetary_value_col="amount", datetime_format="%Y-%m-%d",
        observation_period_end=cutoff.isoformat(), freq="D")
    return {"customers": len(features), **{c: float(features[c].sum()) for c in COLUMNS}}


TOOLS = {"pandas": run_pandas, "duckdb": run_duckdb, "polars": run_polars, "lifetimes": run_lifetimes}


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in TOOLS:
        sys.exit(__doc__)
    tool, log, cutoff = sys.argv[1], sys.argv[2], date.fromisoformat(sys.argv[3])
    started = time.perf_counter()
    result = TOOLS[tool](log, cutoff)
    result["work_seconds"] = time.perf_counter() - started
    print(json.dumps(result))


if __name__ == "__main__":
    main()
