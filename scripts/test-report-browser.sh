#!/usr/bin/env bash
# Renders churn reports in headless Chromium and checks them (called by `make test` after the
# Swift tests): the CDNOW report (transaction-log model, cross-validated), the CDNOW BG/NBD
# report (its fit-check charts must be there and painted), the telco report
# (labelled-table model) and two reports built from hostile data (ids, a column name and
# category levels that are markup: <script>alert(1)</script>, "><img src=x onerror=...>).
# Every chart must be painted, the pages must log nothing (no console message, exception, CSP
# violation, dialog or network request) and hold no script, image or event-handler attribute.
# Screenshots go to out/screenshots/ (git-ignored).
#
# Installs Debian's chromium when missing (apt-get, with sudo when not root) and the checker's
# two Python packages (websocket-client, pillow) into the git-ignored .venv.
#   CHURN=path/to/churn   the binary to use (default .build/debug/churn, built by make test)
#   README_IMAGE=docs/report.png   also writes the small README screenshot (not during tests)
set -euo pipefail
cd "$(dirname "$0")/.."
CHURN=${CHURN:-.build/debug/churn}
OUT=${OUT:-out/screenshots}

if [ ! -x "$CHURN" ]; then
    echo "no churn binary at $CHURN: run swift build first" >&2
    exit 1
fi
if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing Debian's chromium"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import websocket, PIL' 2>/dev/null; then
    echo "== setting up .venv for the browser checker"
    python3 -m venv .venv
    .venv/bin/pip install -q 'websocket-client==1.9.2' 'pillow==13.0.0'
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "== rendering reports"
"$CHURN" report --model models/cdnow.json datasets/cdnow/transactions.csv --cv 3 --output "$TMP/cdnow.html" --quiet 2>/dev/null
"$CHURN" report --model models/telco.json datasets/telco/wa_churn.csv --value-column monthly_charges --output "$TMP/telco.html" --quiet
# A BG/NBD model on CDNOW: its report adds the two fit-check charts (repeat purchases, holdout).
"$CHURN" train datasets/cdnow/transactions.csv --cutoff 1997-09-30 --horizon 273 --kind bgnbd --output "$TMP/cdnow-bgnbd.json" --quiet >/dev/null
"$CHURN" report --model "$TMP/cdnow-bgnbd.json" datasets/cdnow/transactions.csv --cutoff 1997-09-30 --output "$TMP/cdnow-bgnbd.html" --quiet 2>/dev/null

# Hostile data: a transaction log whose customer ids are markup, and a labelled table whose id,
# column name and category levels are.
python3 - "$TMP" <<'PY'
import csv, random, sys, datetime
folder = sys.argv[1]
payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "'><svg onload=alert(3)>"]
rng = random.Random(7)
start = datetime.date(2024, 1, 1)
with open(f"{folder}/hostile-log.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["customer_id", "date", "amount"])
    for c in range(300):
        cid = payloads[c] if c < len(payloads) else f"c{c}"
        first = rng.randrange(0, 120)
        rate = rng.choice([5, 20, 60])
        day = first
        if c < len(payloads):  # one early purchase: the riskiest customers, listed first
            w.writerow([cid, (start + datetime.timedelta(days=2)).isoformat(), "120.00"])
            continue
        while day < 365:
            w.writerow([cid, (start + datetime.timedelta(days=day)).isoformat(), f"{rng.uniform(5, 80):.2f}"])
            day += rng.randrange(1, 2 * rate)
with open(f"{folder}/hostile-table.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["customer", "churned", "<b>plan</b>", "tenure"])
    for c in range(300):
        cid = payloads[c] if c < len(payloads) else f"t{c}"
        plan = payloads[c % 3]
        tenure = rng.randrange(1, 60)
        churn = rng.random() < 0.15 + 0.2 * (c % 3) + (0.2 if tenure < 12 else 0)
        w.writerow([cid, "yes" if churn else "no", plan, tenure])
PY
"$CHURN" train "$TMP/hostile-log.csv" --cutoff 2024-09-30 --horizon 90 --output "$TMP/hostile-log.json" --quiet >/dev/null
"$CHURN" report --model "$TMP/hostile-log.json" "$TMP/hostile-log.csv" --as-of 2024-12-30 --output "$TMP/xss-log.html" --quiet 2>/dev/null
"$CHURN" train "$TMP/hostile-table.csv" --label churned --positive yes --id-column customer --output "$TMP/hostile-table.json" --quiet >/dev/null
"$CHURN" report --model "$TMP/hostile-table.json" "$TMP/hostile-table.csv" --output "$TMP/xss-table.html" --quiet

echo "== checking them in headless chromium"
.venv/bin/python -W ignore scripts/check_report_in_browser.py --out "$OUT" \
    ${README_IMAGE:+--readme-image "$README_IMAGE"} \
    --expect-text 'xss-log:<script>alert(1)</script>' \
    --expect-text 'xss-log:"><img src=x onerror=alert(2)>' \
    --expect-text 'xss-table:<script>alert(1)</script>' \
    --expect-text 'xss-table:<b>plan</b>=<script>alert(1)</script>' \
    --expect-chart cdnow-bgnbd:fig-bgnbd-repeat-purchases --expect-chart cdnow-bgnbd:fig-bgnbd-holdout \
    cdnow="$TMP/cdnow.html" telco="$TMP/telco.html" cdnow-bgnbd="$TMP/cdnow-bgnbd.html" xss-log="$TMP/xss-log.html" xss-table="$TMP/xss-table.html"
