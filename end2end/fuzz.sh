#!/usr/bin/env bash
# Schema fuzzing: schemathesis (PyPI, in target/venv, installed by `make schemathesis`) against
# /api/v1/openapi.json of the release binary, once with an organizer token and once with an
# attendee token, each bounded in time. Every answer must be documented (status, headers,
# body schema), none may be a 5xx, every failure is the error envelope. Writes are not rate
# limited here, so the run explores rather than collects 429s.
# One check is left out: `positive_data_acceptance` expects every body the schema allows to
# succeed, but some rules are no schema's to say (a start in the past, a deadline after the
# start, a pre-read's quota); those are 422 `validation`, which the document lists.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PREWORK_FUZZ_PORT:-3195}
base="http://127.0.0.1:$port"
seconds=${PREWORK_FUZZ_SECONDS:-60}
dir=$(mktemp -d -t prework-fuzz.XXXXXX)
env -i PATH="$PATH" HOME="$HOME" DATABASE_URL="sqlite://$dir/fuzz.db" \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" PREWORK_WRITE_LIMIT=off PREWORK_MAILDIR="$dir/mail" \
  RUST_LOG=error target/release/server >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# An organizer with a circulated meeting, and one of its attendees.
tokens=$(target/venv/bin/python - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
def call(path, body, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, json.dumps(body).encode(), headers, method="POST")
    return json.load(urllib.request.urlopen(req))
org = call("/api/v1/auth/signup", {"name": "Fuzz", "email": "fuzz@example.com", "password": "correct horse battery staple"})["token"]
m = call("/api/v1/meetings", {"title": "Fuzzed", "purpose_kind": "decide", "outcome": "A choice", "duration_minutes": 30, "time_zone": "UTC"}, org)
call(f"/api/v1/meetings/{m['id']}/agenda", {"title": "Choose", "kind": "decide", "minutes": 20}, org)
call(f"/api/v1/meetings/{m['id']}/prereads", {"title": "Options", "markdown": "# Options\n\nA, B or C."}, org)
a = call(f"/api/v1/meetings/{m['id']}/attendees", {"name": "Ana", "email": "ana@example.com", "role": "decider", "reason": "decides"}, org)
call(f"/api/v1/meetings/{m['id']}/circulate", {}, org)
print(org, a["token"])
PY
)
read -r organizer attendee <<<"$tokens"

status=0
for who in organizer attendee; do
  token=${!who}
  echo "fuzz: as the $who, for up to ${seconds} s"
  target/venv/bin/schemathesis run "$base/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks all --exclude-checks positive_data_acceptance --max-time "$seconds" --workers 2 --seed 1 \
    --suppress-health-check all --no-color --warnings off || status=1
done
if [ "$status" != 0 ]; then
  echo "fuzz: FAIL (server log: $(grep -c . "$dir/server.log") lines)" >&2
  tail -n 20 "$dir/server.log" >&2
fi
exit $status
