#!/usr/bin/env bash
# The first command on a fresh machine (README): installs the packages, makes sure PostgreSQL and Redis run, then
# starts Lightbox (scripts/start.sh) with the demo models, sample cases and demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/ensure-services.sh
exec bash scripts/start.sh
