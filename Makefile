# Prework: the commands the README shows. Every target first installs what it needs
# (idempotently, quietly when already there), so a fresh machine needs nothing but this file.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CARGO_LEPTOS_VERSION := 0.3.10
LEPTOSFMT_VERSION := 0.1.33
# `make bench`'s HTTP load generator (crates.io).
OHA_VERSION := 1.16.0
# Schema fuzzing (PyPI), in a virtual environment of its own under target/.
SCHEMATHESIS_VERSION := 4.32.5
VENV := target/venv
# The wasm-bindgen CLI must match the crate in Cargo.lock to the patch level (STACK.md).
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;q;}' Cargo.lock)
# wasm-opt comes from npm's binaryen, pinned in end2end/package.json: never Debian's (STACK.md).
NODE_BIN := $(CURDIR)/end2end/node_modules/.bin
export PATH := $(NODE_BIN):$(HOME)/.cargo/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run build test lint fmt unit e2e bench tools rust-tools node-tools chromium oha schemathesis clean-data

help:
	@echo "make run    build (release) and serve on http://127.0.0.1:3000 with SQLite in data/"
	@echo "make test   lint, unit and integration tests, release build, browser tests"
	@echo "make build  release build: target/release/server and the site in target/site"
	@echo "make bench  benchmarks: one table, also in target/bench/summary.md"
	@echo "make fmt    format Rust and view! macros"

## ---- installs -------------------------------------------------------------------------------

tools: rust-tools node-tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -qx 'cargo-leptos $(CARGO_LEPTOS_VERSION)' \
	  || cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force

leptosfmt:
	@leptosfmt --version 2>/dev/null | grep -q '$(LEPTOSFMT_VERSION)' \
	  || cargo install leptosfmt --version $(LEPTOSFMT_VERSION) --locked

oha:
	@oha --version 2>/dev/null | grep -q ' $(OHA_VERSION)$$' \
	  || cargo install oha --version $(OHA_VERSION) --locked

schemathesis: $(VENV)/.schemathesis-$(SCHEMATHESIS_VERSION)

$(VENV)/.schemathesis-$(SCHEMATHESIS_VERSION):
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check schemathesis==$(SCHEMATHESIS_VERSION)
	@touch $@

node-tools: end2end/node_modules/.installed

end2end/node_modules/.installed: end2end/package.json end2end/package-lock.json
	cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

chromium:
	@command -v chromium >/dev/null \
	  || { $(SUDO) apt-get update -qq \
	       && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## ---- build and run --------------------------------------------------------------------------

# --split: islands marked `#[island(lazy)]` go into chunks that only the pages showing them load.
build: tools
	cargo leptos build --release --precompress --split

run: build
	@mkdir -p data
	target/release/server

## ---- checks ---------------------------------------------------------------------------------

fmt: leptosfmt
	leptosfmt --quiet app/src server/src
	cargo fmt --all

lint: rust-tools leptosfmt
	cargo fmt --all --check
	leptosfmt --check --quiet app/src server/src
	cargo clippy -p app --features ssr,testing --all-targets -- -D warnings
	cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings

# The server's tests send mail to a real SMTP server (MailDev, from end2end/node_modules).
unit: node-tools
	cargo test -p app --features ssr,testing
	cargo test -p server

e2e: build node-tools chromium schemathesis
	node end2end/size.mjs
	end2end/smoke.sh
	end2end/fuzz.sh
	cd end2end && npx playwright test

test: lint unit e2e

# One table of every figure beside its ceiling, printed and written to target/bench/summary.md
# by the last step (server/benches/load), which reads what the steps before it wrote.
bench: build node-tools chromium oha
	node end2end/size.mjs
	cd end2end && npx playwright test -c bench.config.mjs
	cargo bench -p app --features ssr --bench engine
	cargo bench -p server --bench load

clean-data:
	rm -rf data
