#!/usr/bin/env bash
# What `npm start` runs (after scripts/install.sh): applies the migrations, registers the demo models and loads the
# sample cases (idempotent), creates the demo accounts (not when NODE_ENV=production), then runs the API, the worker
# and the web app in the foreground. Ctrl-C (or SIGTERM) stops all three cleanly.
#
# Environment (all optional): API_PORT (3001), WEB_PORT (3000), DATABASE_URL, REDIS_URL, NODE_ENV,
# LIGHTBOX_DEMO_PASSWORD (random and printed when unset), PSEUDONYM_SECRET (kept in $LIGHTBOX_STATE_DIR when unset,
# default ~/.lightbox), KEEP_ORIGINAL_DICOM (false), WORKER_HEALTH_PORT (3002), LIGHTBOX_NO_WEB=1 (API and worker only).
set -euo pipefail
cd "$(dirname "$0")/.."

export API_PORT="${API_PORT:-3001}"
export WEB_PORT="${WEB_PORT:-3000}"
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export NODE_ENV="${NODE_ENV:-development}"
export API_INTERNAL_URL="${API_INTERNAL_URL:-http://127.0.0.1:${API_PORT}}"
NODE=(node --import tsx)

say() { printf '[start] %s\n' "$*" >&2; }

# A stable pseudonym key: pseudonyms must not change between runs, or one patient's studies would split.
if [ -z "${PSEUDONYM_SECRET:-}" ]; then
  if [ "$NODE_ENV" = production ]; then
    say "PSEUDONYM_SECRET must be set in production (at least 32 random characters)"; exit 1
  fi
  state_dir="${LIGHTBOX_STATE_DIR:-$HOME/.lightbox}"
  mkdir -p "$state_dir" && chmod 700 "$state_dir"
  if [ ! -s "$state_dir/pseudonym-secret" ]; then
    (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > "$state_dir/pseudonym-secret")
  fi
  PSEUDONYM_SECRET="$(cat "$state_dir/pseudonym-secret")"
  export PSEUDONYM_SECRET
fi

demo_password_generated=false
if [ "$NODE_ENV" != production ] && [ -z "${LIGHTBOX_DEMO_PASSWORD:-}" ]; then
  LIGHTBOX_DEMO_PASSWORD="$(node -e "process.stdout.write(require('crypto').randomBytes(12).toString('base64url'))")"
  demo_password_generated=true
fi
export LIGHTBOX_DEMO_PASSWORD="${LIGHTBOX_DEMO_PASSWORD:-}"

say "applying database migrations…"
"${NODE[@]}" packages/db/src/run-migrations.ts
say "registering demo models and sample cases…"
"${NODE[@]}" apps/api/src/seed/seed-demo.ts

web_cmd=()
if [ -z "${LIGHTBOX_NO_WEB:-}" ] && [ -f apps/web/package.json ]; then
  if [ ! -f apps/web/.next/BUILD_ID ] || [ -n "$(find apps/web/app apps/web/components apps/web/lib apps/web/next.config.ts -newer apps/web/.next/BUILD_ID -print -quit 2>/dev/null)" ]; then
    say "building the web app (once; it takes a minute)…"
    # Next builds and serves production bundles only with NODE_ENV=production (under "development" its
    # prerendering fails), whatever NODE_ENV the API and worker run with.
    if ! (cd apps/web && NODE_ENV=production node ../../node_modules/next/dist/bin/next build >/tmp/lightbox-web-build.log 2>&1); then
      rm -f apps/web/.next/BUILD_ID # a failed build must not be served, and is retried next time
      say "web build failed (see /tmp/lightbox-web-build.log); starting without the web app"
    fi
  fi
  [ -f apps/web/.next/BUILD_ID ] && web_cmd=(env NODE_ENV=production WEB_PORT="$WEB_PORT" WEB_HOST=0.0.0.0 node server.mjs)
fi

# Each child gets its own process group (set -m), so stopping it also stops what it started (next-server).
set -m
pids=()
"${NODE[@]}" apps/api/src/server.ts &
pids+=($!)
HEALTH_PORT="${WORKER_HEALTH_PORT:-3002}" "${NODE[@]}" apps/worker/src/main.ts &
pids+=($!)
if [ ${#web_cmd[@]} -gt 0 ]; then
  (cd apps/web && exec "${web_cmd[@]}") &
  pids+=($!)
fi
set +m

stopping=false
stop() {
  $stopping && return
  stopping=true
  say "stopping…"
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    alive=false
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=true; done
    $alive || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  say "stopped"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:${API_PORT}/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done

{
  echo
  echo "  Lightbox is running"
  if [ ${#web_cmd[@]} -gt 0 ]; then echo "    web:  http://localhost:${WEB_PORT}"; fi
  echo "    API:  http://localhost:${API_PORT}/api  (OpenAPI: /api/openapi.json)"
  if [ "$NODE_ENV" != production ]; then
    echo "  Demo accounts (password: ${LIGHTBOX_DEMO_PASSWORD}$($demo_password_generated && echo ', generated for this run; set LIGHTBOX_DEMO_PASSWORD to choose it')):"
    echo "    admin@demo.lightbox        admin"
    echo "    radiologist@demo.lightbox  radiologist"
    echo "    ml@demo.lightbox           ml_engineer"
    echo "    compliance@demo.lightbox   compliance"
  fi
  echo "  Ctrl-C stops everything."
  echo
} >&2

# Stop everything as soon as one of the services exits.
wait -n "${pids[@]}" || true
say "a service exited"
