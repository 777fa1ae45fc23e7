#!/usr/bin/env bash
# Smoke test of the release binary as an operator runs it: only DATABASE_URL and
# LEPTOS_SITE_ADDR set, from the repository root. It must serve the home page, /healthz and the
# compressed WASM bundle, then stop cleanly on SIGTERM. Runs on SQLite, and on PostgreSQL when
# PREWORK_TEST_POSTGRES_URL is set (in a database of its own, dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PREWORK_SMOKE_PORT:-3190}
base="http://127.0.0.1:$port"
server_pid=
# A failed check must not leave its server running (and holding the port) behind it.
fail() {
  echo "smoke: FAIL: $*" >&2
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  exit 1
}

check() { # backend url
  local backend=$1 url=$2 log pid
  log=$(mktemp)
  env -i PATH="$PATH" HOME="$HOME" DATABASE_URL="$url" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    target/release/server >"$log" 2>&1 &
  pid=$!
  server_pid=$pid
  for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$base/healthz" | grep -q "\"database\":\"$backend\"" || { cat "$log"; fail "$backend: /healthz"; }
  local home wasm headers
  home=$(curl -fs "$base/")
  grep -q 'Make meetings earn their place' <<<"$home" || fail "$backend: home page"
  # The page names the bundle it was built with: prework.<content hash>.wasm.
  wasm=$(grep -o '/pkg/prework\.[A-Za-z0-9_-]*\.wasm' <<<"$home" | head -n 1)
  [ -n "$wasm" ] || fail "$backend: the home page names no hashed WASM file"
  headers=$(curl -fsS -o /dev/null -D - -H 'accept-encoding: br' "$base$wasm")
  grep -qi '^content-type: application/wasm' <<<"$headers" || fail "$backend: wasm content type"
  grep -qi '^content-encoding: br' <<<"$headers" || fail "$backend: wasm compression"
  grep -qi '^cache-control: public, max-age=31536000, immutable' <<<"$headers" \
    || fail "$backend: a hashed file is not cached for good"
  kill -TERM "$pid"
  local status=0
  wait "$pid" || status=$?
  [ "$status" = 0 ] || { cat "$log"; fail "$backend: exit status $status after SIGTERM"; }
  server_pid=
  grep -q 'Prework stopped' "$log" || { cat "$log"; fail "$backend: no graceful shutdown"; }
  rm -f "$log"
  echo "smoke: $backend ok"
}

refuses() { # variable value
  local out status=0
  out=$(env -i PATH="$PATH" "$1=$2" timeout 10 target/release/server 2>&1) || status=$?
  [ "$status" != 0 ] || fail "$1=$2 was accepted"
  grep -q "$1" <<<"$out" || fail "the error for $1=$2 does not name it: $out"
}
refuses DATABASE_URL "mysql://root@localhost/prework"
refuses LEPTOS_SITE_ADDR "localhost"
refuses RUST_LOG "server=loud"
refuses DATABASE_URL "postgres://nobody@127.0.0.1:1/none"
echo "smoke: bad configuration refused"

dir=$(mktemp -d -t prework-smoke.XXXXXX)
trap 'rm -rf "$dir"' EXIT
check sqlite "sqlite://$dir/fresh/prework.db"
[ -f "$dir/fresh/prework.db" ] || fail "sqlite: the database file was not created"

if [ -n "${PREWORK_TEST_POSTGRES_URL:-}" ]; then
  name="prework_smoke_$(date +%s)_$$"
  admin=$PREWORK_TEST_POSTGRES_URL
  psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null
  trap 'rm -rf "$dir"; psql -q "$admin" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null' EXIT
  check postgres "${admin%/*}/$name"
fi
