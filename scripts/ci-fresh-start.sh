#!/usr/bin/env bash
# The README's first command where it used to fail: a fresh clone of this checkout's HEAD inside a
# private folder (mode 700, like a clone in /root), `npm install && npm start`, then /api/health
# must answer 200. It also checks that the embedded default listens on loopback only, and that a
# SIGTERM to the start's process group stops everything, PostgreSQL included. Cleans up after itself
# (the clone, and the cluster npm start kept for it under EMBEDDED_PG_SYSTEM_DIR).
# Usage: scripts/ci-fresh-start.sh   (as root in CI; any user can run it)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[fresh-start] %s\n' "$*"; }

base=/tmp
[ "$(id -u)" = 0 ] && base=/root
home=$(mktemp -d "$base/cc-fresh-start.XXXXXX")
chmod 700 "$home"
clone="$home/console"
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
export PORT=$(free_port) EMBEDDED_PG_PORT=$(free_port) NEXT_TELEMETRY_DISABLED=1
unset DATABASE_URL HOST CONSOLE_DATA_DIR AUTH_SECRET SECRETS_KEY
start_pid=""

cluster_of() { # where the clone's cluster lives: data/pg, or where that link points
  local pointer="$clone/data/pg"
  if [ -L "$pointer" ]; then readlink "$pointer"; else echo "$pointer"; fi
}
postgres_of() { pgrep -f -- "-D $1 " || true; }

cleanup() {
  local status=$?
  if [ -n "$start_pid" ] && kill -0 -- "-$start_pid" 2>/dev/null; then kill -KILL -- "-$start_pid" 2>/dev/null || true; fi
  if [ -L "$clone/data/pg" ]; then
    cluster=$(readlink "$clone/data/pg")
    for pid in $(postgres_of "$cluster"); do kill -QUIT "$pid" 2>/dev/null || true; done
    rm -rf "$(dirname "$cluster")"
  fi
  rm -rf "$home"
  exit $status
}
trap cleanup EXIT

log "cloning $repo (HEAD) into $clone (folder mode $(stat -c %a "$home"))"
git clone --quiet "$repo" "$clone"
cd "$clone"
log "npm install"
npm install --no-audit --no-fund --loglevel=error

log "npm start on port $PORT (embedded PostgreSQL on $EMBEDDED_PG_PORT)"
# A process group of its own, so that one signal reaches npm, the start script and what it runs.
setsid npm start >"$home/start.log" 2>&1 &
start_pid=$!

deadline=$((SECONDS + 600)) # the first start runs `next build`
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/health" || true)" = 200 ]; do
  if ! kill -0 "$start_pid" 2>/dev/null; then
    log "npm start exited before /api/health answered 200:"; tail -n 40 "$home/start.log"; exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    log "/api/health did not answer 200 within 10 minutes:"; tail -n 40 "$home/start.log"; exit 1
  fi
  sleep 3
done
log "/api/health answered 200 after ${SECONDS}s"

# The embedded default listens on loopback only (README: HOST): every listening socket on PORT,
# read from the kernel's tables, must be bound to 127.0.0.1 (or ::1).
listeners=$(node -e '
  const fs = require("fs");
  const port = Number(process.argv[1]).toString(16).toUpperCase().padStart(4, "0");
  const rows = ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((f) => fs.existsSync(f) ? fs.readFileSync(f, "utf8").trim().split("\n").slice(1) : []);
  const local = rows.map((r) => r.trim().split(/\s+/)).filter((c) => c[3] === "0A" && c[1].endsWith(":" + port)).map((c) => c[1].split(":")[0]);
  console.log(local.join(" "));
' "$PORT")
log "sockets listening on port $PORT (kernel hex addresses): $listeners"
[ -n "$listeners" ] || { log "no listening socket found on port $PORT"; exit 1; }
for address in $listeners; do
  case "$address" in
    0100007F | 00000000000000000000000001000000) ;;
    *) log "the console listens on $address, beyond loopback"; exit 1 ;;
  esac
done

cluster=$(cluster_of)
log "cluster: $cluster"
grep '^\[start\]' "$home/start.log" || true

log "stopping (SIGTERM to the process group)"
kill -TERM -- "-$start_pid"
for _ in $(seq 1 60); do
  kill -0 -- "-$start_pid" 2>/dev/null || break
  sleep 1
done
if kill -0 -- "-$start_pid" 2>/dev/null; then
  log "still running 60 s after SIGTERM:"; ps -o pid,args -g "$start_pid" || true; exit 1
fi
if [ -n "$(postgres_of "$cluster")" ]; then
  log "PostgreSQL of $cluster is still running after the stop"; exit 1
fi
if [ -e "$cluster/postmaster.pid" ]; then
  log "PostgreSQL did not shut down cleanly ($cluster/postmaster.pid is left)"; exit 1
fi
start_pid=""
log "stopped cleanly; removing $home"
