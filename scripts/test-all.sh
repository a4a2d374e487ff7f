#!/usr/bin/env bash
# The one test command (README): installs what the tests need, makes sure Postgres and Redis run, then runs
# every package's tests with vitest. Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --for-tests
bash scripts/ensure-services.sh
echo "lint and type checks…" >&2
npx biome check . >/dev/null || { npx biome check . | tail -40; exit 1; }
TURBO_TELEMETRY_DISABLED=1 npx turbo run typecheck --output-logs=errors-only
npx vitest run "$@"
