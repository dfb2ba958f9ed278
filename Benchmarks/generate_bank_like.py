#!/usr/bin/env python3
"""A seeded table in the shape of the public bank-churn set (Kaggle's `Churn_Modelling.csv`).

  generate_bank_like.py --rows 10000 --seed 1 --out /tmp/bank.csv

Same columns (RowNumber, CustomerId, Surname, CreditScore, Geography, Gender, Age, Tenure, Balance,
NumOfProducts, HasCrCard, IsActiveMember, EstimatedSalary, Exited). The label depends on age,
activity, product count, Germany and an age × inactivity interaction. `Surname` is noise with
about 2,900 names, each on a few rows: the column that tests how rare text levels are encoded
(README, "rare levels").
"""
from __future__ import annotations

import argparse
import csv
import random
import string

import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    rng = np.random.default_rng(options.seed)
    names = ["".join(random.Random(i).choices(string.ascii_lowercase, k=6)).title() for i in range(2900)]
    with open(options.out, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["RowNumber", "CustomerId", "Surname", "CreditScore", "Geography", "Gender", "Age", "Tenure", "Balance",
                         "NumOfProducts", "HasCrCard", "IsActiveMember", "EstimatedSalary", "Exited"])
        for i in range(options.rows):
            age = int(rng.integers(18, 92))
            geography = rng.choice(["France", "Spain", "Germany"])
            gender = rng.choice(["Female", "Male"])
            balance = 0.0 if rng.random() < 0.36 else round(float(rng.normal(120_000, 30_000)), 2)
            products = int(rng.choice([1, 2, 3, 4], p=[0.5, 0.46, 0.03, 0.01]))
            active = int(rng.random() < 0.5)
            z = (-2 + 0.07 * (age - 38) - 0.8 * active + (1.5 if products >= 3 else 0) + (0.6 if geography == "Germany" else 0)
                 + (0.9 if age > 50 and active == 0 else 0))
            exited = int(rng.random() < 1 / (1 + np.exp(-z)))
            writer.writerow([i + 1, 15_600_000 + int(rng.integers(0, 99_999)), names[int(rng.integers(0, 2900))],
                             int(rng.integers(350, 851)), geography, gender, age, int(rng.integers(0, 11)), balance, products,
                             int(rng.random() < 0.7), active, round(float(rng.uniform(11, 200_000)), 2), exited])


if __name__ == "__main__":
    main()
