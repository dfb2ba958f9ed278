"""The fit-time rows of issue 12 (`Benchmarks/compare --sections additive-fit`): ChurnKit's
additive model with pairs against the linear Newton fit and interpret's EBM, all on the same
1M-row synthetic table with 16 inputs (`generate_synthetic.py --rows 1000000 --seed 1
--extra-noise 4`), each in its own process on the machine's two cores.

ChurnKit's fit time is the `wall time` line of `churn train` (the fit, without reading the CSV);
the additive fit uses fixed hyper-parameters (`--max-bins 32 --roughness 10 --pairs 10`), as the
goal is stated for a fit, not for the inner cross-validation that chooses them (which runs on a
100k-row sample above that size). EBM (`harness/ebm_fit_time.py`: 10 interactions, n_jobs=2,
otherwise its defaults) runs once, with a time limit: when it is stopped, its fit time is at least
the limit, which bounds the ratio from below.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from compare import BENCH, DATA, HERE, fmt, markdown_table, measure, measure_alternating, spread

ROWS = 1_000_000
GOAL = "additive+pairs fit at 1M rows × 16 inputs ≤ 10× the linear Newton fit's time and ≥ 5× faster than EBM's fit on the same rows"
WALL_TIME = re.compile(r"^wall time\s+([0-9.]+) s", re.MULTILINE)


def table_path() -> Path:
    path = DATA / "synthetic_1M_16.csv"
    if not path.is_file():
        print(f"== additive fit: generating {path.name} (1M rows, 16 inputs)", file=sys.stderr)
        subprocess.run([sys.executable, str(BENCH / "generate_synthetic.py"), "--rows", str(ROWS), "--seed", "1",
                        "--extra-noise", "4", "--out", str(path)], check=True)
    return path


def section(ctx, ebm_timeout: float = 3600) -> list[str]:
    DATA.mkdir(exist_ok=True)
    data = table_path()
    out = ctx.scratch / "fit-model.json"
    base = [str(ctx.churn), "train", str(data), "--label", "churn", "--positive", "Yes", "--output", str(out)]
    runs = [("churn train --terms linear", base + ["--terms", "linear"]),
            ("churn train --terms additive+pairs", base + ["--terms", "additive+pairs", "--max-bins", "32", "--roughness", "10",
                                                         "--pairs", "10"])]

    def parse(tool: str, m) -> None:
        found = WALL_TIME.search(m.result["stdout"])
        m.work = float(found.group(1)) if found else None

    print(f"== additive fit: {ctx.repeat} rounds of linear and additive+pairs", file=sys.stderr)
    linear, additive = measure_alternating(ctx.repeat, runs, parse)
    print(f"== additive fit: EBM once (limit {ebm_timeout / 60:.0f} min)", file=sys.stderr)
    ebm = measure("EBM", [sys.executable, str(HERE / "ebm_fit_time.py"), str(data), "--interactions", "10"], timeout=ebm_timeout)
    ebm_fit, ebm_at_least = None, False
    if ebm.ok:
        ebm_fit = json.loads(ebm.result["stdout"].strip().splitlines()[-1])["fit_seconds"]
    elif ebm.note.startswith("skipped"):
        ebm_fit, ebm_at_least = ebm_timeout, True

    rows = []
    for m in (linear, additive):
        rows.append([m.tool, spread(m.works, 2) if m.works else "—", fmt(m.wall), fmt(m.peak_mib, 0), m.note])
    rows.append(["interpret EBM 0.7.8, 10 interactions", ("> " if ebm_at_least else "") + fmt(ebm_fit, 1), fmt(ebm.wall, 1) if ebm.ok else "—",
                 fmt(ebm.peak_mib, 0) if ebm.ok else "—", ebm.note])
    lines = ["### Additive fit at 1M rows (issue 12)", "", f"Goal: {GOAL}.", "",
             f"`{data.name}`: {ROWS:,} rows, 16 inputs. Fit s: ChurnKit's `wall time` line (median (min–max) of "
             f"{ctx.repeat} alternating runs), EBM's `fit()` (one run). Wall s and peak: the whole process.", "",
             markdown_table(["fit", "fit s", "wall s", "peak MiB", "note"], rows), "", "Goal check:", ""]
    if linear.work and additive.work:
        over_linear = additive.work / linear.work
        lines.append(f"- additive+pairs {additive.work:.2f} s = {over_linear:.1f}× the linear Newton fit's {linear.work:.2f} s "
                     f"(goal ≤ 10×: {'MET' if over_linear <= 10 else 'NOT MET'})")
        if ebm_fit:
            speed = ebm_fit / additive.work
            lines.append(f"- EBM {'at least ' if ebm_at_least else ''}{ebm_fit:.0f} s: ChurnKit {'at least ' if ebm_at_least else ''}"
                         f"{speed:.1f}× faster (goal ≥ 5×: {'MET' if speed >= 5 else 'NOT MET'})")
        else:
            lines.append(f"- EBM: {ebm.note} (goal ≥ 5×: not measured)")
        peak_gib = (additive.peak_mib or 0) / 1024
        lines.append(f"- peak memory of the additive+pairs `churn train`: {peak_gib:.2f} GiB (goal ≤ 2 GiB: {'MET' if peak_gib <= 2 else 'NOT MET'})")
    else:
        lines.append("- not measured: " + (linear.note or additive.note or "no `wall time` line"))
    return lines + [""]
