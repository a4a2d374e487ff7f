#!/bin/sh
# Generates the Prisma client into packages/db/src/generated/prisma (git-ignored) from prisma/schema.prisma.
# Offline: Prisma 7 only checks that a schema engine binary exists for `generate`, it never runs it, so any
# existing file will do. Skips the work when the schema and Prisma's version have not changed since the last run.
# Usage: scripts/prisma-generate.sh [--force]
set -eu
cd "$(dirname "$0")/.."

out=packages/db/src/generated/prisma
stamp="$out/.generated-from"
want="$(cat prisma/schema.prisma node_modules/prisma/package.json | sha256sum | cut -d' ' -f1)"

if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$out/client.ts" ]; then
  exit 0
fi

PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}" \
PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 \
  node_modules/.bin/prisma generate --no-hints
echo "$want" > "$stamp"
