#!/usr/bin/env bash
# Run the whole test suite (the long soaks are behind `-m slow`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
exec python -m pytest -n auto -m "not slow" "$@"
