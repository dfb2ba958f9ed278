#!/usr/bin/env python3
"""ChurnKit against what users would otherwise run, on the same files, in one run (issue 7).

Started by `Benchmarks/compare`, which makes the virtual environment first. Each measured command
runs in its own process; the harness takes its wall time and peak resident memory (the child's
ru_maxrss from wait4), after reading the input once so that every tool finds it in the page cache.

Sections (each a function; add one to SECTIONS to add a row group):
  features  CSV -> frequency/recency/T/monetary_value: churn features, DuckDB, polars, pandas,
            lifetimes; the sums must agree
  training  L2 logistic regression on dense 1Mx8, 1Mx32 and 4Mx32 problems (generate_dense.py):
            scikit-learn lbfgs / newton-cholesky vs ChurnKit's Newton and L-BFGS (churn-fit-raw);
            the objectives must agree; ChurnKit against the memory-bandwidth bound
  bgnbd     BG/NBD fit + P(alive), expected purchases and P(no purchase) for every customer of a
            feature CSV: churn-bgnbd-raw vs lifetimes (harness/bgnbd_peer.py) and PyMC-Marketing's MAP
            fit (harness/bgnbd_pymc_peer.py, when installed); parameters must agree
            within 1e-4 relative; peak memory each process's own (peakrss launcher)
  scoring   a saved model applied to a whole log end to end: `churn score` vs pandas read_csv +
            groupby + scikit-learn predict_proba + to_csv (harness/scoring_peer.py); the
            probabilities must agree within 1e-9 and the top 100 must be in the same order
  sql       the same model exported by `churn sql` and run by DuckDB (harness/sql_duckdb.py) and by
            Spark local[2] (harness/sql_spark.py) against `churn score`; every probability
            within 1e-9, the same ranking
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent            # Benchmarks/harness
BENCH = HERE.parent                                # Benchmarks
ROOT = BENCH.parent                                # the ChurnKit package
DATA = BENCH / "data"
SIZES = {"10k": 10_000, "100k": 100_000, "200k": 200_000, "1M": 1_000_000, "10M": 10_000_000}
FEATURE_COLUMNS = ("frequency", "recency", "T", "monetary_value")
MONEY_RTOL = 1e-9                                  # sums of per-customer means, summed in other orders

# The goals of issue 7, printed next to the measurements.
GOAL_FEATURES = "CSV -> features on the 10M-row log: >= 3x DuckDB's throughput with <= 1/4 of its peak memory"
GOAL_TRAINING = ("training at the same optimum: >= 5x faster than scikit-learn's fastest solver at 1Mx32 "
                 "and 4Mx32, and within 2x of the bandwidth bound")
GOAL_SCORING = "scoring end to end: >= 5x faster than pandas + scikit-learn"


# MARK: measuring one process

@dataclass
class Measurement:
    tool: str
    wall: float | None = None           # seconds, the whole process: the median of the runs
    peak_mib: float | None = None       # the command's own peak resident set, the largest of the runs
    work: float | None = None           # seconds reported by the child itself (imports excluded), median
    result: dict = field(default_factory=dict)
    note: str = ""                      # "skipped: ..." / "failed: ..."
    walls: list[float] = field(default_factory=list)   # every run's wall time
    works: list[float] = field(default_factory=list)   # every run's work time, when reported

    @property
    def ok(self) -> bool:
        return self.wall is not None and not self.note


# The launcher that makes each command's peak memory its own (harness/peakrss.c); built by main().
LAUNCHER: Path | None = None
# numpy/scipy peers run with the BLAS settings a user's machine has: this workplace sets these two
# for old OpenBLAS builds, and they slow a current numpy, so the peers run without them.
MACHINE_ONLY_BLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def peer_environment() -> dict:
    return {k: v for k, v in os.environ.items() if k not in MACHINE_ONLY_BLAS_VARIABLES}


def build_launcher(scratch: Path) -> Path:
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None:
        sys.exit("a C compiler (cc) is needed to measure each command's own peak memory (harness/peakrss.c)")
    binary = scratch / "peakrss"
    subprocess.run([cc, "-O2", "-o", str(binary), str(HERE / "peakrss.c")], check=True)
    return binary


def measure(tool: str, argv: list[str], timeout: float | None = None, env: dict | None = None) -> Measurement:
    """Runs argv once through the peakrss launcher: wall time here, peak memory the command's own."""
    assert LAUNCHER is not None, "main() builds the launcher first"
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(prefix="peakrss-", suffix=".txt") as report:
        proc = subprocess.Popen([str(LAUNCHER), report.name] + argv, stdout=out, stderr=err, env=env,
                                start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return Measurement(tool, note=f"skipped: > {timeout / 60:.0f} min")
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
        fields = Path(report.name).read_text().split()
    peak_kib = int(fields[0]) if fields else None
    m = Measurement(tool, wall=wall, peak_mib=None if peak_kib is None else peak_kib / 1024, walls=[wall])
    if proc.returncode != 0:
        tail = (stderr.strip().splitlines() or ["(no output)"])[-1]
        m.note = f"failed (exit {proc.returncode}): {tail[:120]}"
    m.result = {"stdout": stdout}
    return m


def median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


def measure_alternating(repeat: int, runs: list[tuple], parse=None) -> list[Measurement]:
    """Runs every command of `runs` ((tool, argv[, timeout[, env]])) once per round, `repeat`
    rounds, so that a slow moment of the machine falls on all tools alike. Per tool: the median
    wall (and work) time with every run kept for min/max, the largest peak memory, the last run's
    result. `parse(tool, measurement)` turns a successful run's stdout into its result (and may set
    `work`). A tool that fails or times out is not run again."""
    merged: dict[str, Measurement] = {}
    for round_ in range(repeat):
        for run in runs:
            tool, argv = run[0], run[1]
            timeout = run[2] if len(run) > 2 else None
            env = run[3] if len(run) > 3 else None
            previous = merged.get(tool)
            if previous is not None and not previous.ok:
                continue
            m = measure(tool, argv, timeout=timeout, env=env)
            if m.ok and parse is not None:
                parse(tool, m)
            print(f"   [{round_ + 1}/{repeat}] {tool}: {fmt(m.wall)} s wall"
                  + (f", {fmt(m.work, 3)} s work" if m.work is not None else "")
                  + f", {fmt(m.peak_mib, 0)} MiB {m.note}", file=sys.stderr)
            if previous is None or not m.ok:
                if m.work is not None:
                    m.works = [m.work]
                merged[tool] = m
                continue
            previous.walls.append(m.wall)
            if m.work is not None:
                previous.works.append(m.work)
            previous.peak_mib = max(previous.peak_mib or 0, m.peak_mib or 0)
            previous.result = m.result
    for m in merged.values():
        if m.ok:
            m.wall = median(m.walls)
            m.work = median(m.works) if m.works else None
    return [merged[run[0]] for run in runs]


def spread(values: list[float], digits: int = 2) -> str:
    """'median (min–max)' of repeated runs; just the value for one run."""
    if not values:
        return "—"
    if len(values) == 1:
        return fmt(values[0], digits)
    return f"{fmt(median(values), digits)} ({fmt(min(values), digits)}–{fmt(max(values), digits)})"


def check_memory_measurement(scratch: Path) -> str:
    """Shows that a command's peak is its own: while the harness holds 512 MiB, a Python child that
    allocates and touches 256 MiB must measure about 256 MiB above a bare Python child (which must
    itself stay far below the harness's size)."""
    ballast = bytearray(512 << 20)
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    bare = measure("python", [sys.executable, "-c", "pass"])
    loaded = measure("python + 256 MiB", [sys.executable, "-c",
                                          "b = bytearray(256 << 20)\nfor i in range(0, len(b), 4096): b[i] = 1"])
    del ballast
    extra = loaded.peak_mib - bare.peak_mib
    ok = bare.peak_mib < 256 and abs(extra - 256) <= 256 * 0.05
    return (f"Memory measurement check: with the harness holding 512 MiB, a bare Python child peaks at "
            f"{bare.peak_mib:.0f} MiB and one that allocates 256 MiB at {loaded.peak_mib:.0f} MiB "
            f"(+{extra:.0f} MiB): {'right' if ok else 'WRONG: peak memory figures below are not to be trusted'}.")


def warm(path: Path) -> None:
    """Reads a file once so that every tool starts with it in the page cache."""
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


# MARK: the machine

def memory_bandwidth(scratch: Path) -> float | None:
    """One core's streaming-read bandwidth in bytes/s (harness/membw.c, best of 7 passes over 1 GiB)."""
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None:
        return None
    binary = scratch / "membw"
    subprocess.run([cc, "-O3", "-march=native", "-o", str(binary), str(HERE / "membw.c")], check=True)
    out = subprocess.run([str(binary), "1024", "7"], check=True, capture_output=True, text=True).stdout
    return float(out.split()[0])


def machine_line() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores ({model}), {mem_gib:.0f} GiB, {platform.system()} {platform.release()}, "
            f"load average {load:.2f} at start")


def versions() -> str:
    from importlib import metadata
    names = ["duckdb", "polars", "pandas", "numpy", "scikit-learn", "lifetimes", "pymc-marketing"]
    parts = []
    for name in names:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} (missing)")
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    parts.append(f"numpy's BLAS in the peers: {numpy_blas()}")
    return f"Python {platform.python_version()}, " + ", ".join(parts) + (f"; {swift[0].strip()}" if swift else "")


def numpy_blas() -> str:
    """The BLAS kernel numpy uses in the peers' environment, as threadpoolctl reports it."""
    probe = ("import json, numpy, threadpoolctl; numpy.ones(2) @ numpy.ones(2); "
             "print(json.dumps(threadpoolctl.threadpool_info()))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=peer_environment())
    if done.returncode != 0:
        return "unknown (threadpoolctl not importable)"
    pools = [p for p in json.loads(done.stdout) if p.get("user_api") == "blas"]
    removed = [k for k in MACHINE_ONLY_BLAS_VARIABLES if k in os.environ]
    return (", ".join(f"{p.get('internal_api')} {p.get('version')} {p.get('architecture')} "
                      f"{p.get('num_threads')} threads" for p in pools) or "none found") + \
        (f" (run without {', '.join(removed)}, which this machine sets)" if removed else "")


# MARK: formatting

def fmt(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def fmt_rate(rows: int, seconds: float | None) -> str:
    if not seconds:
        return "—"
    r = rows / seconds
    return f"{r / 1e6:.2f} M" if r >= 1e6 else f"{r / 1e3:.0f} k"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), sep] + [line(r) for r in rows])


# MARK: features

def churn_sums(stdout: str) -> dict:
    """The sums `churn features` prints: 'customers  N' and 'sum frequency  X' lines."""
    out = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "customers":
            out["customers"] = int(parts[1])
        if len(parts) == 3 and parts[0] == "sum" and parts[1] in FEATURE_COLUMNS:
            out[parts[1]] = float(parts[2])
    return out


def agrees(reference: dict, other: dict) -> tuple[bool, str]:
    """Counts and day sums exactly; monetary_value (printed by churn to 3 decimals) within 1e-9 relative."""
    if not reference or not other:
        return False, "no result"
    for key in ("customers", "frequency", "recency", "T"):
        if reference.get(key) != other.get(key):
            return False, f"{key} {other.get(key)} != {reference.get(key)}"
    a, b = reference["monetary_value"], other["monetary_value"]
    tol = max(MONEY_RTOL * abs(a), 0.0005)          # churn prints 3 decimals
    if abs(a - b) > tol:
        return False, f"monetary_value {b} != {a}"
    return True, ""


def features_section(ctx) -> list[str]:
    """CSV -> features for every size; returns the report's lines."""
    lines = [f"### CSV -> features (cut-off {ctx.cutoff}, horizon {ctx.horizon} days)", "",
             f"Goal: {GOAL_FEATURES}.", ""]
    python = sys.executable
    peer = str(HERE / "features_peer.py")
    env = peer_environment()
    goal_lines = []
    try:
        from importlib.metadata import version
        pymc_version = version("pymc-marketing")
    except Exception:
        pymc_version = None
        lines += ["PyMC-Marketing is not installed in the venv: its MAP fit is not measured.", ""]
    for label in ctx.sizes:
        log = DATA / f"log_{label}.csv"
        meta = json.loads((DATA / f"log_{label}.json").read_text())
        rows, mib = meta["rows"], log.stat().st_size / 2**20
        print(f"== features, {label} customers ({rows:,} rows, {mib:.0f} MiB)", file=sys.stderr)
        warm(log)
        churn = [str(ctx.churn), "features", str(log), "--cutoff", ctx.cutoff, "--horizon", str(ctx.horizon), "--quiet"]
        written = ctx.scratch / f"features_{label}.csv"
        runs: list[tuple] = [
            ("ChurnKit `churn features`", churn, None),
            ("ChurnKit, writing the CSV", churn + ["--output", str(written)], None),
            ("DuckDB read_csv + GROUP BY (2 threads)", [python, peer, "duckdb", str(log), ctx.cutoff], None, env),
            ("polars scan_csv + group_by", [python, peer, "polars", str(log), ctx.cutoff], None, env),
            ("pandas read_csv + groupby", [python, peer, "pandas", str(log), ctx.cutoff], None, env),
        ]
        if SIZES[label] <= ctx.lifetimes_max_customers:
            runs.append(("lifetimes summary_data_from_transaction_data",
                         [python, peer, "lifetimes", str(log), ctx.cutoff], ctx.lifetimes_timeout))
        def parse(tool: str, m: Measurement) -> None:
            if tool.startswith("ChurnKit"):
                m.result = churn_sums(m.result["stdout"])
                m.work = m.wall
            else:
                m.result = json.loads(m.result["stdout"].strip().splitlines()[-1])
                m.work = m.result.get("work_seconds")

        results = measure_alternating(ctx.repeat, runs, parse)
        written.unlink(missing_ok=True)
        if SIZES[label] > ctx.lifetimes_max_customers:
            results.append(Measurement("lifetimes summary_data_from_transaction_data",
                                       note="skipped (--lifetimes-max)"))

        reference = results[0]
        table = []
        for m in results:
            if m.ok:
                same, why = agrees(reference.result, m.result)
                ratio = m.wall / reference.wall if reference.ok else None
                table.append([m.tool, spread(m.walls), fmt(m.work), fmt(m.peak_mib, 0), fmt_rate(rows, m.wall),
                              "1.00×" if m is reference else f"{ratio:.2f}×" if ratio else "—",
                              "yes" if same else f"NO: {why}"])
            else:
                table.append([m.tool, "—", "—", "—", "—", "—", m.note])
        sums = reference.result
        lines += [f"**{label} customers** — {rows:,} rows, {mib:.0f} MiB"
                  + (f"; sums: frequency {sums['frequency']:.0f}, recency {sums['recency']:.0f}, "
                     f"T {sums['T']:.0f}, monetary_value {sums['monetary_value']:.3f}" if sums else ""), "",
                  markdown_table(["tool", "wall s, median (min–max)", "work s", "peak MiB", "rows/s", "time vs ChurnKit", "agrees"],
                                 table), ""]
        duck = next((m for m in results if m.tool.startswith("DuckDB")), None)
        if reference.ok and duck is not None and duck.ok:
            speed = duck.wall / reference.wall
            memory = reference.peak_mib / duck.peak_mib
            met = speed >= 3 and memory <= 0.25
            where = "the goal's 10M-row log" if label == "1M" else "for information: the goal is stated for 10M rows"
            goal_lines.append(
                f"- {label} customers ({where}): throughput {speed:.2f}× DuckDB's (goal ≥ 3×: "
                f"{'MET' if speed >= 3 else f'NOT MET, {3 / speed:.2f}× short'}); peak memory "
                f"{memory:.2f} of DuckDB's (goal ≤ 0.25: "
                f"{'MET' if memory <= 0.25 else f'NOT MET, {memory / 0.25:.2f}× over'}) → "
                f"{'MET' if met else 'NOT MET'}")
    lines += ["Goal check:", ""] + goal_lines + [""]
    return lines


# MARK: training

DENSE_SHAPES = ("1Mx8", "1Mx32", "4Mx32")
GOAL_SHAPES = ("1Mx32", "4Mx32")                   # the shapes the training goal is stated for
OBJECTIVE_RTOL = 1e-9


def logistic_objective(stem: Path, coef: list[float], intercept: float, C: float = 1.0) -> float:
    """C * sum(log(1 + e^z) - y z) + 1/2 |beta|^2, z = X beta + b, in float64 with numpy: the same
    function for every fit, whichever tool produced the coefficients."""
    import numpy as np
    y = np.fromfile(f"{stem}.y.f64")
    X = np.fromfile(f"{stem}.X.f64").reshape(len(y), -1)
    beta = np.asarray(coef, dtype=np.float64)
    z = X @ beta + intercept
    return float(C * np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * beta @ beta)


def training_section(ctx) -> list[str]:
    """L2 logistic regression (C = 1, intercept) on the dense problems of generate_dense.py:
    scikit-learn lbfgs / newton-cholesky against ChurnKit's Newton and L-BFGS (churn-fit-raw),
    each in its own process; objectives recomputed here from the returned coefficients must agree
    within OBJECTIVE_RTOL; ChurnKit's time is set against the bound passes x bytes / bandwidth."""
    lines = ["### Training (L2 logistic regression, C = 1, intercept, tol 1e-8)", "",
             f"Goal: {GOAL_TRAINING}.", ""]
    missing = [s for s in DENSE_SHAPES if not (DATA / f"dense_{s}.X.f64").is_file()]
    if missing:
        print(f"== generating dense {','.join(missing)} into {DATA}", file=sys.stderr)
        subprocess.run([sys.executable, str(BENCH / "generate_dense.py"), "--shapes", ",".join(missing),
                        "--out", str(DATA)], check=True)
    if not ctx.fit_raw.is_file():
        return lines + [f"Not measured: {ctx.fit_raw} is missing (cd Benchmarks && swift build -c release "
                        "--product churn-fit-raw).", ""]
    bandwidth = ctx.bandwidth
    goal_lines = []
    for shape in DENSE_SHAPES:
        stem = DATA / f"dense_{shape}"
        meta = json.loads((DATA / f"dense_{shape}.json").read_text())
        rows, cols = meta["rows"], meta["cols"]
        pass_bytes = rows * cols * 8
        print(f"== training, {shape}", file=sys.stderr)
        warm(Path(f"{stem}.X.f64"))
        runs = [(f"scikit-learn {solver}", [sys.executable, str(HERE / "training_peer.py"), str(stem), solver])
                for solver in ("lbfgs", "newton-cholesky")]
        runs += [(f"ChurnKit {solver}", [str(ctx.fit_raw), str(stem), "--solvers", solver])
                 for solver in ("newton", "lbfgs")]
        def parse(tool: str, m: Measurement) -> None:
            m.result = json.loads(m.result["stdout"].strip().splitlines()[-1])
            m.work = m.result.get("work_seconds", m.result.get("seconds"))

        results = measure_alternating(ctx.repeat, runs, parse)
        for m in results:
            if m.ok:
                m.result["F"] = logistic_objective(stem, m.result["coef"], m.result["intercept"])
        done = [m for m in results if m.ok]
        optimum = min(m.result["F"] for m in done) if done else None
        peers = [m for m in done if m.tool.startswith("scikit-learn")]
        fastest_peer = min(peers, key=lambda m: m.work) if peers else None
        table = []
        for m in results:
            if not m.ok:
                table.append([m.tool] + ["—"] * 9 + [m.note])
                continue
            r = m.result
            gap = (r["F"] - optimum) / abs(optimum)
            same = "yes" if gap <= OBJECTIVE_RTOL else f"NO: {gap:.1e}"
            iterations = r.get("iterations", r.get("n_iter"))
            if "passes" in r and bandwidth:
                bound = r["passes"] * pass_bytes / bandwidth
                passes = f"{r['passes']} ({r['hessian_passes']} H)" if r.get("hessian_passes") else str(r["passes"])
                bound_cells = [passes, f"{bound:.3f}", f"{m.work / bound:.2f}"]
                m.result["time_over_bound"] = m.work / bound
            else:
                bound_cells = ["—", "—", "—"]
            vs_peer = f"{fastest_peer.work / m.work:.2f}×" if fastest_peer else "—"
            table.append([m.tool, spread(m.works, 3), fmt(m.wall), fmt(m.peak_mib, 0), str(iterations)] + bound_cells
                         + [vs_peer, f"{r['F']:.10g}", same])
        lines += [f"**{shape}** — {rows:,} rows × {cols} columns, {pass_bytes / 1e6:,.0f} MB per pass over X", "",
                  markdown_table(["solver", "fit s, median (min–max)", "wall s", "peak MiB", "iterations", "passes", "bound s",
                                  "fit / bound", "speed vs fastest scikit-learn", "objective", "agrees"], table), ""]
        ours = [m for m in done if m.tool.startswith("ChurnKit")]
        if ours and fastest_peer:
            best_ours = min(ours, key=lambda m: m.work)
            speed = fastest_peer.work / best_ours.work
            over = best_ours.result.get("time_over_bound")
            where = "goal shape" if shape in GOAL_SHAPES else "for information: the goal is stated for 1Mx32 and 4Mx32"
            speed_status = "MET" if speed >= 5 else f"NOT MET, {5 / speed:.2f}× short"
            bound_status = ("not measured" if over is None else "MET" if over <= 2 else f"NOT MET, {over / 2:.2f}× over")
            goal_lines.append(
                f"- {shape} ({where}): {best_ours.tool} {best_ours.work:.3f} s, {speed:.2f}× "
                f"{fastest_peer.tool}'s {fastest_peer.work:.3f} s (goal ≥ 5×: {speed_status}); "
                + (f"{over:.2f}× the bandwidth bound (goal ≤ 2×: {bound_status})" if over is not None else "no bound")
                + f" → {'MET' if speed >= 5 and over is not None and over <= 2 else 'NOT MET'}")
    lines += ["\"fit s\" is the time inside the process for the fit alone (reading the files excluded, on both "
              "sides); \"passes\" counts ChurnKit's objective evaluations, each one read of X (\"H\": of which "
              "Newton's Hessian passes, which also form XᵀDX and are compute-bound); bound = passes × bytes "
              "per pass / one core's bandwidth; objectives are recomputed here from each fit's coefficients.", "",
              "Goal check:", ""] + goal_lines + [""]
    return lines


# MARK: scoring

SCORE_FEATURES = "frequency,recency,T,monetary_value,days_since_last,n_transactions"
SCORE_PROBABILITY_ATOL = 1e-9
SCORE_TOP = 100
SCORED_AT = "2025-01-01T00:00:00Z"


def last_date(log: Path) -> date:
    """The log's last date: its rows are sorted by date (generate_log.py), so the last line's."""
    with open(log, "rb") as f:
        f.seek(max(0, log.stat().st_size - 4096))
        last = f.read().decode().strip().splitlines()[-1]
    return date.fromisoformat(last.split(",")[1])


def score_agreement(churn_csv: Path, peer_csv: Path) -> tuple[bool, str, float | None]:
    """max |p_churnkit - p_peer| over all customers <= SCORE_PROBABILITY_ATOL, the same customers,
    and the same SCORE_TOP customers in the same order."""
    import numpy as np
    import pandas as pd
    ours = pd.read_csv(churn_csv, usecols=["customer_id", "churn_probability"], dtype={"customer_id": "int64"})
    peer = pd.read_csv(peer_csv, usecols=["customer_id", "churn_probability"], dtype={"customer_id": "int64"})
    if len(ours) != len(peer):
        return False, f"{len(peer):,} customers != {len(ours):,}", None
    joined = ours.merge(peer, on="customer_id", how="inner", suffixes=("_ck", "_peer"))
    if len(joined) != len(ours):
        return False, f"{len(ours) - len(joined):,} customers differ", None
    gap = float(np.max(np.abs(joined["churn_probability_ck"] - joined["churn_probability_peer"])))
    if gap > SCORE_PROBABILITY_ATOL:
        return False, f"max |Δp| {gap:.1e}", gap
    top_ours = ours["customer_id"].to_numpy()[:SCORE_TOP]
    top_peer = peer["customer_id"].to_numpy()[:SCORE_TOP]
    if not np.array_equal(top_ours, top_peer):
        first = int(np.argmax(top_ours != top_peer))
        return False, f"top-{SCORE_TOP} order differs at rank {first + 1}", gap
    return True, "", gap


def log_with_model(ctx, label: str, prefix: str, features: str | None, why: str) -> tuple[Path, dict, date, str, Path]:
    """A generated log and a model trained on it once (not timed): cut-off 181 days before the
    log's last date, 181-day horizon, the given inputs (None: the default recipe). Returns the
    log, its metadata, its last date, the cut-off and the model file."""
    log = DATA / f"log_{label}.csv"
    meta = json.loads((DATA / f"log_{label}.json").read_text())
    end = last_date(log)
    cutoff = date.fromordinal(end.toordinal() - 181).isoformat()
    model = DATA / f"{prefix}_model_{label}.json"
    print(f"== {why}, {label} customers ({meta['rows']:,} rows): training the model (cut-off {cutoff}, horizon 181, "
          "not timed)", file=sys.stderr)
    subprocess.run([str(ctx.churn), "train", str(log), "--terms", "linear", "--cutoff", cutoff, "--horizon", "181"]
                   + (["--features", features] if features else []) + ["--output", str(model), "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return log, meta, end, cutoff, model


def scoring_section(ctx) -> list[str]:
    """Scoring a transaction log end to end with a saved model: `churn score` (features as of the
    log's last date, probability, decile, band, reasons, value at risk, the sorted CSV) against
    pandas read_csv + the same features + scikit-learn predict_proba with the model's
    standardizer and coefficients + sort + to_csv (harness/scoring_peer.py), each in its own
    process; the probabilities must agree within SCORE_PROBABILITY_ATOL for every customer and
    the top SCORE_TOP must be the same customers in the same order. The model is trained once per
    log (not timed) with a cut-off 181 days before the log's last date."""
    lines = ["### Scoring (a saved model applied to the whole log, features as of its last date)", "",
             f"Goal: {GOAL_SCORING}.", ""]
    goal_lines = []
    for label in ctx.sizes:
        log, meta, end, cutoff, model = log_with_model(ctx, label, "score", SCORE_FEATURES, "scoring")
        rows, mib = meta["rows"], log.stat().st_size / 2**20
        warm(log)
        ours_csv, peer_csv = DATA / f"risk_{label}.csv", ctx.scratch / f"risk_peer_{label}.csv"
        runs = [("ChurnKit `churn score`",
                 [str(ctx.churn), "score", "--model", str(model), str(log), "--output", str(ours_csv), "--quiet",
                  "--scored-at", SCORED_AT]),
                ("pandas read_csv + groupby + scikit-learn predict_proba + to_csv",
                 [sys.executable, str(HERE / "scoring_peer.py"), str(model), str(log), str(peer_csv)],
                 None, peer_environment())]
        results = measure_alternating(ctx.repeat, runs)
        ours, peer = results
        same, why, gap = (score_agreement(ours_csv, peer_csv) if ours.ok and peer.ok else (False, "no result", None))
        table = []
        for m in results:
            if not m.ok:
                table.append([m.tool, "—", "—", "—", "—", m.note])
                continue
            ratio = m.wall / ours.wall if ours.ok else None
            agree = "—" if m is ours else ("yes" if same else f"NO: {why}")
            table.append([m.tool, spread(m.walls), fmt(m.peak_mib, 0), fmt_rate(rows, m.wall),
                          "1.00×" if m is ours else (f"{ratio:.2f}×" if ratio else "—"), agree])
        lines += [f"**{label} customers** — {rows:,} rows, {mib:.0f} MiB, as of {end.isoformat()}; model: "
                  f"{SCORE_FEATURES} (trained with cut-off {cutoff}, horizon 181)"
                  + (f"; max |Δp| {gap:.1e}, top {SCORE_TOP} in the same order" if same and gap is not None else ""), "",
                  markdown_table(["tool", "wall s, median (min–max)", "peak MiB", "rows/s", "time vs ChurnKit", "agrees"], table), ""]
        peer_csv.unlink(missing_ok=True)
        if ours.ok and peer.ok:
            speed = peer.wall / ours.wall
            where = "the 10M-row log" if label == "1M" else "for information"
            status = "MET" if speed >= 5 and same else ("NOT MET (results disagree)" if not same
                                                        else f"NOT MET, {5 / speed:.2f}× short")
            goal_lines.append(f"- {label} customers ({where}): `churn score` {ours.wall:.2f} s, {speed:.2f}× "
                              f"faster than pandas + scikit-learn's {peer.wall:.2f} s; peak memory "
                              f"{ours.peak_mib:,.0f} vs {peer.peak_mib:,.0f} MiB (goal ≥ 5×: {status})")
    lines += ["Both sides end to end, one process each: read the log, features as of its last date, "
              "probabilities, sort, write the CSV (ChurnKit's also has rank, decile, band, three reasons, "
              "value at risk, model id and time; the peer's only customer_id and churn_probability).", "",
              "Goal check:", ""] + goal_lines + [""]
    return lines


# MARK: scaling

SCALING_SIZES = ("100k", "1M", "10M")             # about 1M, 10M and 108M rows
GOAL_SCALING = ("time per row at 100M rows within 1.3x of the time per row at 10M, peak memory O(customers) "
                "and <= 3 GiB")


def scaling_section(ctx) -> list[str]:
    """`churn features`, `churn score` and DuckDB (and pandas, and lifetimes up to --lifetimes-max)
    on logs of about 1M, 10M and 108M rows: wall time, rows/s and peak memory, one round each (the
    largest log takes minutes per tool). The 10M-customer log is generated on first use (~2.5 GB)."""
    lines = ["### Scaling (about 1M, 10M and 108M rows)", "", f"Goal: {GOAL_SCALING}.", ""]
    missing = [s for s in SCALING_SIZES if not (DATA / f"log_{s}.csv").is_file()]
    if missing:
        print(f"== generating {','.join(missing)} into {DATA}", file=sys.stderr)
        subprocess.run([sys.executable, str(BENCH / "generate_log.py"), "--sizes", ",".join(missing),
                        "--out", str(DATA)], check=True)
    python, peer, env = sys.executable, str(HERE / "features_peer.py"), peer_environment()
    table, per_row, peaks = [], {}, {}
    for label in SCALING_SIZES:
        log, meta, end, cutoff, model = log_with_model(ctx, label, "score", SCORE_FEATURES, "scaling")
        rows, customers = meta["rows"], meta["customers"]
        warm(log)
        risk = ctx.scratch / f"risk_scaling_{label}.csv"
        runs = [("churn features", [str(ctx.churn), "features", str(log), "--cutoff", ctx.cutoff, "--horizon",
                                    str(ctx.horizon), "--quiet"]),
                ("churn score", [str(ctx.churn), "score", "--model", str(model), str(log), "--output", str(risk),
                                 "--quiet", "--scored-at", SCORED_AT]),
                ("DuckDB features (2 threads)", [python, peer, "duckdb", str(log), ctx.cutoff], None, env),
                ("pandas features", [python, peer, "pandas", str(log), ctx.cutoff], None, env)]
        if customers <= ctx.lifetimes_max_customers:
            runs.append(("lifetimes features", [python, peer, "lifetimes", str(log), ctx.cutoff],
                         ctx.lifetimes_timeout, env))
        for m in measure_alternating(1, runs):
            if m.ok:
                per_row[(m.tool, label)] = m.wall / rows
                peaks[(m.tool, label)] = m.peak_mib
                table.append([f"{rows / 1e6:,.1f}M rows, {customers:,} customers", m.tool, fmt(m.wall),
                              fmt_rate(rows, m.wall), f"{m.wall / rows * 1e9:.0f}", fmt(m.peak_mib, 0),
                              f"{m.peak_mib * 2**20 / customers:.0f}"])
            else:
                why = "out of memory" if "MemoryError" in m.note or "exit -9" in m.note or "exit 137" in m.note else m.note
                table.append([f"{rows / 1e6:,.1f}M rows, {customers:,} customers", m.tool, "—", "—", "—", "—", why])
        if customers > ctx.lifetimes_max_customers:
            table.append([f"{rows / 1e6:,.1f}M rows, {customers:,} customers", "lifetimes features", "—", "—", "—",
                          "—", f"not run (--lifetimes-max {ctx.lifetimes_max_customers:,} customers)"])
        risk.unlink(missing_ok=True)
    lines += [markdown_table(["log", "tool", "wall s", "rows/s", "ns per row", "peak MiB", "bytes per customer"],
                             table), "", "Goal check:", ""]
    for tool in ("churn features", "churn score"):
        small, large = per_row.get((tool, "1M")), per_row.get((tool, "10M"))
        peak_mib = peaks.get((tool, "10M"))
        if small and large:
            growth = large / small
            met = growth <= 1.3 and peak_mib <= 3 * 1024
            lines.append(f"- `{tool}`: time per row at 108M rows {growth:.2f}× that at 10M (goal ≤ 1.3×), peak "
                         f"{peak_mib:,.0f} MiB (goal ≤ 3,072) → {'MET' if met else 'NOT MET'}")
        else:
            lines.append(f"- `{tool}`: not measured at both sizes → NOT MET")
    return lines + [""]


# MARK: sql (issue 13)

SQL_AS_OF_NOTE = "features as of the log's last date"


def read_risk(path: Path):
    """customer_id and churn_probability of a risk list: one CSV, or a folder of Spark part files in order."""
    import pandas as pd
    files = sorted(path.glob("part-*.csv")) if path.is_dir() else [path]
    frames = [pd.read_csv(f, usecols=["customer_id", "churn_probability"], dtype={"customer_id": str}) for f in files]
    return pd.concat(frames, ignore_index=True)


def sql_agreement(churn_csv: Path, engine_out: Path) -> tuple[bool, str, float | None]:
    """Every customer's probability within SCORE_PROBABILITY_ATOL and the whole ranking identical."""
    import numpy as np
    ours, theirs = read_risk(churn_csv), read_risk(engine_out)
    if len(ours) != len(theirs):
        return False, f"{len(theirs):,} customers != {len(ours):,}", None
    same_order = bool((ours["customer_id"].to_numpy() == theirs["customer_id"].to_numpy()).all())
    joined = ours.merge(theirs, on="customer_id", suffixes=("_ck", "_sql"))
    gap = float(np.max(np.abs(joined["churn_probability_ck"] - joined["churn_probability_sql"])))
    if gap > SCORE_PROBABILITY_ATOL:
        return False, f"max |Δp| {gap:.1e}", gap
    if not same_order:
        return False, "the ranking differs", gap
    return True, "", gap


def sql_section(ctx) -> list[str]:
    """`churn score` against the query of `churn sql` run by DuckDB (2 threads) and by Spark in
    local mode (local[2]), each reading the same CSV log and writing the ranked risk list as CSV,
    each in its own process. The model is the default recipe (all 16 columns, log1p), trained once
    per log with a cut-off 181 days before its last date (not timed). Peak memory is each
    process's own: the peakrss launcher's for churn and DuckDB (in-process), the JVM's VmHWM and the
    Python driver's ru_maxrss for Spark. The agreement check: every probability within
    SCORE_PROBABILITY_ATOL and the same ranking, customer for customer."""
    lines = ["### SQL on the engines (issue 13): the same model as `churn score`, as SQL on DuckDB and Spark", ""]
    have_spark = True
    try:
        import pyspark  # noqa: F401
    except ImportError:
        have_spark = False
    for label in ctx.sizes:
        log, meta, end, cutoff, model = log_with_model(ctx, label, "sql", None, "sql")
        rows, mib = meta["rows"], log.stat().st_size / 2**20
        queries = {}
        for dialect in ("duckdb", "spark"):
            queries[dialect] = ctx.scratch / f"score_{label}.{dialect}.sql"
            subprocess.run([str(ctx.churn), "sql", "--model", str(model), "--dialect", dialect, "--table", "transactions",
                            "--as-of", end.isoformat(), "--output", str(queries[dialect])], check=True)
        warm(log)
        ours_csv = ctx.scratch / f"sql_churn_{label}.csv"
        duck_csv, spark_dir = ctx.scratch / f"sql_duckdb_{label}.csv", ctx.scratch / f"sql_spark_{label}"
        runs = [("ChurnKit `churn score`", [str(ctx.churn), "score", "--model", str(model), str(log), "--as-of", end.isoformat(),
                                            "--output", str(ours_csv), "--quiet", "--scored-at", SCORED_AT]),
                ("DuckDB running `churn sql --dialect duckdb` (2 threads)",
                 [sys.executable, str(HERE / "sql_duckdb.py"), str(queries["duckdb"]), str(log), str(duck_csv)])]
        if have_spark:
            runs.append(("Spark local[2] running `churn sql --dialect spark`",
                         [sys.executable, str(HERE / "sql_spark.py"), str(queries["spark"]), str(log), str(spark_dir)]))
        table = []
        reference = None
        for (tool, argv), m in zip(runs, measure_alternating(ctx.repeat, [(t, a, 3600) for t, a in runs])):
            if reference is None:
                reference = m
            if not m.ok:
                table.append([tool, "—", "—", "—", m.note])
                continue
            peak = fmt(m.peak_mib, 0)
            note = ""
            if "Spark" in tool:
                info = json.loads(m.result["stdout"].strip().splitlines()[-1])
                peak = f"JVM {info['jvm_peak_mib']:,.0f} + driver {info['driver_peak_mib']:,.0f}"
                note = f"; JVM start {info['startup_seconds']:.1f} s, query and write {info['seconds']:.1f} s"
            if m is reference:
                agree = "—"
            else:
                same, why, gap = sql_agreement(ours_csv, duck_csv if "DuckDB" in tool else spark_dir)
                agree = (f"yes: max |Δp| {gap:.1e}, same ranking" if same else f"NO: {why}") + note
            table.append([tool, spread(m.walls), peak, fmt_rate(rows, m.wall), agree])
        if not have_spark:
            table.append(["Spark local[2]", "—", "—", "—", "skipped: pyspark is not installed"])
        lines += [f"**{label} customers** — {rows:,} rows, {mib:.0f} MiB CSV, as of {end.isoformat()}; model: the default "
                  f"recipe (16 inputs, log1p), trained with cut-off {cutoff}, horizon 181", "",
                  markdown_table(["tool", "wall s, median (min–max)", "peak MiB", "rows/s", "agrees with churn score"], table), ""]
    lines += ["All three read the CSV log and write the ranked list (rank, customer, probability, decile, band, three reasons) "
              "as CSV; `churn score` also writes value at risk. On one machine `churn score` is the fast path: one streaming "
              "pass, no shuffle, no JVM. What the SQL buys is scale beyond one machine. Its plan on Spark: the rows are "
              "pre-aggregated where they sit, shuffled by (customer, day) and by customer (hash partitions: each executor "
              "builds the features, probabilities and reasons of its own customers without seeing anyone else's); what "
              "crosses the network is those two shuffles of partial sums, then one row per customer for the ranking. The "
              "ranking (ROW_NUMBER over all customers, needed for rank, decile and rank bands) is Spark's one "
              "single-partition step: it sorts customers, not transactions, so a log of billions of rows from tens of "
              "millions of customers still fits it; the transaction side grows by adding executors and never has to fit "
              "one machine's disk or memory.", ""]
    return lines


# MARK: bgnbd

GOAL_BGNBD = "BG/NBD fit + predictions for 1M customers: >= 20x faster than lifetimes with <= 1/4 of its peak memory"
BGNBD_PARAM_RTOL = 1e-4


def bgnbd_section(ctx) -> list[str]:
    """BG/NBD on the feature CSV of each log (written once by `churn features`, not timed): the
    whole process of churn-bgnbd-raw (read, compress, fit, predict every customer) against
    lifetimes' (pandas read_csv, BetaGeoFitter.fit, the same three predictions)."""
    lines = ["### BG/NBD (fit + P(alive), expected purchases, P(no purchase) for every customer)", "",
             f"Goal: {GOAL_BGNBD}.", ""]
    raw = BENCH / ".build" / "release" / "churn-bgnbd-raw"
    if not raw.is_file():
        return lines + [f"Not measured: {raw} is missing (cd Benchmarks && swift build -c release --product churn-bgnbd-raw).", ""]
    goal_lines = []
    try:
        from importlib.metadata import version
        pymc_version = version("pymc-marketing")
    except Exception:
        pymc_version = None
        lines += ["PyMC-Marketing is not installed in the venv: its MAP fit is not measured.", ""]
    for label in ctx.sizes:
        log = DATA / f"log_{label}.csv"
        features = DATA / f"features_{label}.csv"
        if not features.is_file():
            print(f"== bgnbd, {label}: writing {features.name} (not timed)", file=sys.stderr)
            subprocess.run([str(ctx.churn), "features", str(log), "--cutoff", ctx.cutoff, "--output", str(features), "--quiet"],
                           check=True, stdout=subprocess.DEVNULL)
        warm(features)
        print(f"== bgnbd, {label} customers", file=sys.stderr)
        runs = [("ChurnKit churn-bgnbd-raw", [str(raw), str(features), "--horizon", str(ctx.horizon)], None)]
        if SIZES[label] <= ctx.lifetimes_max_customers:
            runs.append(("lifetimes 0.11.3 BetaGeoFitter", [sys.executable, str(HERE / "bgnbd_peer.py"), str(features), str(ctx.horizon)],
                         ctx.lifetimes_timeout))
            if pymc_version:
                runs.append((f"PyMC-Marketing {pymc_version} BetaGeoModel MAP",
                             [sys.executable, str(HERE / "bgnbd_pymc_peer.py"), str(features), str(ctx.horizon)], ctx.lifetimes_timeout))
        results = []
        for tool, argv, timeout in runs:
            best = None
            for _ in range(ctx.repeat):
                m = measure(tool, argv, timeout=timeout)
                print(f"   {tool}: {fmt(m.wall)} s, {fmt(m.peak_mib, 0)} MiB {m.note}", file=sys.stderr)
                if not m.ok:
                    best = m
                    break
                m.result = json.loads(m.result["stdout"].strip().splitlines()[-1])
                if best is None or m.wall < best.wall:
                    m.peak_mib = max(m.peak_mib or 0, best.peak_mib or 0) if best else m.peak_mib
                    best = m
            results.append(best)
        ours = results[0]
        peer = results[1] if len(results) > 1 else None     # lifetimes: the goal's yardstick
        def agree(m):
            if not (ours.ok and m.ok):
                return "—"
            worst = max(abs(m.result["params"][k] - ours.result["params"][k]) / abs(m.result["params"][k]) for k in ("r", "alpha", "a", "b"))
            return "yes" if worst <= BGNBD_PARAM_RTOL else f"NO: {worst:.1e}"
        table = []
        for m in results:
            if not m.ok:
                table.append([m.tool] + ["—"] * 8 + [m.note])
                continue
            r = m.result
            p = r["params"]
            table.append([m.tool, fmt(m.wall), fmt(r.get("fit_seconds"), 3), fmt(r.get("predict_seconds"), 3), fmt(m.peak_mib, 0),
                          f"{ours.wall and m.wall / ours.wall:.2f}×",
                          f"r {p['r']:.6g}, α {p['alpha']:.6g}, a {p['a']:.6g}, b {p['b']:.6g}",
                          f"{r['log_likelihood']:.6f}", f"{r['sum_p_no_purchase']:.4f}", "—" if m is ours else agree(m)])
        lines += [f"**{label} customers**" + (f" — {ours.result['patterns']:,} distinct (x, tₓ, T) patterns" if ours.ok else ""), "",
                  markdown_table(["tool", "wall s", "fit s", "predict s", "peak MiB", "time vs ChurnKit", "parameters",
                                  "log-likelihood", "Σ P(no purchase)", "same parameters (1e-4)"], table), ""]
        if ours.ok and peer is not None and peer.ok:
            speed = peer.wall / ours.wall
            memory = ours.peak_mib / peer.peak_mib
            same = agree(peer) == "yes"
            met = speed >= 20 and memory <= 0.25 and same
            goal_lines.append(f"- {label} customers: {speed:.1f}× faster (goal ≥ 20×: {'MET' if speed >= 20 else 'NOT MET'}), "
                              f"peak memory {memory:.3f} of lifetimes' (goal ≤ 0.25: {'MET' if memory <= 0.25 else 'NOT MET'}), "
                              f"parameters {'agree' if same else 'DISAGREE'} → {'MET' if met else 'NOT MET'}")
    lines += ["Every side is a whole process (start-up and reading the CSV included); peak memory is each process's own "
              "maximum resident set (the peakrss launcher). PyMC-Marketing's MAP has HalfFlat priors on r, α, a and b, so "
              "it is the same maximum-likelihood fit; its time includes importing PyMC and compiling the model.", "",
              "Goal check (against lifetimes):", ""] + goal_lines + [""]
    return lines


def quality_section(ctx) -> list[str]:
    """Model quality (issue 12): harness/quality.py."""
    from quality import section
    return section(ctx)


def additive_fit_section(ctx) -> list[str]:
    """Fit time of the additive model at 1M rows against linear and EBM (issue 12): harness/additive_fit.py."""
    from additive_fit import section
    return section(ctx, ebm_timeout=ctx.ebm_timeout)


SECTIONS = {"features": features_section, "training": training_section, "scoring": scoring_section,
            "scaling": scaling_section, "sql": sql_section, "bgnbd": bgnbd_section, "quality": quality_section,
            "additive-fit": additive_fit_section}


# MARK: main

@dataclass
class Context:
    churn: Path
    sizes: list[str]
    cutoff: str
    horizon: int
    repeat: int
    lifetimes_max_customers: int
    lifetimes_timeout: float
    scratch: Path
    fit_raw: Path = BENCH / ".build" / "release" / "churn-fit-raw"
    bandwidth: float | None = None
    ebm_timeout: float = 3600


def main() -> None:
    ap = argparse.ArgumentParser(prog="Benchmarks/compare", description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10k,200k,1M", help="customers per log: " + ",".join(SIZES))
    ap.add_argument("--quick", action="store_true", help="10k and 200k only, lifetimes on 10k only")
    ap.add_argument("--sections", default="features,training,scoring",
                    help="comma-separated, from: " + ",".join(SECTIONS) + " (scaling, ~15 min, sql, bgnbd, quality and additive-fit, ~25 min with EBM, only when named)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="rounds; each round runs every tool once (alternating), the median is reported with min-max")
    ap.add_argument("--check-memory", action="store_true",
                    help="only check that peak memory is each command's own (a child of known size), then exit")
    ap.add_argument("--lifetimes-max", default="1M",
                    help="largest log lifetimes is run on; larger ones are reported as skipped")
    ap.add_argument("--lifetimes-timeout", type=float, default=900, help="seconds before lifetimes is stopped")
    ap.add_argument("--ebm-timeout", type=float, default=3600,
                    help="seconds before EBM's 1M-row fit (additive-fit) is stopped; its fit time is then at least this")
    ap.add_argument("--churn", type=Path, default=ROOT / ".build" / "release" / "churn")
    ap.add_argument("--output", type=Path, default=None, help="also write the report (Markdown) here")
    args = ap.parse_args()
    if args.quick:
        args.sizes, args.lifetimes_max = "10k,200k", "10k"
    sizes = args.sizes.split(",")
    for s in sizes + [args.lifetimes_max]:
        if s not in SIZES:
            sys.exit(f"unknown size {s!r}; choose from {', '.join(SIZES)}")
    if args.repeat < 1:
        sys.exit("--repeat must be at least 1")
    global LAUNCHER
    if args.check_memory:
        with tempfile.TemporaryDirectory() as scratch:
            LAUNCHER = build_launcher(Path(scratch))
            line = check_memory_measurement(Path(scratch))
        print(line)
        sys.exit(0 if "right" in line else 1)
    sections = args.sections.split(",")
    for name in sections:
        if name not in SECTIONS:
            sys.exit(f"unknown section {name!r}; choose from {', '.join(SECTIONS)}")
    if {"features", "scoring", "scaling", "sql", "bgnbd", "quality", "additive-fit"} & set(sections) and not args.churn.is_file():
        sys.exit(f"{args.churn} is missing: build it with `swift build -c release --product churn`")

    meta = {"cutoff": "2024-12-31", "horizon_days": 181}     # the generator's; read back below
    if {"features", "scoring", "sql", "bgnbd"} & set(sections):
        missing = [s for s in sizes if not (DATA / f"log_{s}.csv").is_file() or not (DATA / f"log_{s}.json").is_file()]
        if missing:
            print(f"== generating {','.join(missing)} into {DATA}", file=sys.stderr)
            subprocess.run([sys.executable, str(BENCH / "generate_log.py"), "--sizes", ",".join(missing),
                            "--out", str(DATA)], check=True)
        meta = json.loads((DATA / f"log_{sizes[0]}.json").read_text())

    DATA.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=DATA, prefix="scratch-") as scratch:
        ctx = Context(churn=args.churn, sizes=sizes, cutoff=meta["cutoff"], horizon=meta["horizon_days"],
                      repeat=args.repeat, lifetimes_max_customers=SIZES[args.lifetimes_max],
                      lifetimes_timeout=args.lifetimes_timeout, scratch=Path(scratch),
                      ebm_timeout=args.ebm_timeout)
        started = datetime.now(timezone.utc)
        header = [f"Machine: {machine_line()}.", f"Versions: {versions()}."]
        LAUNCHER = build_launcher(ctx.scratch)
        header.append(check_memory_measurement(ctx.scratch))
        header.append(f"Runs: {ctx.repeat} rounds, each running every tool once in turn; times are medians "
                      "(min–max), peak memory the largest of the rounds.")
        print("== memory bandwidth", file=sys.stderr)
        ctx.bandwidth = memory_bandwidth(ctx.scratch)
        header.append(f"Memory bandwidth (one core, streaming read of 1 GiB, best of 7): "
                      + (f"{ctx.bandwidth / 1e9:.1f} GB/s." if ctx.bandwidth else "not measured (no C compiler)."))
        report = ["## Benchmarks/compare", "", f"Run {started:%Y-%m-%d %H:%M} UTC: " + "`" + " ".join(["Benchmarks/compare"] + sys.argv[1:]) + "`", ""] + header + [""]
        for name in sections:
            report += SECTIONS[name](ctx)
        report.append(f"Total {(datetime.now(timezone.utc) - started).total_seconds() / 60:.1f} min.")
    text = "\n".join(report)
    print(text)
    if args.output:
        args.output.write_text(text + "\n")
    (DATA / "last-compare.md").write_text(text + "\n")


if __name__ == "__main__":
    # The section modules (quality.py, additive_fit.py) `import compare`: make that this module,
    # not a second copy whose LAUNCHER main() never sets.
    sys.modules.setdefault("compare", sys.modules[__name__])
    main()
