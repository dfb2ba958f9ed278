#!/usr/bin/env bash
# Regenerate every golden-value file in Benchmarks/reference/output/.
# Usage: Benchmarks/reference/make_reference.sh [--data-dir DIR]
# Creates Benchmarks/reference/.venv (git-ignored) if needed, installs the pinned
# requirements, then runs each reference script. Extra arguments (e.g.
# --data-dir /work/shared/datasets) are passed to every script.
# Python is only used to produce reference values; ChurnKit never depends on it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
for script in bgnbd_lifetimes.py cdnow_features.py cdnow_logistic.py metric_fixtures.py retention_metrics.py telco_logistic.py; do
  echo "== $script"
  .venv/bin/python "$script" "$@"
done
echo "outputs:"
ls -l output/
