#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on their local ports, starting the machine's own servers when they
# are installed but stopped. With DATABASE_URL / REDIS_URL pointing elsewhere it only checks those.
set -u
pg_ok() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_ok() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

if [ -z "${DATABASE_URL:-}" ] && ! pg_ok; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL…" >&2
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_ok && break; sleep 1; done
  fi
  pg_ok || { echo "PostgreSQL is not reachable on 127.0.0.1:5432. Install it (apt-get install postgresql) or set DATABASE_URL." >&2; exit 1; }
fi
if [ -z "${REDIS_URL:-}" ] && ! redis_ok; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "starting Redis…" >&2
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
    for _ in $(seq 1 30); do redis_ok && break; sleep 1; done
  fi
  redis_ok || { echo "Redis is not reachable on 127.0.0.1:6379. Install it (apt-get install redis-server), run 'docker compose up -d redis', or set REDIS_URL." >&2; exit 1; }
fi
