#!/usr/bin/env bash
# How long a new user waits: `make run` until the first page, then `make test`, on a fresh clone
# of what is committed, with a new CARGO_HOME (no registry, no installed tools), an empty
# target/, and npm and pip caches of its own, as a fresh machine would have them. Debian's
# Chromium and PostgreSQL are the machine's and stay as they are. Prints both times and writes
# them to target/bench/fresh.json; the figures `make bench` shows are the ones recorded in
# server/benches/load/fresh.json (copy the line there after a run).
# Usage: end2end/fresh.sh [commit]   (about 25 minutes on two cores; needs no network beyond
# the registries)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
commit=${1:-HEAD}
dir=$(mktemp -d -t prework-fresh.XXXXXX)
mkdir -p "$root/target/bench"
# The logs stay in target/bench (fresh-run.log, fresh-test.log); the rest goes.
trap '[ -n "${server:-}" ] && kill -- "-$server" 2>/dev/null; cp "$dir"/*.log "$root/target/bench/" 2>/dev/null; rm -rf "$dir"' EXIT
git clone -q "$root" "$dir/project"
git -C "$dir/project" checkout -q "$(git -C "$root" rev-parse "$commit")"
cd "$dir/project"
export CARGO_HOME="$dir/cargo" npm_config_cache="$dir/npm" PIP_NO_CACHE_DIR=1 CI=true
export PREWORK_TEST_POSTGRES_URL=${PREWORK_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
port=3000
if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
  echo "something already serves :$port; stop it first" >&2
  exit 1
fi

start=$(date +%s)
# Each line of a log carries the time it was written.
stamped() { while IFS= read -r line; do printf '%(%H:%M:%S)T %s\n' -1 "$line"; done; }
export -f stamped
# In a process group of its own, so that stopping it stops the server make started.
setsid bash -c 'make run </dev/null 2>&1 | stamped >"$0"' "$dir/fresh-run.log" &
server=$!
until curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1; do
  if ! kill -0 "$server" 2>/dev/null; then
    tail -40 "$dir/fresh-run.log"
    echo "make run failed" >&2
    exit 1
  fi
  sleep 2
done
run=$(( $(date +%s) - start ))
echo "fresh: make run served its first page after $run s"
kill -- "-$server"
wait "$server" 2>/dev/null || true
unset server

start=$(date +%s)
if ! (make test </dev/null 2>&1 | stamped >"$dir/fresh-test.log"; exit "${PIPESTATUS[0]}"); then
  tail -60 "$dir/fresh-test.log"
  echo "make test failed" >&2
  exit 1
fi
tests=$(( $(date +%s) - start ))
echo "fresh: make test after it finished green in $tests s"

printf '{"date": "%s", "commit": "%s", "cores": %s, "make_run_seconds": %s, "make_test_seconds": %s}\n' \
  "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" "$(nproc)" "$run" "$tests" \
  | tee "$root/target/bench/fresh.json"
