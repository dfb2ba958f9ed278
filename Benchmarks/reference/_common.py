"""Shared helpers for the ChurnKit reference scripts (Python is only used to
produce golden values; it is never a runtime dependency of ChurnKit)."""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
OUTPUT_DIR = HERE / "output"
REPO_DATA_DIR = REPO_ROOT / "datasets"
SHARED_DATA_DIR = Path("/work/shared/datasets")

LIBRARIES = ["numpy", "pandas", "scipy", "scikit-learn", "statsmodels", "lifetimes"]


def default_data_dir() -> Path:
    """The project's copy under <repo>/datasets if present, else /work/shared/datasets."""
    return REPO_DATA_DIR if REPO_DATA_DIR.is_dir() else SHARED_DATA_DIR


def parse_args(description: str) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data-dir", type=Path, default=None,
                   help="folder holding cdnow/ and telco/ "
                        f"(default: {REPO_DATA_DIR} if it exists, else {SHARED_DATA_DIR})")
    p.add_argument("--output-dir", type=Path, default=OUTPUT_DIR,
                   help=f"where the JSON goes (default: {OUTPUT_DIR})")
    args = p.parse_args()
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    return args


def data_file(data_dir: Path, rel: str) -> Path:
    path = Path(data_dir) / rel
    if not path.is_file():
        sys.exit(f"missing data file: {path} (use --data-dir)")
    return path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def lib_versions() -> dict:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def generated_by(script: str, inputs: dict[str, Path] | None = None, **extra) -> dict:
    g = {
        "script": f"Benchmarks/reference/{script}",
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "libraries": lib_versions(),
    }
    if inputs:
        g["inputs"] = {
            key: {"file": _display_path(path), "sha256": sha256(path)}
            for key, path in inputs.items()
        }
    g.update(extra)
    return g


def _display_path(path: Path) -> str:
    path = Path(path).resolve()
    for base, label in ((REPO_ROOT, ""), (SHARED_DATA_DIR.parent, "shared/")):
        try:
            return label + str(path.relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)


def clean(obj):
    """Convert numpy scalars/arrays to plain Python; NaN/inf -> None."""
    import numpy as np
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [clean(v) for v in obj.tolist()]
    if isinstance(obj, (np.bool_, bool)):
        return bool(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating, float)):
        v = float(obj)
        return v if math.isfinite(v) else None
    return obj


def write_json(output_dir: Path, name: str, payload: dict) -> Path:
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / name
    text = json.dumps(clean(payload), indent=1, allow_nan=False) + "\n"
    path.write_text(text)
    print(f"wrote {path} ({len(text)} bytes)")
    return path
