#!/usr/bin/env python3
"""Seeded synthetic transaction logs for the benchmarks: a BG/NBD process.

Each customer i has
  * a purchase rate        lambda_i ~ Gamma(shape=r, rate=alpha)      (purchases per day)
  * a dropout probability  p_i      ~ Beta(a, b)
  * a first purchase uniform over the start window (the first START_WINDOW_DAYS days)
  * inter-purchase gaps ~ Exponential(lambda_i); after every *repeat* purchase the customer
    drops out for good with probability p_i (BG/NBD: the first purchase cannot be the last
    one "by dropout", which is why BG/NBD's P(alive | x = 0) is 1)
  * a spend level mu_i ~ Normal(MU_MEAN, MU_SD); each purchase is split into 1 + Poisson(0.15)
    rows (a basket paid in parts: same-day rows, which lifetimes sums into one purchase day),
    each row lognormal(mu_i, AMOUNT_SIGMA), rounded to cents.

Purchase times are continuous and written as their calendar day. Rows are sorted by date
(ties by customer, then amount order of generation); customer ids are a seeded permutation of
1..N so that the order of first appearance is not the id order.

Files, for SIZE in 10k, 100k, 200k, 1M, 10M (customers; about 0.1M, 1M, 2M, 10M and 108M rows,
the last one 2.5 GB, for the scaling rows; 100k is the Swift benchmarks' Features/1M), under --out
(default Benchmarks/data/):
  log_SIZE.csv     customer_id,date,amount   (ISO dates, 2 decimals)
  truth_SIZE.csv   customer_id,first_purchase,dropout_date,alive_at_cutoff
                   dropout_date is the day of the purchase after which the customer dropped
                   out (empty when the customer never did before LOG_END); alive_at_cutoff is 1
                   when the customer had not dropped out on or before CUTOFF
  log_SIZE.json    parameters, seed, row count, cut-off/horizon and sha256 of both files

Deterministic for a seed: the same command writes byte-identical files (numpy's PCG64).
Usage: generate_log.py [--sizes 10k,100k,200k,1M] [--seed 7] [--out DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

SIZES = {"10k": 10_000, "100k": 100_000, "200k": 200_000, "1M": 1_000_000, "10M": 10_000_000}

# BG/NBD parameters (days). Mean rate r/alpha = 1/35 per day, mean dropout a/(a+b) = 0.1:
# about 10.7 rows per customer over the log, i.e. ~0.1M, ~1M, ~2M and ~10M rows.
R, ALPHA = 0.75, 26.0
A, B = 1.2, 10.8
LOG_START = date(2023, 1, 1)
START_WINDOW_DAYS = 365          # first purchases spread over 2023
LOG_END = date(2025, 6, 30)      # last day of the log (inclusive)
CUTOFF = date(2024, 12, 31)      # the benchmark's calibration cut-off
HORIZON_DAYS = (LOG_END - CUTOFF).days   # 181: holdout 2025-01-01 .. 2025-06-30
SPLIT_MEAN = 0.15                # extra same-day rows per purchase (Poisson)
MU_MEAN, MU_SD, AMOUNT_SIGMA = 3.2, 0.6, 0.7


def simulate(n: int, seed: int):
    """Returns (customer index, day, cents) per row, unsorted, and per-customer truth arrays."""
    rng = np.random.Generator(np.random.PCG64(seed))
    horizon = float((LOG_END - LOG_START).days + 1)          # purchases at t < horizon
    lam = rng.gamma(R, 1.0 / ALPHA, n)
    p = rng.beta(A, B, n)
    mu = rng.normal(MU_MEAN, MU_SD, n)
    first = rng.uniform(0.0, START_WINDOW_DAYS, n)
    death = np.full(n, -1, dtype=np.int64)                   # day of the purchase before dropout

    customers = [np.arange(n, dtype=np.int64)]
    times = [first]
    active = np.arange(n, dtype=np.int64)
    t = first.copy()
    while active.size:
        t = t + rng.exponential(1.0, active.size) / lam[active]
        inside = t < horizon
        active, t = active[inside], t[inside]
        customers.append(active)
        times.append(t)
        drop = rng.random(active.size) < p[active]
        death[active[drop]] = np.floor(t[drop]).astype(np.int64)
        active, t = active[~drop], t[~drop]

    cust = np.concatenate(customers)
    day = np.floor(np.concatenate(times)).astype(np.int64)
    # split purchases into same-day rows
    parts = 1 + rng.poisson(SPLIT_MEAN, cust.size)
    cust = np.repeat(cust, parts)
    day = np.repeat(day, parts)
    amount = np.exp(rng.normal(mu[cust], AMOUNT_SIGMA))
    cents = np.maximum(np.rint(amount * 100.0), 1).astype(np.int64)
    return cust, day, cents, np.floor(first).astype(np.int64), death


def day_strings(n_days: int) -> list[str]:
    return [(LOG_START + timedelta(days=int(d))).isoformat() for d in range(n_days)]


def write_csv(path: Path, header: str, lines_iter) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", newline="\n") as f:
        f.write(header)
        for chunk in lines_iter:
            f.write(chunk)
    tmp.replace(path)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def generate(label: str, n: int, seed: int, out: Path) -> dict:
    started = time.perf_counter()
    # one independent stream per size, all from the one seed
    size_seed = np.random.SeedSequence([seed, n]).generate_state(1)[0]
    cust, day, cents, first, death = simulate(n, int(size_seed))
    ids = np.random.Generator(np.random.PCG64(int(size_seed) + 1)).permutation(n) + 1

    order = np.lexsort((cust, day))                          # by day, then customer (stable)
    cust, day, cents = cust[order], day[order], cents[order]
    days = day_strings(int(day.max()) + 1)
    id_text = ids.astype(str)
    whole, frac = np.divmod(cents, 100)

    def log_chunks(step=500_000):
        for s in range(0, cust.size, step):
            e = min(s + step, cust.size)
            yield "".join(f"{i},{days[d]},{w}.{f:02d}\n" for i, d, w, f in
                          zip(id_text[cust[s:e]].tolist(), day[s:e].tolist(),
                              whole[s:e].tolist(), frac[s:e].tolist()))

    log_path = out / f"log_{label}.csv"
    write_csv(log_path, "customer_id,date,amount\n", log_chunks())

    cutoff_day = (CUTOFF - LOG_START).days
    alive = (death < 0) | (death > cutoff_day)

    def truth_chunks(step=500_000):
        by_id = np.argsort(ids)                               # truth rows in id order
        for s in range(0, n, step):
            idx = by_id[s:s + step]
            yield "".join(f"{i},{days[f]},{days[d] if d >= 0 else ''},{int(a)}\n" for i, f, d, a in
                          zip(ids[idx].tolist(), first[idx].tolist(), death[idx].tolist(), alive[idx].tolist()))

    truth_path = out / f"truth_{label}.csv"
    write_csv(truth_path, "customer_id,first_purchase,dropout_date,alive_at_cutoff\n", truth_chunks())

    meta = {
        "generator": "Benchmarks/generate_log.py", "seed": seed, "customers": n, "rows": int(cust.size),
        "process": "BG/NBD", "r": R, "alpha": ALPHA, "a": A, "b": B,
        "log_start": LOG_START.isoformat(), "start_window_days": START_WINDOW_DAYS,
        "log_end": LOG_END.isoformat(), "cutoff": CUTOFF.isoformat(), "horizon_days": HORIZON_DAYS,
        "split_mean": SPLIT_MEAN, "mu_mean": MU_MEAN, "mu_sd": MU_SD, "amount_sigma": AMOUNT_SIGMA,
        "alive_at_cutoff": int(alive.sum()), "numpy": np.__version__,
        "log_sha256": sha256(log_path), "truth_sha256": sha256(truth_path),
        "log_bytes": log_path.stat().st_size,
    }
    (out / f"log_{label}.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"{label}: {n} customers, {cust.size} rows, {meta['log_bytes'] / 2**20:.1f} MiB, "
          f"{alive.sum()} alive at {CUTOFF} ({time.perf_counter() - started:.1f} s) -> {log_path}",
          file=sys.stderr)
    return meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10k,100k,200k,1M", help="comma-separated: " + ",".join(SIZES))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for label in args.sizes.split(","):
        if label not in SIZES:
            sys.exit(f"unknown size {label!r}; choose from {', '.join(SIZES)}")
        generate(label, SIZES[label], args.seed, args.out)


if __name__ == "__main__":
    main()
