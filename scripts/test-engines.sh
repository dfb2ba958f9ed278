#!/usr/bin/env bash
# The SQL engine tests (issue 13): `churn sql` run on DuckDB and on Apache Spark in local mode,
# checked against `churn score`, `churn features` and `churn train` (Tests/Engines/).
#
#   scripts/test-engines.sh                    # both engines, 200k-customer synthetic log
#   scripts/test-engines.sh --engines duckdb   # arguments go to Tests/Engines/test_sql_engines.py
#
# 1. installs Java 17 (Debian's openjdk-17-jre-headless) when `java` is missing (Spark needs it);
# 2. makes .venv (git-ignored) with the pinned engines of Tests/Engines/requirements.txt, again
#    only when that file changes (Python is a test-time tool, never a dependency of churn);
# 3. builds churn (debug, as `make test` already did: a no-op there) and runs the tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-$(command -v python3.11 || command -v python3)}"
SWIFT="${SWIFT:-swift}"

if ! command -v java >/dev/null 2>&1; then
  echo "== installing Java 17 for Spark (openjdk-17-jre-headless)" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv" >&2
  "$PY" -m venv .venv
fi
if ! cmp -s Tests/Engines/requirements.txt .venv/engines-requirements.installed; then
  echo "== installing the engines (Tests/Engines/requirements.txt)" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r Tests/Engines/requirements.txt
  cp Tests/Engines/requirements.txt .venv/engines-requirements.installed
fi

echo "== building churn" >&2
"$SWIFT" build --product churn >&2
CHURN="$("$SWIFT" build --show-bin-path)/churn" exec .venv/bin/python Tests/Engines/test_sql_engines.py "$@"
