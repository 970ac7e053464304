#!/usr/bin/env bash
# The README write-back demo: examples/writeback/applicants.jsonl -> tap-jsonl -> target-paradox
# -> a local paradox-sandbox, with Meltano.
#  1. install tap-jsonl and target-paradox into Meltano;
#  2. start paradox-sandbox in the background on a free port (stopped on exit, whatever happens);
#  3. `meltano run tap-jsonl target-paradox`: good and bad applicants mixed, so the run exits
#     non-zero; print the per-action summary and the dead-letter lines;
#  4. run again with the same ledger and show that the replay created nothing new.
# Safe to run again: every run starts from an empty ledger and empty outcome files.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
source scripts/sandbox_up.sh

RUN_DIR=".meltano/run/writeback"  # = the demo environment's target-paradox paths
export MELTANO_ENVIRONMENT=demo

echo "== installing tap-jsonl and target-paradox into Meltano (first time only takes a while)"
meltano install --plugin-type extractor tap-jsonl >/dev/null
meltano install --plugin-type loader target-paradox >/dev/null

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"

echo "== starting paradox-sandbox"
start_sandbox "$RUN_DIR" --seed 7 --candidates 300
export TARGET_PARADOX_API_URL="$SANDBOX_API_URL"
export TARGET_PARADOX_CLIENT_ID="$SANDBOX_CLIENT_ID"
export TARGET_PARADOX_CLIENT_SECRET="$SANDBOX_CLIENT_SECRET"
export TARGET_PARADOX_JOB_FEED_URL="$SANDBOX_FEED_URL"
echo "   sandbox at $TARGET_PARADOX_API_URL"

run() {  # run N: one write-back run; a non-zero exit (failed records) is expected and shown
  local status=0
  meltano run --full-refresh tap-jsonl target-paradox >"$RUN_DIR/run$1.log" 2>&1 || status=$?
  echo "   exit status: $status (non-zero: some records failed, see the dead letter)"
  grep -o 'target-paradox summary: .*' "$RUN_DIR/run$1.log" | tail -1 | sed 's/^/   /'
  [ -s "$RUN_DIR/outcomes.jsonl" ] || { tail -40 "$RUN_DIR/run$1.log"; exit 1; }
}

echo "== run 1: meltano run tap-jsonl target-paradox"
before=$(python scripts/writeback_count.py)
run 1
after_first=$(python scripts/writeback_count.py)
echo "   Paradox records: $before before, $after_first after"
echo "== dead-letter lines (code, field, message)"
python - "$RUN_DIR/dead-letter.singer" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    message = json.loads(line)
    if message["type"] == "RECORD":
        error = message["record"]["_paradox_error"]
        print(f"   #{error['seq']} {error['code']} [{error['field']}] {error['message']}")
PY
cp "$RUN_DIR/dead-letter.singer" "$RUN_DIR/dead-letter.run1.singer"

echo "== run 2: the same input again (replay)"
run 2
after_replay=$(python scripts/writeback_count.py)
echo "   Paradox records: $after_first before, $after_replay after (created: $((after_replay - after_first)))"
python - "$RUN_DIR/outcomes.jsonl" <<'PY'
import collections, json, sys
outcomes = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
counts = collections.Counter((o["status"], o.get("reason") or (o.get("error") or {}).get("code")) for o in outcomes)
for (status, why), count in sorted(counts.items()):
    print(f"   {status:8} {why or '':35} {count}")
PY
