#!/usr/bin/env python3
"""BG/NBD and Gamma-Gamma reference values from lifetimes 0.11.3 -> output/bgnbd_cdnow.json.

Two data sets:
  * cdnow_1997_09_30: the bundled CDNOW log at cut-off 1997-09-30, features as ChurnKit computes
    them (= lifetimes' summary_data_from_transaction_data(freq='D'), see cdnow_features.py),
    time in days; holdout 273 days (1997-10-01 .. 1998-06-30);
  * lifetimes_summary: lifetimes.datasets.load_cdnow_summary() (2,357 customers, weeks) and, for
    the Gamma-Gamma model, load_cdnow_summary_data_with_monetary_value(); their rows are written
    into the JSON so the Swift tests read the same input.
For each: BetaGeoFitter().fit (penalizer 0, and 0.001 for the penalty's semantics), its summary
(coef, se), the log-likelihood in the data's own time unit (lifetimes' _negative_log_likelihood
at the natural parameters, times -n: lifetimes itself reports the mean in scaled time),
predictions with lifetimes' parameters -- P(alive), conditional expected purchases, the
probability of no purchase in the horizon 1 - P(alive) + P(alive)*((alpha+T)/(alpha+T+t))^(r+x)
(computed here with numpy from lifetimes' parameters, lifetimes has no such method) -- and the
Gamma-Gamma fit, conditional expected average profit and customer_lifetime_value (12 months,
discount 0.01 a month). Per-customer values for spot customers; math.fsum totals over all.
The CDNOW calibration-vs-holdout table is lifetimes' plot_calibration_purchases_vs_holdout_purchases
data: holdout purchase days per customer grouped by frequency_cal.
"""
from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd

import _common
import cdnow_features

HORIZON_DAYS = 273
SUMMARY_HORIZON_WEEKS = 39.0
CLV_MONTHS = 12
CLV_DISCOUNT = 0.01
PENALIZER = 0.001


def fsum(values) -> float:
    return math.fsum(float(v) for v in np.asarray(values, dtype=float))


def bgnbd_section(freq, rec, T, horizon, clv_freq, monetary=None, spot=None, penalized=True):
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    freq = np.asarray(freq, dtype=float)
    rec = np.asarray(rec, dtype=float)
    T = np.asarray(T, dtype=float)
    out = {}
    fits = [("unpenalized", 0.0)] + ([("penalized", PENALIZER)] if penalized else [])
    for name, pen in fits:
        bgf = BetaGeoFitter(penalizer_coef=pen)
        bgf.fit(freq, rec, T)
        params = bgf.params_
        natural = np.log(params[["r", "alpha", "a", "b"]].to_numpy())
        ll = -BetaGeoFitter._negative_log_likelihood(natural, freq.astype(int), rec, T, np.ones_like(rec), 0.0) * len(rec)
        out[name] = {
            "penalizer_coef": pen,
            "params": {k: float(params[k]) for k in ["r", "alpha", "a", "b"]},
            "se": {k: float(bgf.standard_errors_[k]) for k in ["r", "alpha", "a", "b"]},
            "lower_95": {k: float(bgf.summary.loc[k, "lower 95% bound"]) for k in ["r", "alpha", "a", "b"]},
            "log_likelihood": float(ll),
            "lifetimes_objective": float(bgf._negative_log_likelihood_),
            "time_scale": float(bgf._scale),
        }
        if name == "unpenalized":
            model = bgf
    r, alpha, a, b = (float(model.params_[k]) for k in ["r", "alpha", "a", "b"])
    p_alive = model.conditional_probability_alive(freq, rec, T)
    expected = model.conditional_expected_number_of_purchases_up_to_time(horizon, freq, rec, T)
    p_quiet = 1 - p_alive + p_alive * ((alpha + T) / (alpha + T + horizon)) ** (r + freq)
    preds = {"horizon": horizon, "p_alive": p_alive, "expected_purchases": expected, "p_no_purchase": p_quiet}
    out["predictions_totals"] = {k: fsum(v) for k, v in preds.items() if k != "horizon"}
    out["predictions_totals"]["horizon"] = horizon
    out["new_customer_expected_purchases"] = {str(t): float(model.expected_number_of_purchases_up_to_time(t))
                                              for t in (horizon / 4, horizon)}
    out["probability_of_purchases"] = {str(n): float(model.probability_of_n_purchases_up_to_time(horizon, n))
                                       for n in range(0, 6)}
    idx = spot if spot is not None else list(range(len(freq)))
    out["spot"] = [{"row": int(i), "frequency": float(freq[i]), "recency": float(rec[i]), "T": float(T[i]),
                    "p_alive": float(p_alive[i]), "expected_purchases": float(expected[i]),
                    "p_no_purchase": float(p_quiet[i])} for i in idx]
    if monetary is not None:
        monetary = np.asarray(monetary, dtype=float)
        repeat = (freq > 0) & (monetary > 0)
        ggf = GammaGammaFitter(penalizer_coef=0.0)
        ggf.fit(freq[repeat], monetary[repeat])
        gg = {k: float(ggf.params_[k]) for k in ["p", "q", "v"]}
        gg_ll = -GammaGammaFitter._negative_log_likelihood(np.log([gg["p"], gg["q"], gg["v"]]), freq[repeat],
                                                             monetary[repeat], np.ones(repeat.sum()), 0.0) * repeat.sum()
        spend = ggf.conditional_expected_average_profit(pd.Series(freq), pd.Series(monetary)).to_numpy()
        clv = ggf.customer_lifetime_value(model, pd.Series(freq), pd.Series(rec), pd.Series(T), pd.Series(monetary),
                                          time=CLV_MONTHS, discount_rate=CLV_DISCOUNT, freq=clv_freq).to_numpy()
        out["gamma_gamma"] = {
            "customers": int(repeat.sum()),
            "params": gg,
            "se": {k: float(ggf.standard_errors_[k]) for k in ["p", "q", "v"]},
            "log_likelihood": float(gg_ll),
            "expected_average_spend_total": fsum(spend),
            "clv": {"months": CLV_MONTHS, "discount_rate": CLV_DISCOUNT, "freq": clv_freq, "total": fsum(clv)},
        }
        for row in out["spot"]:
            i = row["row"]
            row["monetary_value"] = float(monetary[i])
            row["expected_average_spend"] = float(spend[i])
            row["clv"] = float(clv[i])
    return out


def calibration_table(transactions: pd.DataFrame, feats: pd.DataFrame) -> tuple[list[dict], float]:
    """lifetimes' plot_calibration_purchases_vs_holdout_purchases data. Its
    calibration_and_holdout_data fails under pandas 3, so the holdout counts are computed here
    the way it defines them (freq='D'): distinct purchase days in (cut-off, holdout end]."""
    from lifetimes import BetaGeoFitter
    start, end = pd.Timestamp(cdnow_features.HOLDOUT_START), pd.Timestamp(cdnow_features.HOLDOUT_END)
    hold = transactions[(transactions["day"] >= start) & (transactions["day"] <= end)]
    holdout_days = hold.groupby("customer_id")["day"].nunique().reindex(feats.index, fill_value=0)
    bgf = BetaGeoFitter().fit(feats["frequency"], feats["recency"], feats["T"])
    duration = float((end - pd.Timestamp(cdnow_features.CUTOFF)).days)
    summary = pd.DataFrame({"frequency_cal": feats["frequency"], "frequency_holdout": holdout_days.astype(float)})
    summary["model_predictions"] = bgf.conditional_expected_number_of_purchases_up_to_time(
        duration, feats["frequency"], feats["recency"], feats["T"])
    grouped = summary.groupby("frequency_cal")[["frequency_holdout", "model_predictions"]].agg(["mean", "size"])
    rows = []
    for freq_cal, row in grouped.iterrows():
        rows.append({"frequency_cal": int(freq_cal), "customers": int(row[("frequency_holdout", "size")]),
                     "mean_frequency_holdout": float(row[("frequency_holdout", "mean")]),
                     "mean_model_predictions": float(row[("model_predictions", "mean")])})
    return rows, duration


def main() -> None:
    args = _common.parse_args(__doc__.splitlines()[0])
    from lifetimes.datasets import load_cdnow_summary, load_cdnow_summary_data_with_monetary_value

    path = _common.data_file(args.data_dir, "cdnow/transactions.csv")
    df = cdnow_features.load_transactions(path)
    feats = cdnow_features.compute_features(df)
    order = np.argsort(-feats["frequency"].to_numpy(), kind="stable")
    spot = list(range(40)) + [int(i) for i in order[:10]]
    cdnow = bgnbd_section(feats["frequency"], feats["recency"], feats["T"], float(HORIZON_DAYS), "D",
                          monetary=feats["monetary_value"], spot=spot)
    cdnow["spot_customer_ids"] = [int(feats.index[i]) for i in spot]
    cdnow["customers"] = len(feats)
    table, duration = calibration_table(df, feats)
    cdnow["calibration_vs_holdout"] = {"duration_holdout": duration, "rows": table}

    summary = load_cdnow_summary(index_col=[0])
    with_money = load_cdnow_summary_data_with_monetary_value()
    assert np.allclose(summary["frequency"].to_numpy(), with_money["frequency"].to_numpy())
    top = np.argsort(-summary["frequency"].to_numpy(), kind="stable")[:10]
    lt_spot = list(range(0, len(summary), 7)) + [int(i) for i in top]
    lt = bgnbd_section(summary["frequency"], summary["recency"], summary["T"], SUMMARY_HORIZON_WEEKS, "W",
                       monetary=with_money["monetary_value"], spot=lt_spot)
    lt["data"] = {"frequency": summary["frequency"].tolist(), "recency": summary["recency"].tolist(),
                  "T": summary["T"].tolist(), "monetary_value": with_money["monetary_value"].tolist()}

    payload = {
        "generated_by": _common.generated_by("bgnbd_lifetimes.py", {"transactions": path}),
        "definitions": {"doc": __doc__, "penalized_fit_penalizer_coef": PENALIZER,
                        "cdnow_time_unit": "day", "lifetimes_summary_time_unit": "week",
                        "clv": "GammaGammaFitter.customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01, freq)"},
        "cdnow_1997_09_30": cdnow,
        "lifetimes_summary": lt,
    }
    _common.write_json(args.output_dir, "bgnbd_cdnow.json", payload)
    for name in ("cdnow_1997_09_30", "lifetimes_summary"):
        sec = payload[name]
        print(name, sec["unpenalized"]["params"], "LL", sec["unpenalized"]["log_likelihood"],
              "GG", sec["gamma_gamma"]["params"])


if __name__ == "__main__":
    main()
