#!/usr/bin/env bash
# Serves the release build on a fresh SQLite database for one browser-test run.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d -t prework-e2e.XXXXXX)
export DATABASE_URL="sqlite://$dir/e2e.db"
export LEPTOS_SITE_ADDR="127.0.0.1:${PREWORK_E2E_PORT:-3100}"
export RUST_LOG="${RUST_LOG:-warn}"
# the tests say which address each comes from (X-Forwarded-For), see tests/support.mjs
export PREWORK_TRUSTED_PROXIES=127.0.0.1
# what the server "sends" lands here, where tests/mail.spec.mjs reads it
export PREWORK_MAILDIR="${PREWORK_E2E_MAILDIR:-$dir/mail}"
# tests/settings.spec.mjs receives webhooks on a loopback port of its own
export PREWORK_WEBHOOK_ALLOW_PRIVATE=true
exec target/release/server
