#!/usr/bin/env python3
"""CDNOW monthly retention metrics and monthly acquisition cohorts -> output/retention_cdnow.json.

Independent of ChurnKit's Swift code: every number is recomputed here by brute force with pandas
(a fresh groupby per month boundary), following the definitions in the README section
"Retention metrics":
  * an order is a row with amount >= 0; a refund (amount < 0) only changes revenue;
  * months are calendar months of the dates as written, from the first to the last date of the log;
  * active at the end of day d  <=>  d - (last order day <= d) < ACTIVE_WINDOW (90) days;
  * S = active at the end of the day before the month starts, E = active at its last day,
    N = first order ever in the month, lost = in S and not in E,
    reactivated = in E, not in S, not new;
  * retention_rate = (E - N) / S * 100, churn_rate = lost / S * 100 (None when S = 0);
  * buyers = customers with an order in the month, repeat_buyers = those with >= 2 orders in it;
  * revenue = sum of all amounts dated in the month (refunds included);
  * base = revenue in the previous month of the customers who ordered in it;
    revenue_churn = (base part of those with no order this month) / base * 100,
    net_revenue_retention = (this month's revenue of the previous month's buyers) / base * 100;
  * cohort of a customer = month of the first order; cohort cell t = customers of the cohort with
    an order in month cohort + t (and the cohort's revenue in that month).
Money is summed exactly in integer cents.
"""
from __future__ import annotations

from fractions import Fraction

import pandas as pd

import _common

ACTIVE_WINDOW = 90


def load(path) -> pd.DataFrame:
    df = pd.read_csv(path, dtype={"customer_id": "int64", "date": str, "amount": str})

    def cents(s: str) -> int:
        sign = -1 if s.startswith("-") else 1
        whole, _, frac = s.lstrip("-").partition(".")
        return sign * (int(whole) * 100 + int(frac.ljust(2, "0") or 0))

    df["cents"] = df["amount"].map(cents).astype("int64")
    df["day"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    df["month"] = df["day"].dt.to_period("M")
    return df


def money(cents) -> float:
    return float(Fraction(int(cents), 100))


def active_at(orders: pd.DataFrame, d: pd.Timestamp) -> set:
    last = orders[orders["day"] <= d].groupby("customer_id")["day"].max()
    return set(last[(d - last).dt.days < ACTIVE_WINDOW].index)


def pct(num, den):
    return None if den == 0 else num / den * 100


def monthly_metrics(df: pd.DataFrame) -> list[dict]:
    orders = df[df["cents"] >= 0]
    first_month = orders.groupby("customer_id")["month"].min()
    months = pd.period_range(df["month"].min(), df["month"].max(), freq="M")
    log_end = df["day"].max()
    rows = []
    for i, m in enumerate(months):
        start = m.start_time.normalize()
        end = min(m.end_time.normalize(), log_end)
        s_set = active_at(orders, start - pd.Timedelta(days=1))
        e_set = active_at(orders, end)
        new = set(first_month[first_month == m].index)
        in_month = df[df["month"] == m]
        o = orders[orders["month"] == m]
        per_buyer = o.groupby("customer_id").size()
        row = {
            "period": str(m),
            "customers_start": len(s_set),
            "new_customers": len(new),
            "reactivated_customers": len(e_set - s_set - new),
            "lost_customers": len(s_set - e_set),
            "customers_end": len(e_set),
            "buyers": int(len(per_buyer)),
            "repeat_buyers": int((per_buyer >= 2).sum()),
            "orders": int(len(o)),
            "revenue": money(in_month["cents"].sum()),
        }
        row["retention_rate"] = pct(row["customers_end"] - row["new_customers"], row["customers_start"])
        row["churn_rate"] = pct(row["lost_customers"], row["customers_start"])
        row["revenue_churn"] = None
        row["net_revenue_retention"] = None
        if i > 0:
            prev = months[i - 1]
            prev_buyers = set(orders.loc[orders["month"] == prev, "customer_id"])
            prev_rev = df[(df["month"] == prev) & df["customer_id"].isin(prev_buyers)].groupby("customer_id")["cents"].sum()
            base = int(prev_rev.sum())
            stayed = set(o["customer_id"])
            churned = int(prev_rev[~prev_rev.index.isin(stayed)].sum())
            retained = int(in_month[in_month["customer_id"].isin(prev_buyers)]["cents"].sum())
            if base > 0:
                row["revenue_churn"] = churned / base * 100
                row["net_revenue_retention"] = retained / base * 100
        rows.append(row)
    return rows


def cohorts(df: pd.DataFrame) -> list[dict]:
    orders = df[df["cents"] >= 0]
    first_month = orders.groupby("customer_id")["month"].min().rename("cohort")
    last_month = df["month"].max()
    o = orders.join(first_month, on="customer_id")
    o["offset"] = (o["month"] - o["cohort"]).map(lambda x: x.n)
    active = o.groupby(["cohort", "offset"])["customer_id"].nunique()
    r = df.join(first_month, on="customer_id", how="inner")
    r["offset"] = (r["month"] - r["cohort"]).map(lambda x: x.n)
    revenue = r[r["offset"] >= 0].groupby(["cohort", "offset"])["cents"].sum()
    out = []
    for cohort, size in first_month.value_counts().sort_index().items():
        span = (last_month - cohort).n + 1
        act = [int(active.get((cohort, t), 0)) for t in range(span)]
        out.append({
            "cohort": str(cohort),
            "customers": int(size),
            "active_customers": act,
            "retention": [a / size * 100 for a in act],
            "revenue": [money(revenue.get((cohort, t), 0)) for t in range(span)],
        })
    return out


def main() -> None:
    args = _common.parse_args(__doc__.splitlines()[0])
    path = _common.data_file(args.data_dir, "cdnow/transactions.csv")
    df = load(path)
    orders = df[df["cents"] >= 0]
    per_customer = orders.groupby("customer_id").size()
    payload = {
        "generated_by": _common.generated_by("retention_metrics.py", {"transactions": path}),
        "definitions": {"period": "month", "active_window_days": ACTIVE_WINDOW, "doc": __doc__},
        "totals": {
            "customers": int(len(per_customer)),
            "repeat_customers": int((per_customer >= 2).sum()),
            "orders": int(len(orders)),
            "revenue": money(df["cents"].sum()),
        },
        "months": monthly_metrics(df),
        "cohorts": cohorts(df),
    }
    _common.write_json(args.output_dir, "retention_cdnow.json", payload)
    for m in payload["months"][:6]:
        print(m["period"], m["customers_start"], m["new_customers"], m["customers_end"], m["retention_rate"])


if __name__ == "__main__":
    main()
