#!/usr/bin/env bash
# The README demo: sandbox -> tap-paradox -> DuckDB with Meltano, then an incremental run.
#  1. install the project and the two Meltano plugins the demo needs;
#  2. start paradox-sandbox in the background on a free port (stopped on exit, whatever happens);
#  3. `meltano run tap-paradox target-duckdb` (a full sync) and print what landed;
#  4. move 5 candidates to another stage over the sandbox's HTTP API;
#  5. run again (a delta sync) and show that only those rows came through.
# Safe to run again: every run starts from an empty warehouse, ledger and Meltano state.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
source scripts/sandbox_up.sh

CANDIDATES="${DEMO_CANDIDATES:-2000}"
SEED="${DEMO_SEED:-7}"
RUN_DIR=".meltano/run/demo"
WAREHOUSE="output/demo.duckdb"  # = target-duckdb filepath in the demo environment
export MELTANO_ENVIRONMENT=demo

echo "== installing tap-paradox and target-duckdb into Meltano (first time only takes a while)"
meltano install --plugin-type extractor tap-paradox >/dev/null
meltano install --plugin-type loader target-duckdb >/dev/null

# A clean slate, so the demo runs the same way every time.
rm -rf "$RUN_DIR" "$WAREHOUSE" "$WAREHOUSE.wal"
mkdir -p "$RUN_DIR" output
meltano state clear --force "demo:tap-paradox-to-target-duckdb" >/dev/null 2>&1 || true

echo "== starting paradox-sandbox ($CANDIDATES candidates, seed $SEED)"
start_sandbox "$RUN_DIR" --seed "$SEED" --candidates "$CANDIDATES"
export TAP_PARADOX_API_URL="$SANDBOX_API_URL"
export TAP_PARADOX_CLIENT_ID="$SANDBOX_CLIENT_ID"
export TAP_PARADOX_CLIENT_SECRET="$SANDBOX_CLIENT_SECRET"
export TAP_PARADOX_JOB_FEED_URL="$SANDBOX_FEED_URL"
echo "   sandbox answering at $TAP_PARADOX_API_URL"

echo "== run 1: meltano run tap-paradox target-duckdb (full sync)"
meltano run --full-refresh tap-paradox target-duckdb >"$RUN_DIR/run1.log" 2>&1 \
  || { tail -40 "$RUN_DIR/run1.log"; exit 1; }
python scripts/demo_summary.py "$WAREHOUSE"

echo
echo "== changing 5 candidates in the sandbox (PUT /candidates/{OID}, a stage move each)"
python scripts/demo_change.py "$TAP_PARADOX_API_URL" "$TAP_PARADOX_CLIENT_ID" \
  "$TAP_PARADOX_CLIENT_SECRET" 5
sleep 1
SECOND_RUN_START="$(date -u +%Y-%m-%dT%H:%M:%S)"

echo "== run 2: meltano run tap-paradox target-duckdb (delta sync from the saved state)"
meltano run tap-paradox target-duckdb >"$RUN_DIR/run2.log" 2>&1 \
  || { tail -40 "$RUN_DIR/run2.log"; exit 1; }
python scripts/demo_summary.py "$WAREHOUSE" "$SECOND_RUN_START"
echo
echo "records the tap emitted in run 2, per stream (from the tap's metrics):"
python - "$RUN_DIR/run2.log" <<'PY'
import json, re, sys
counts = {}
for line in open(sys.argv[1], encoding="utf-8"):
    match = re.search(r'METRIC: (\{.*"record_count".*\})', line)
    if match:
        metric = json.loads(match.group(1))
        stream = metric["tags"]["stream"]
        counts[stream] = counts.get(stream, 0) + metric["value"]
for stream, count in sorted(counts.items()):
    print(f"  {stream:<20}{count:>6}")
PY
echo "== done; the warehouse is $WAREHOUSE (the sandbox stops now)"
