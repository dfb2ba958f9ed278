#!/usr/bin/env python3
"""A seeded labelled churn table with known shapes and two planted interactions (issue 12).

  generate_synthetic.py --rows 20000 --seed 0 --out Benchmarks/data/synthetic.csv

Writes the CSV (label column `churn`, Yes/No) and beside it `<name>.truth.json`: each input's
true shape (as a formula), the two planted pairs and the Bayes-optimal AUC on the rows drawn.
Shapes: a threshold (service_calls >= 4), a saturating curve (days_since_last), a U shape
(monthly_charges), a linear trend (tenure), a categorical effect (contract), a binary effect
(international_plan) and three pure-noise inputs. Interactions: service_calls >= 4 only matters
much with international_plan = 1, and day_minutes hurts only when tenure is short.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

TRUTH = {
    "main_effects": {
        "days_since_last": "1.2 * (1 - exp(-days_since_last / 60)) - 0.6",
        "monthly_charges": "0.0008 * (monthly_charges - 70)^2 - 0.3",
        "tenure": "-0.03 * tenure + 0.9",
        "service_calls": "0.8 * (service_calls >= 4)",
        "contract": "{'month': 0.7, 'one_year': -0.2, 'two_year': -0.9}",
        "international_plan": "0.3 * international_plan",
        "day_minutes": "0 (only through the interaction)",
        "noise_a": "0", "noise_b": "0", "noise_c": "0",
    },
    "interactions": [
        {"pair": ["service_calls", "international_plan"], "formula": "1.6 * (service_calls >= 4) * international_plan"},
        {"pair": ["day_minutes", "tenure"], "formula": "1.2 * ((day_minutes - 180) / 50) * (tenure < 12)"},
    ],
    "intercept": -1.6,
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--extra-noise", type=int, default=0, help="more pure-noise columns (4 make 16 model inputs, for the timing rows)")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.rows
    days = rng.exponential(70, n).round()
    monthly = rng.uniform(20, 120, n).round(2)
    tenure = rng.integers(0, 73, n)
    calls = rng.poisson(1.6, n)
    contract = rng.choice(["month", "one_year", "two_year"], n, p=[0.55, 0.25, 0.2])
    plan = (rng.uniform(size=n) < 0.25).astype(int)
    minutes = rng.normal(180, 50, n).round(1)
    noise = rng.normal(size=(n, 3 + args.extra_noise))
    contract_effect = np.select([contract == "month", contract == "one_year"], [0.7, -0.2], -0.9)
    logit = (TRUTH["intercept"] + 1.2 * (1 - np.exp(-days / 60)) - 0.6 + 0.0008 * (monthly - 70) ** 2 - 0.3
             + (-0.03 * tenure + 0.9) + 0.8 * (calls >= 4) + contract_effect + 0.3 * plan
             + 1.6 * (calls >= 4) * plan + 1.2 * ((minutes - 180) / 50) * (tenure < 12))
    p = 1 / (1 + np.exp(-logit))
    y = rng.uniform(size=n) < p
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        f.write("churn,days_since_last,monthly_charges,tenure,service_calls,contract,international_plan,day_minutes,noise_a,noise_b,noise_c" + "".join(f",noise_{k}" for k in range(args.extra_noise)) + "\n")
        extra = [",".join(f"{v:.4f}" for v in row) for row in noise[:, 3:]] if args.extra_noise else None
        for i in range(n):
            f.write(f"{'Yes' if y[i] else 'No'},{days[i]:.0f},{monthly[i]:.2f},{tenure[i]},{calls[i]},{contract[i]},{plan[i]},"
                    f"{minutes[i]:.1f},{noise[i, 0]:.4f},{noise[i, 1]:.4f},{noise[i, 2]:.4f}" + (("," + extra[i]) if extra else "") + "\n")
    from sklearn.metrics import roc_auc_score
    truth = dict(TRUTH, rows=n, seed=args.seed, churn_rate=float(y.mean()), bayes_auc=float(roc_auc_score(y, p)))
    args.out.with_suffix(".truth.json").write_text(json.dumps(truth, indent=2) + "\n")


if __name__ == "__main__":
    main()
