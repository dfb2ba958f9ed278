#!/usr/bin/env python3
"""`churn sql` on the real engines: DuckDB and Apache Spark (local mode) against `churn score`.

For CDNOW, the telco table and a seeded 200k-customer synthetic log with hostile names (and
additive models with pairs on CDNOW's log and on the hostile telco table, a BG/NBD model and a
logistic model with its P(alive) as an input on CDNOW's log), the generated SQL must give every customer's probability within 1e-9 of `churn score`'s, the same
ranking, deciles, bands and reasons; the training-table query must give `churn features`' table
(exact counts and days, amounts within 1e-9 relative), and `churn train` on that table the model
`churn train` fits on the log (coefficients within 1e-10).

Run: scripts/test-engines.sh (venv, build, then this file), or
     CHURN=.build/release/churn .venv/bin/python Tests/Engines/test_sql_engines.py [--engines duckdb,spark]
Everything is written inside one temporary folder, removed at the end.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CDNOW = ROOT / "datasets/cdnow/transactions.csv"
TELCO = ROOT / "datasets/telco/wa_churn.csv"
PROBABILITY_TOLERANCE = 1e-9
AMOUNT_TOLERANCE = 1e-9
COEFFICIENT_TOLERANCE = 1e-10
COUNT_COLUMNS = ["frequency", "recency", "T", "days_since_last", "n_transactions", "purchases_30d", "purchases_90d",
                 "purchases_180d", "is_churn"]
AMOUNT_COLUMNS = ["monetary_value", "monetary_total", "mean_gap_days", "overdue_ratio", "spend_30d", "spend_90d",
                  "spend_180d", "spend_trend_90d"]


def churn_binary() -> str:
    if os.environ.get("CHURN"):
        return os.environ["CHURN"]
    for build in ("release", "debug"):
        path = ROOT / ".build" / build / "churn"
        if path.exists():
            return str(path)
    sys.exit("no churn binary: build it first (swift build -c release --product churn) or set CHURN")


CHURN = churn_binary()


def churn(*args: str) -> str:
    result = subprocess.run([CHURN, *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"churn {' '.join(map(str, args))} exited {result.returncode}: {result.stderr}")
    return result.stdout


def quote_duckdb(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_spark(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


# MARK: engines

class DuckDBEngine:
    name = "duckdb"

    def __init__(self):
        import duckdb
        self.version = duckdb.__version__
        self.con = duckdb.connect()
        self.con.execute("SET threads = 2")

    def load_csv(self, view: str, path: Path, types: dict[str, str]):
        """A table of the CSV's columns, all text except those typed in `types` (DATE, DOUBLE)."""
        header = next(csv.reader(open(path, newline="")))
        columns = ", ".join(f"CAST({quote_duckdb(c)} AS {types.get(c, 'VARCHAR')}) AS {quote_duckdb(c)}" for c in header)
        self.con.execute(f"CREATE OR REPLACE TABLE {quote_duckdb(view)} AS SELECT {columns} "
                         f"FROM read_csv(?, header = true, all_varchar = true, quote = '\"', escape = '\"')", [str(path)])

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        cursor = self.con.execute(sql)
        return [d[0] for d in cursor.description], cursor.fetchall()

    def close(self):
        self.con.close()


class SparkEngine:
    name = "spark"

    def __init__(self, workdir: Path):
        from pyspark.sql import SparkSession
        import pyspark
        self.version = pyspark.__version__
        self.spark = (SparkSession.builder.master("local[2]").appName("churnkit-sql-tests")
                      .config("spark.sql.shuffle.partitions", "4")
                      .config("spark.ui.enabled", "false")
                      .config("spark.ui.showConsoleProgress", "false")
                      .config("spark.driver.memory", "2g")
                      .config("spark.sql.warehouse.dir", str(workdir / "spark-warehouse"))
                      .config("spark.driver.extraJavaOptions", f"-Djava.io.tmpdir={workdir}")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")

    def load_csv(self, view: str, path: Path, types: dict[str, str]):
        from pyspark.sql import functions as F
        frame = (self.spark.read.option("header", True).option("quote", '"').option("escape", '"')
                 .option("inferSchema", False).csv(str(path)))
        frame = frame.select(*[F.col(quote_spark(c)).cast(types.get(c, "STRING")).alias(c) for c in frame.columns])
        frame.createOrReplaceTempView(view)

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        frame = self.spark.sql(sql)
        return frame.columns, [tuple(row) for row in frame.collect()]

    def close(self):
        self.spark.stop()


# MARK: checks

def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def check_scores(engine, sql: str, risk_csv: Path, label: str) -> dict:
    """The engine's risk list against `churn score`'s: returns the agreement figures."""
    started = time.perf_counter()
    columns, rows = engine.query(sql)
    seconds = time.perf_counter() - started
    assert columns == ["rank", "customer_id", "churn_probability", "decile", "risk_band", "reason_1", "reason_2", "reason_3",
                       "model_id"], columns
    expected = read_csv_rows(risk_csv)
    assert len(rows) == len(expected), f"{label}: {len(rows)} rows from SQL, {len(expected)} from churn score"
    max_difference = 0.0
    format_only = 0
    for k, (got, want) in enumerate(zip(rows, expected)):
        rank, customer, probability, decile, band, r1, r2, r3, model_id = got
        assert rank == k + 1, f"{label}: row {k} has rank {rank}"
        assert customer == want["customer_id"], f"{label}: rank {k + 1} is {customer!r} in SQL, {want['customer_id']!r} in churn score"
        difference = abs(probability - float(want["churn_probability"]))
        max_difference = max(max_difference, difference)
        assert difference <= PROBABILITY_TOLERANCE, f"{label}: customer {customer}: {probability!r} vs {want['churn_probability']}"
        assert decile == int(want["decile"]), f"{label}: customer {customer}: decile {decile} vs {want['decile']}"
        assert band == want["risk_band"], f"{label}: customer {customer}: band {band} vs {want['risk_band']}"
        for r, name in ((r1, "reason_1"), (r2, "reason_2"), (r3, "reason_3")):
            if (r or "") != want[name]:
                assert same_reason(r or "", want[name]), f"{label}: customer {customer}: {name} {r!r} vs {want[name]!r}"
                format_only += 1
        assert model_id == want["model_id"]
    return {"rows": len(rows), "max_abs_probability_difference": max_difference, "query_seconds": seconds,
            "reason_format_differences": format_only}


REASON = re.compile(r"^(.*)=(-?[0-9]+(?:\.[0-9]+)?) \(([+-][0-9]+\.[0-9]{2})\)$", re.S)


def same_reason(a: str, b: str) -> bool:
    """The same reason written differently only because a sum came out a unit in the last place
    apart: the engine summed amounts in another order than the file's, so one side is a whole
    number (`1078`) and the other not (`1078.00`), or a value on a half cent rounds the other way
    (`-5.28` vs `-5.29`). Same column; value and contribution within one unit of the last digit shown."""
    ma, mb = REASON.match(a), REASON.match(b)
    if not ma or not mb or ma.group(1) != mb.group(1):
        return False
    # A value within a last-place unit of a half cent rounds either way: one unit of the last digit shown.
    close = lambda x, y: abs(x - y) <= 0.01 + 1e-12 + AMOUNT_TOLERANCE * max(abs(x), abs(y))
    return close(float(ma.group(2)), float(mb.group(2))) and close(float(ma.group(3)), float(mb.group(3)))


def check_features(engine, sql: str, features_csv: Path, label: str, save_to: Path | None = None) -> dict:
    """The engine's training table against `churn features`' (by customer id)."""
    columns, rows = engine.query(sql)
    expected = {row["customer_id"]: row for row in read_csv_rows(features_csv)}
    assert columns == ["customer_id"] + list(next(iter(expected.values())).keys())[1:], columns
    assert len(rows) == len(expected), f"{label}: {len(rows)} rows from SQL, {len(expected)} from churn features"
    worst = 0.0
    for row in rows:
        got = dict(zip(columns, row))
        want = expected[got["customer_id"]]
        for name in COUNT_COLUMNS:
            if name in want:
                assert got[name] == int(want[name]), f"{label}: customer {got['customer_id']}: {name} {got[name]} vs {want[name]}"
        for name in AMOUNT_COLUMNS:
            a, b = float(got[name]), float(want[name])
            scale = max(abs(a), abs(b))
            relative = abs(a - b) / scale if scale > 0 else 0.0
            worst = max(worst, relative)
            assert relative <= AMOUNT_TOLERANCE, f"{label}: customer {got['customer_id']}: {name} {a!r} vs {b!r}"
    if save_to is not None:
        with open(save_to, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([repr(v) if isinstance(v, float) else v for v in row])
    return {"rows": len(rows), "max_relative_amount_difference": worst}


def check_same_model(from_table: Path, from_log: Path, label: str) -> float:
    a, b = json.loads(from_table.read_text()), json.loads(from_log.read_text())
    for key in ("inputs", "input_kind", "dropped_inputs"):
        assert a["feature_spec"][key] == b["feature_spec"][key], f"{label}: feature_spec.{key} differs"
    ta, tb = a["feature_spec"]["transactions"], b["feature_spec"]["transactions"]
    for key in ("columns", "training_cutoffs", "horizon_days", "definitions"):
        assert ta[key] == tb[key], f"{label}: feature_spec.transactions.{key} differs: {ta[key]} vs {tb[key]}"
    assert math.isclose(ta["reference_gap_days"], tb["reference_gap_days"], rel_tol=1e-13), (ta["reference_gap_days"], tb["reference_gap_days"])
    worst = abs(a["intercept"]["standardized"] - b["intercept"]["standardized"])
    for ca, cb in zip(a["coefficients"], b["coefficients"]):
        assert ca["input"] == cb["input"]
        worst = max(worst, abs(ca["standardized"] - cb["standardized"]))
    assert worst <= COEFFICIENT_TOLERANCE, f"{label}: coefficients differ by {worst}"
    return worst


def check_stops_on_text(engine, work: Path, spec: dict) -> str:
    """A numeric column holding text stops the query with an error naming the column, as churn score stops."""
    with open(spec["table"], newline="") as f:
        rows = list(csv.reader(f))
    j = rows[0].index("tenure")
    rows[5][j] = "twelve"
    broken = work / "telco-broken.csv"
    with open(broken, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    engine.load_csv("customers", broken, {})
    sql = churn("sql", "--model", spec["model"], "--dialect", engine.name, "--table", "customers", *spec["id"])
    try:
        engine.query(sql)
    except Exception as error:  # the engine's own error type
        assert "tenure" in str(error), f"the error does not name the column: {str(error)[:300]}"
        return "stopped with an error naming `tenure`"
    raise AssertionError("the query ran on a numeric column holding text")


# MARK: data

def synthetic_log(path: Path, customers: int, seed: int) -> tuple[str, str]:
    """A seeded log with what breaks naive SQL: a customer column with both quote kinds in its
    name, a column named `date`, refunds, several rows per day, rows out of date order, ids with
    leading zeros and text ids (tie order), amounts with long decimals, and two customers whose
    repeat spend is lost to cancellation when computed as total minus first day. Returns (cut-off, last day)."""
    rng = random.Random(seed)
    from datetime import date, timedelta
    start = date(2022, 1, 1)
    days = 730
    rows = []
    for c in range(customers):
        kind = c % 10
        customer = f"C-{c}" if kind == 7 else (f"0{c}" if kind == 3 else str(c + 1))
        first = rng.randrange(days - 30)
        count = 1 + int(rng.expovariate(1 / 3.0))
        level = rng.choice((9.99, 25.0, 60.0, 120.0))
        day = first
        for _ in range(count):
            if day >= days:
                break
            for _ in range(1 + (rng.random() < 0.2)):
                amount = round(level * rng.lognormvariate(0, 0.5), 2 if rng.random() < 0.9 else 7)
                if rng.random() < 0.04:
                    amount = -amount
                rows.append((customer, start + timedelta(days=day), amount))
            day += 1 + int(rng.expovariate(1 / 60.0))
    # Customers whose total minus first day cancels: 1e16 or 1e17, then 3 and 4 (monetary_value 3.5,
    # not 4 or 0); at 1e17 a reason's value is past two decimals and written in the shortest form.
    for name, first in (("C-cancel", 1e16), ("C-cancel-17", 1e17)):
        rows += [(name, start + timedelta(days=d), a) for d, a in ((10, first), (40, 3.0), (70, 4.0))]
    rows.sort(key=lambda r: r[1])
    # A few rows out of date order.
    for _ in range(len(rows) // 1000):
        i, j = rng.randrange(len(rows)), rng.randrange(len(rows))
        rows[i], rows[j] = rows[j], rows[i]
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["cust\"o'mer", "date", "amount"])
        writer.writerows((customer, day.isoformat(), repr(amount)) for customer, day, amount in rows)
    last = max(r[1] for r in rows)
    return (last - timedelta(days=120)).isoformat(), last.isoformat()


def hostile_telco(path: Path):
    """Telco with an id column, a column whose name holds both quote kinds, a level with a quote, and
    a `referrer` column of three common levels, hundreds of rare ones (pooled as `(other)`), empty
    cells and blank ones (missing, so 0 in `(other)` too). Its charges are written with a decimal
    comma (`29,85`), so its models are trained with --decimal-comma."""
    with open(TELCO, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    j = header.index("payment_method")
    charges = [header.index("monthly_charges"), header.index("total_charges")]
    header[j] = "pay'ment \"method\""
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_id"] + header + ["referrer"])
        for i, row in enumerate(rows):
            row[j] = row[j].replace("Mailed check", "Mailed 'check'")
            for k in charges:
                row[k] = row[k].replace(".", ",")
            referrer = ["", "  ", ("web", "store", "partner's")[i % 3], f"r{i % 997}"][i % 4]
            writer.writerow([f"T{i:05d}" if i % 3 else str(i)] + row + [referrer])


def numbered_telco(path: Path):
    """Telco as it is, plus row numbers (what churn score calls the customers of an id-less model)."""
    with open(TELCO, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        with open(path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["row_number"] + header)
            for i, row in enumerate(reader):
                writer.writerow([str(i + 1)] + row)


# MARK: the run

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="duckdb,spark")
    parser.add_argument("--customers", type=int, default=200_000, help="synthetic log size (customers)")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="churn-sql-engines-"))
    report: list[tuple[str, str, str, str]] = []
    failures = 0
    timings: dict[str, float] = {}
    try:
        started = time.perf_counter()
        # The Swift side: models, risk lists and feature tables, once.
        synthetic = work / "synthetic.csv"
        cutoff, last = synthetic_log(synthetic, options.customers, seed=13)
        customer_column = "cust\"o'mer"
        logs = {
            "cdnow": dict(log=CDNOW, model=ROOT / "models/cdnow.json", columns=[], as_of="1998-06-30",
                          cutoff="1997-09-30", horizon=273, types={"date": "DATE", "amount": "DOUBLE"}),
            f"synthetic-{options.customers // 1000}k": dict(log=synthetic, model=work / "synthetic.json", columns=["--customer-column", customer_column],
                                   as_of=last, cutoff=cutoff, horizon=120, types={"date": "DATE", "amount": "DOUBLE"}),
        }
        churn("train", synthetic, "--terms", "linear", "--cutoff", cutoff, "--horizon", "120", "--customer-column", customer_column,
              "--output", work / "synthetic.json", "--quiet")
        for name, spec in logs.items():
            for mode in ("date", "latest"):
                risk = work / f"{name}-{mode}-risk.csv"
                as_of = ["--as-of", spec["as_of"]] if mode == "date" else []
                churn("score", "--model", spec["model"], spec["log"], *as_of, *spec["columns"], "--scored-at",
                      "2026-01-01T00:00:00Z", "--output", risk, "--quiet")
            if name == "cdnow":
                churn("score", "--model", spec["model"], spec["log"], "--band-by", "rank", "--bands", "0.15,0.35", "--scored-at",
                      "2026-01-01T00:00:00Z", "--output", work / f"{name}-rank-bands-risk.csv", "--quiet")
            churn("features", spec["log"], "--cutoff", spec["cutoff"], "--horizon", spec["horizon"], *spec["columns"],
                  "--output", work / f"{name}-features.csv", "--quiet")
            churn("train", spec["log"], "--terms", "linear", "--cutoff", spec["cutoff"], "--horizon", spec["horizon"], *spec["columns"],
                  "--output", work / f"{name}-from-log.json", "--quiet")
        telco_numbered, telco_hostile = work / "telco-numbered.csv", work / "telco-hostile.csv"
        numbered_telco(telco_numbered)
        hostile_telco(telco_hostile)
        churn("train", telco_hostile, "--terms", "linear", "--label", "churn", "--positive", "Yes", "--id-column", "customer_id",
              "--decimal-comma", "--output", work / "telco-hostile.json", "--quiet")
        # Additive models with pairs: fixed bins and pair count (no inner search: quick in a debug
        # build); telco's λ per term, so its pairs are refitted on grids finer than 8×8.
        churn("train", telco_hostile, "--label", "churn", "--positive", "Yes", "--id-column", "customer_id", "--decimal-comma", "--terms", "additive+pairs",
              "--max-bins", "32", "--pairs", "5", "--roughness-per-term", "on", "--output", work / "telco-hostile-additive.json", "--quiet")
        additive_log = dict(logs["cdnow"], model=work / "cdnow-additive.json")
        churn("train", CDNOW, "--cutoff", "1997-09-30", "--horizon", "273", "--terms", "additive+pairs", "--max-bins", "32",
              "--roughness", "10", "--pairs", "5", "--output", additive_log["model"], "--quiet")
        # BG/NBD as the whole model: closed-form P(no purchase in the horizon) and its reason in words.
        bgnbd_log = dict(logs["cdnow"], model=work / "cdnow-bgnbd.json")
        churn("train", CDNOW, "--cutoff", "1997-09-30", "--horizon", "273", "--kind", "bgnbd", "--output", bgnbd_log["model"], "--quiet")
        # ... and its P(alive) as a logistic input (the BG/NBD fit is stored in the logistic model).
        palive_log = dict(logs["cdnow"], model=work / "cdnow-palive.json")
        churn("train", CDNOW, "--terms", "linear", "--cutoff", "1997-09-30", "--horizon", "273", "--features",
              "frequency,recency,T,log1p(monetary_value),bgnbd_p_alive", "--output", palive_log["model"], "--quiet")
        model_kinds = (("additive", additive_log, "cdnow additive+pairs"), ("bgnbd", bgnbd_log, "cdnow BG/NBD"),
                       ("palive", palive_log, "cdnow logistic with bgnbd_p_alive"))
        for mode in ("date", "latest"):
            as_of = ["--as-of", additive_log["as_of"]] if mode == "date" else []
            for kind, spec, _ in model_kinds:
                churn("score", "--model", spec["model"], CDNOW, *as_of, "--scored-at", "2026-01-01T00:00:00Z",
                      "--output", work / f"cdnow-{kind}-{mode}-risk.csv", "--quiet")
        tables = {
            "telco": dict(table=telco_numbered, model=ROOT / "models/telco.json", id=["--id-column", "row_number"], source=TELCO),
            "telco-hostile-names": dict(table=telco_hostile, model=work / "telco-hostile.json", id=[], source=telco_hostile),
            "telco-hostile-names additive+pairs": dict(table=telco_hostile, model=work / "telco-hostile-additive.json", id=[], source=telco_hostile),
        }
        for name, spec in tables.items():
            churn("score", "--model", spec["model"], spec["source"], "--scored-at", "2026-01-01T00:00:00Z",
                  "--output", work / f"{name}-risk.csv", "--quiet")
        timings["churn (data, models, scores)"] = time.perf_counter() - started

        for engine_name in options.engines.split(","):
            engine_started = time.perf_counter()
            engine = DuckDBEngine() if engine_name == "duckdb" else SparkEngine(work)
            timings[f"{engine_name} start"] = time.perf_counter() - engine_started
            try:
                for name, spec in logs.items():
                    engine.load_csv("sales_log", spec["log"], spec["types"])
                    for mode in ("date", "latest"):
                        label = f"{engine_name} {name} as of {mode}"
                        as_of = ["--as-of", spec["as_of"]] if mode == "date" else ["--as-of-latest"]
                        sql = churn("sql", "--model", spec["model"], "--dialect", engine_name, "--table", "sales_log", *as_of, *spec["columns"])
                        result = run_check(lambda: check_scores(engine, sql, work / f"{name}-{mode}-risk.csv", label), label)
                        failures += result is None
                        report.append((engine_name, name, f"scores as of {mode}", summarize(result)))
                    if name == "cdnow":
                        label = f"{engine_name} {name} rank bands"
                        sql = churn("sql", "--model", spec["model"], "--dialect", engine_name, "--table", "sales_log",
                                    "--band-by", "rank", "--bands", "0.15,0.35")
                        result = run_check(lambda: check_scores(engine, sql, work / f"{name}-rank-bands-risk.csv", label), label)
                        failures += result is None
                        report.append((engine_name, name, "scores, bands by rank (15%, 35%)", summarize(result)))
                    label = f"{engine_name} {name} training table"
                    sql = churn("sql", "--features", "--dialect", engine_name, "--table", "sales_log", "--cutoff", spec["cutoff"],
                                "--horizon", spec["horizon"], *spec["columns"])
                    table = work / f"{engine_name}-{name}-table.csv"
                    result = run_check(lambda: check_features(engine, sql, work / f"{name}-features.csv", label, table), label)
                    failures += result is None
                    report.append((engine_name, name, "training table", summarize(result)))
                    if result is not None:
                        label = f"{engine_name} {name} train from the SQL table"
                        model = work / f"{engine_name}-{name}-from-table.json"
                        churn("train", table, "--terms", "linear", "--cutoff", spec["cutoff"], "--horizon", spec["horizon"], *spec["columns"],
                              "--output", model, "--quiet")
                        worst = run_check(lambda: check_same_model(model, work / f"{name}-from-log.json", label), label)
                        failures += worst is None
                        report.append((engine_name, name, "churn train on it", "FAILED" if worst is None else f"max |Δcoefficient| {worst:.1e}"))
                engine.load_csv("sales_log", CDNOW, additive_log["types"])
                for mode in ("date", "latest"):
                    for kind, spec, title in model_kinds:
                        label = f"{engine_name} {title} as of {mode}"
                        as_of = ["--as-of", spec["as_of"]] if mode == "date" else ["--as-of-latest"]
                        sql = churn("sql", "--model", spec["model"], "--dialect", engine_name, "--table", "sales_log", *as_of)
                        result = run_check(lambda: check_scores(engine, sql, work / f"cdnow-{kind}-{mode}-risk.csv", label), label)
                        failures += result is None
                        report.append((engine_name, title, f"scores as of {mode}", summarize(result)))
                for name, spec in tables.items():
                    engine.load_csv("customers", spec["table"], {})
                    label = f"{engine_name} {name}"
                    sql = churn("sql", "--model", spec["model"], "--dialect", engine_name, "--table", "customers", *spec["id"])
                    result = run_check(lambda: check_scores(engine, sql, work / f"{name}-risk.csv", label), label)
                    failures += result is None
                    report.append((engine_name, name, "scores", summarize(result)))
                label = f"{engine_name} telco with text in a numeric column"
                result = run_check(lambda: check_stops_on_text(engine, work, tables["telco"]), label)
                failures += result is None
                report.append((engine_name, "telco, `tenure` = 'twelve' in one row", "the query stops", "FAILED" if result is None else result))
            finally:
                engine.close()
            timings[f"{engine_name} (start, load, all queries)"] = time.perf_counter() - engine_started
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("\n| engine | data | check | agreement |\n|---|---|---|---|")
    for row in report:
        print("| " + " | ".join(row) + " |")
    print()
    for name, seconds in timings.items():
        print(f"{name:40s} {seconds:8.1f} s")
    print(f"\n{'FAILED' if failures else 'passed'}: {failures} failing check(s)")
    return 1 if failures else 0


def run_check(body, label):
    try:
        return body()
    except AssertionError as error:
        print(f"FAIL {label}: {error}", file=sys.stderr)
        return None
    except Exception as error:  # an engine error is a failure of the SQL, reported with its label
        print(f"FAIL {label}: {type(error).__name__}: {str(error)[:2000]}", file=sys.stderr)
        return None


def summarize(result) -> str:
    if result is None:
        return "FAILED"
    if "max_abs_probability_difference" in result:
        note = result["reason_format_differences"]
        return (f"{result['rows']} customers, max |Δp| {result['max_abs_probability_difference']:.1e}, same ranks, deciles, bands, reasons"
                + (f" ({note} reason texts differ only in the last digit shown, e.g. 1078 vs 1078.00: sums a unit in the last place apart)" if note else ""))
    return f"{result['rows']} customers, counts exact, max relative Δ amounts {result['max_relative_amount_difference']:.1e}"


if __name__ == "__main__":
    sys.exit(main())
