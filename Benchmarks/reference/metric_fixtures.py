#!/usr/bin/env python3
"""Binary-classification metric golden values on fixed fixtures -> output/metrics.json.

Fixture (numpy.random.default_rng(42), draws in this order):
    y     = rng.binomial(1, 0.3, 200)
    noise = rng.standard_normal(200)
    p     = round(clip(sigmoid(1.5*y - 0.75 + noise), 1e-6, 1 - 1e-6), 2)   (ties!)
    w     = round(rng.uniform(0.5, 2.0, 200), 3)
Rounding is decimal rounding of the double (float(f"{v:.2f}")), so every value
is the double nearest a 2- (3-) decimal number and the JSON shows it exactly.
The fixture arrays are stored in the JSON: tests should read them, not regenerate.
Thresholded metrics predict 1 when p >= 0.5. KS = max(tpr - fpr) over
roc_curve(drop_intermediate=False). Calibration bins follow
sklearn.calibration.calibration_curve: edges = linspace(0, 1, 11) (uniform) or
np.percentile(p, linspace(0, 1, 11)*100) (quantile, linear interpolation),
bin = searchsorted(edges[1:-1], p, side='left'), i.e. a p equal to an inner edge
goes to the lower bin; empty bins are dropped. ECE = sum over non-empty uniform
bins of n_bin/n * |mean(y) - mean(p)| (weighted: W_bin/W and weighted means).
Top-decile lift = mean(y) over the top 10% (20 rows) by p descending, ties by
original index ascending, divided by mean(y) over all rows (weighted: weighted
means over the same 20 rows).
"""
from __future__ import annotations

import math

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss,
                             confusion_matrix, f1_score, log_loss, precision_recall_curve,
                             precision_score, recall_score, roc_auc_score, roc_curve)

import _common

N_BINS = 10
THRESHOLD = 0.5


def make_fixture(seed=42, n=200):
    rng = np.random.default_rng(seed)
    y = rng.binomial(1, 0.3, n).astype(int)
    noise = rng.standard_normal(n)
    raw = np.clip(1 / (1 + np.exp(-(1.5 * y - 0.75 + noise))), 1e-6, 1 - 1e-6)
    p = np.array([float(f"{v:.2f}") for v in raw])
    w = np.array([float(f"{v:.3f}") for v in rng.uniform(0.5, 2.0, n)])
    assert ((p > 0) & (p < 1)).all(), "rounding produced 0 or 1"
    return y, p, w


def bin_table(y, p, w, edges):
    ids = np.searchsorted(edges[1:-1], p)
    nb = len(edges) - 1
    rows = []
    for b in range(nb):
        m = ids == b
        cnt = int(m.sum())
        W = math.fsum(w[m])
        rows.append({
            "bin": b, "lower": float(edges[b]), "upper": float(edges[b + 1]),
            "count": cnt, "sum_y": int(y[m].sum()), "sum_p": math.fsum(p[m]),
            "mean_y": (y[m].sum() / cnt) if cnt else None,
            "mean_p": (math.fsum(p[m]) / cnt) if cnt else None,
            "weight": W,
            "weighted_mean_y": (math.fsum(w[m] * y[m]) / W) if cnt else None,
            "weighted_mean_p": (math.fsum(w[m] * p[m]) / W) if cnt else None,
        })
    return rows


def ece(table, weighted):
    if weighted:
        tot = math.fsum(r["weight"] for r in table)
        return math.fsum(r["weight"] / tot * abs(r["weighted_mean_y"] - r["weighted_mean_p"])
                         for r in table if r["count"])
    tot = sum(r["count"] for r in table)
    return math.fsum(r["count"] / tot * abs(r["mean_y"] - r["mean_p"]) for r in table if r["count"])


def metric_set(y, p, sw=None):
    pred = (p >= THRESHOLD).astype(int)
    fpr, tpr, thr = roc_curve(y, p, sample_weight=sw, drop_intermediate=False)
    ks_i = int(np.argmax(tpr - fpr))
    prec, rec, pr_thr = precision_recall_curve(y, p, sample_weight=sw)
    tn, fp, fn, tp = confusion_matrix(y, pred, sample_weight=sw).ravel()
    return {
        "roc_auc": roc_auc_score(y, p, sample_weight=sw),
        "average_precision": average_precision_score(y, p, sample_weight=sw),
        "log_loss": log_loss(y, p, sample_weight=sw),
        "brier_score": brier_score_loss(y, p, sample_weight=sw),
        "threshold": THRESHOLD,
        "accuracy": accuracy_score(y, pred, sample_weight=sw),
        "precision": precision_score(y, pred, sample_weight=sw, zero_division=0),
        "recall": recall_score(y, pred, sample_weight=sw, zero_division=0),
        "f1": f1_score(y, pred, sample_weight=sw, zero_division=0),
        "confusion": {"tn": tn, "fp": fp, "fn": fn, "tp": tp},
        "ks": float(np.max(tpr - fpr)),
        "ks_threshold": float(thr[ks_i]),
        "roc_curve": {"fpr": fpr, "tpr": tpr, "thresholds": thr,
                      "note": "drop_intermediate=False; thresholds[0] is +inf in sklearn (null here)"},
        "pr_curve": {"precision": prec, "recall": rec, "thresholds": pr_thr,
                     "note": "sklearn precision_recall_curve; last point (precision 1, recall 0) has no threshold"},
    }


def top_decile_lift(y, p, w):
    n = len(y)
    k = n // 10
    order = sorted(range(n), key=lambda i: (-p[i], i))[:k]
    top = np.array(order)
    rate_top = y[top].mean()
    rate_all = y.mean()
    wrate_top = math.fsum(w[top] * y[top]) / math.fsum(w[top])
    wrate_all = math.fsum(w * y) / math.fsum(w)
    return {
        "k": k, "top_indices": top.tolist(),
        "rate_top": rate_top, "rate_all": rate_all, "lift": rate_top / rate_all,
        "weighted_rate_top": wrate_top, "weighted_rate_all": wrate_all,
        "weighted_lift": wrate_top / wrate_all,
    }


def calibration(y, p, w):
    out = {}
    for strategy in ("uniform", "quantile"):
        pt, pp = calibration_curve(y, p, n_bins=N_BINS, strategy=strategy)
        edges = (np.linspace(0.0, 1.0, N_BINS + 1) if strategy == "uniform"
                 else np.percentile(p, np.linspace(0, 1, N_BINS + 1) * 100))
        table = bin_table(y, p, w, edges)
        out[strategy] = {"prob_true": pt, "prob_pred": pp, "edges": edges, "bins": table,
                         "ece": ece(table, False), "weighted_ece": ece(table, True)}
    return out


def main() -> None:
    args = _common.parse_args(__doc__.splitlines()[0])
    y, p, w = make_fixture()
    tiny_y = np.array([0, 0, 1, 1])
    tiny_p = np.array([0.1, 0.4, 0.35, 0.8])
    tiny = {"y": tiny_y, "p": tiny_p, **metric_set(tiny_y, tiny_p)}
    assert tiny["roc_auc"] == 0.75 and abs(tiny["average_precision"] - 5 / 6) < 1e-15

    cal = calibration(y, p, w)
    payload = {
        "generated_by": _common.generated_by("metric_fixtures.py"),
        "description": __doc__,
        "fixture": {
            "seed": 42, "rng": "numpy.random.default_rng", "n": len(y),
            "y": y, "p": p, "w": w,
            "n_positive": int(y.sum()), "n_distinct_p": int(len(np.unique(p))),
        },
        "unweighted": metric_set(y, p),
        "weighted": metric_set(y, p, w),
        "calibration": cal,
        "ece_uniform": cal["uniform"]["ece"],
        "weighted_ece_uniform": cal["uniform"]["weighted_ece"],
        "top_decile_lift": top_decile_lift(y, p, w),
        "tiny": tiny,
    }
    _common.write_json(args.output_dir, "metrics.json", payload)
    for key in ("unweighted", "weighted"):
        m = payload[key]
        print(key, {k: m[k] for k in ("roc_auc", "average_precision", "log_loss", "brier_score",
                                      "accuracy", "precision", "recall", "f1", "ks")})
    print("ece", payload["ece_uniform"], "lift", payload["top_decile_lift"]["lift"])
    print("tiny", tiny["roc_auc"], tiny["average_precision"])


if __name__ == "__main__":
    main()
