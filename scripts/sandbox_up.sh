#!/usr/bin/env bash
# Sourced by the demo scripts: `start_sandbox RUN_DIR [paradox-sandbox flags]` starts
# paradox-sandbox on a free port in the background, stops it when the calling script exits,
# waits until its API answers, and sets SANDBOX_API_URL, SANDBOX_CLIENT_ID,
# SANDBOX_CLIENT_SECRET and SANDBOX_FEED_URL from what it printed.
start_sandbox() {
  local run_dir="$1"
  shift
  paradox-sandbox --port 0 "$@" >"$run_dir/sandbox.out" 2>&1 &
  SANDBOX_PID=$!
  trap 'kill "$SANDBOX_PID" 2>/dev/null || true; wait "$SANDBOX_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    grep -q '^job_feed_url:' "$run_dir/sandbox.out" 2>/dev/null && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$run_dir/sandbox.out"; exit 1; }
    sleep 0.5
  done
  _sandbox_field() { awk -v key="$1:" '$1 == key {print $2}' "$run_dir/sandbox.out"; }
  SANDBOX_API_URL="$(_sandbox_field api_url)"
  SANDBOX_CLIENT_ID="$(_sandbox_field client_id)"
  SANDBOX_CLIENT_SECRET="$(_sandbox_field client_secret)"
  SANDBOX_FEED_URL="$(_sandbox_field job_feed_url)"
  # Wait until the API answers, not just until the process printed its address.
  python - "$SANDBOX_API_URL" <<'PY'
import sys, time, urllib.error, urllib.request
for _ in range(60):
    try:
        urllib.request.urlopen(sys.argv[1] + "/api/v1/public/candidates", timeout=2)
    except urllib.error.HTTPError:
        sys.exit(0)  # 401 without a token: the server is up
    except OSError:
        time.sleep(0.5)
sys.exit("the sandbox did not answer")
PY
}
