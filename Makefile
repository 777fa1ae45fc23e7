# Prework: the commands the README shows. Every target first installs what it needs
# (idempotently, quietly when already there), so a fresh machine needs nothing but this file.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# cargo-leptos and the wasm-bindgen CLI serve `make watch` (development) only: the release
# build below needs neither, so a fresh machine never compiles them for `make run` or `make test`.
CARGO_LEPTOS_VERSION := 0.3.10
LEPTOSFMT_VERSION := 0.1.33
# `make bench`'s HTTP load generator (crates.io).
OHA_VERSION := 1.16.0
# Schema fuzzing (PyPI), in a virtual environment of its own under target/.
SCHEMATHESIS_VERSION := 4.32.5
VENV := target/venv
# The wasm-bindgen CLI must match the crate in Cargo.lock to the patch level (STACK.md).
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;q;}' Cargo.lock)
# wasm-opt (npm's binaryen, never Debian's: STACK.md) and esbuild, pinned in end2end/package.json.
NODE_BIN := $(CURDIR)/end2end/node_modules/.bin
# Tools `cargo install` puts in CARGO_HOME (a fresh machine may set its own).
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(NODE_BIN):$(CARGO_BIN):$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The WASM is built in a target directory of its own: the island split needs the linker's
# relocations (`--emit-relocs`), and flags of its own there leave the host's builds alone.
FRONT_TARGET := target/front
WASM := $(FRONT_TARGET)/wasm32-unknown-unknown/wasm-release/front.wasm
HASH_FILE := target/release/hash.txt

.PHONY: help run build watch test lint fmt unit e2e bench tools rust-tools dev-tools node-tools chromium oha schemathesis clean-data server-release FORCE test-compiled test-release

help:
	@echo "make run    build (release) and serve on http://127.0.0.1:3000 with SQLite in data/"
	@echo "make test   lint, unit and integration tests, release build, browser tests"
	@echo "make build  release build: target/release/server and the site in target/site"
	@echo "make bench  benchmarks: one table, also in target/bench/summary.md"
	@echo "make watch  development: a debug build that rebuilds and reloads on every edit"
	@echo "make fmt    format Rust and view! macros"

## ---- installs -------------------------------------------------------------------------------

tools: rust-tools node-tools

# The two lanes of `make test` may ask for the same install at the same moment (one for its
# lint, the other for its build): an install runs under a lock of its own and checks again
# once it holds it, so one lane installs and the other waits and then finds it done.
ONCE = @mkdir -p target/locks && flock target/locks/$(1) bash -euo pipefail -c

rust-tools:
	$(call ONCE,rustup) 'rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown'

# `make watch` only: cargo-leptos rebuilds and reloads on every edit (about 15 minutes to
# install on a fresh two-core machine, which is why nothing else needs it).
dev-tools: rust-tools
	@cargo leptos --version 2>/dev/null | grep -qx 'cargo-leptos $(CARGO_LEPTOS_VERSION)' \
	  || cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --no-default-features --force

# A debug build: it installs in a third of the time and formats the whole tree in half a second.
leptosfmt:
	@leptosfmt --version 2>/dev/null | grep -q '$(LEPTOSFMT_VERSION)' \
	  || cargo install leptosfmt --version $(LEPTOSFMT_VERSION) --locked --debug

oha:
	@oha --version 2>/dev/null | grep -q ' $(OHA_VERSION)$$' \
	  || cargo install oha --version $(OHA_VERSION) --locked

# A virtual environment names its own absolute path inside it, and target/ may be a cache
# shared by clones at other paths (CI): the check is that the tool runs, not that a file exists.
schemathesis:
	$(call ONCE,venv) '$(VENV)/bin/schemathesis --version 2>/dev/null | grep -q "$(SCHEMATHESIS_VERSION)" \
	  || { rm -rf $(VENV) && python3 -m venv $(VENV) \
	       && $(VENV)/bin/pip install --quiet --disable-pip-version-check \
	            schemathesis==$(SCHEMATHESIS_VERSION); }'

node-tools: end2end/node_modules/.installed

end2end/node_modules/.installed: end2end/package.json end2end/package-lock.json
	$(call ONCE,npm) '[ $@ -nt end2end/package.json ] && [ $@ -nt end2end/package-lock.json ] \
	  || { cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
	       --loglevel=error && touch node_modules/.installed; }'

chromium:
	@command -v chromium >/dev/null \
	  || { $(SUDO) apt-get update -qq \
	       && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## ---- build and run --------------------------------------------------------------------------

# The release build. The server compiles at normal priority; the WASM and the bundler at the
# lowest, at the same time, so they take only what the server's build leaves idle (its app and
# server crates compile mostly on one core). The bundler then turns the WASM into target/site:
# islands marked `#[island(lazy)]` split into chunks of their own, wasm-bindgen, wasm-opt,
# minified JS and CSS, names by content, brotli and gzip beside each file (server/bundle).
# Nothing is redone that is up to date: a warm build takes seconds. Each cargo keeps its own
# job slots (MAKEFLAGS unset): sharing make's would let a starved low-priority build hold them.
CARGO := env -u MAKEFLAGS -u MFLAGS cargo
LOW := nice -n 19

# The installs (the WASM target, npm's packages) happen beside the compiling, not before it.
build:
	@$(MAKE) -j4 server-release $(HASH_FILE)

server-release:
	$(CARGO) build --release --locked -p server

# Cargo leaves the file untouched when nothing changed, so make's own date check decides
# whether the site must be bundled again.
$(WASM): rust-tools FORCE
	RUSTFLAGS=-Clink-args=--emit-relocs $(LOW) $(CARGO) build --locked --lib -p front \
	  --features hydrate --target wasm32-unknown-unknown --profile wasm-release \
	  --target-dir $(FRONT_TARGET)

# The bundler is a debug build: its own work takes seconds either way, and its dependencies
# are then the ones `make test` compiles anyway.
target/debug/bundle: FORCE
	$(LOW) $(CARGO) build --locked -p bundle

FORCE:

$(HASH_FILE): $(WASM) target/debug/bundle style/main.css $(shell find public -type f) \
    end2end/wasm-opt.mjs end2end/node_modules/.installed
	$(LOW) target/debug/bundle --wasm $(WASM) --style style/main.css --assets public \
	  --site target/site --hash-file $@ --wasm-opt end2end/wasm-opt.mjs

run: build
	@mkdir -p data
	target/release/server

# Development: cargo-leptos serves a debug build and rebuilds it on every edit.
watch: dev-tools node-tools
	cargo leptos watch

## ---- checks ---------------------------------------------------------------------------------

fmt: leptosfmt
	leptosfmt --quiet app/src app/front/src server/src
	cargo fmt --all

# Every crate of ours on the host in one run (the app with its test support, as its tests
# build it), and the WASM crate as the browser gets it.
CRATES := -p app -p front -p server -p bundle
TEST_FEATURES := --features app/ssr,app/testing
# Clippy lints our crates while they are compiled for the tests, so their dependencies are
# compiled once, not checked for clippy and built again for the tests: clippy-driver stands in
# for rustc on the workspace's own crates (what `cargo clippy` does, in build mode), with
# `-D warnings` (clippy's own way of passing it, CLIPPY_ARGS). Both `lint` and `unit` use it,
# so neither recompiles what the other built. (No incremental state: a test build is not an
# edit loop, and writing it costs time.)
LINTED := env -u MAKEFLAGS -u MFLAGS CARGO_INCREMENTAL=0 RUSTC_WORKSPACE_WRAPPER=clippy-driver \
  CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__ cargo
TEST_BUILD := $(LINTED) test --locked $(CRATES) $(TEST_FEATURES)

# The compiling steps of `make test` run at the lowest CPU priority (LOW): they fill what the
# browser tests, which run at the same time on the release build, leave idle, and never slow a
# page that a browser test is waiting for.
lint: rust-tools leptosfmt
	$(CARGO) fmt --all --check
	leptosfmt --check --quiet app/src app/front/src server/src
	$(LOW) $(CARGO) clippy --locked -p front --features hydrate --target wasm32-unknown-unknown \
	  -- -D warnings
	$(LOW) $(TEST_BUILD) --all-targets --no-run

# Unit, storage and integration tests: compiled (and linted) at low priority, then run at
# normal priority (some measure the server's own time limits). The server's tests send mail to
# a real SMTP server (MailDev, from end2end/node_modules).
unit: node-tools
	$(LOW) $(TEST_BUILD) --all-targets --no-run
	$(TEST_BUILD)

e2e: build node-tools chromium schemathesis
	node end2end/size.mjs
	end2end/smoke.sh
	end2end/fuzz.sh
	cd end2end && npx playwright test

# Two lanes at once: the checks that compile (lint, then the tests) and the ones that run the
# release build (bundle budget, smoke, schema fuzzing, browsers). Each lane's output is shown
# whole when its step ends.
test:
	@$(MAKE) -j2 --output-sync=target test-compiled test-release

test-compiled: lint
	@$(MAKE) unit

test-release: e2e

# One table of every figure beside its ceiling, printed and written to target/bench/summary.md
# by the last step (server/benches/load), which reads what the steps before it wrote.
bench: build node-tools chromium oha
	node end2end/size.mjs
	cd end2end && npx playwright test -c bench.config.mjs
	$(CARGO) bench -p app --features ssr --bench engine
	$(CARGO) bench -p server --bench load

clean-data:
	rm -rf data
