#!/usr/bin/env bash
# The performance showdown (README, "Performance"): Accord against Papa Parse, uDSV and a
# plain-JavaScript scorer in headless Chromium, and the native engine, on leads files made by
# the sample generator; one table, the goals with PASS/MISS, written to docs/BENCHMARKS.md.
#   bash tests/bench/run.sh                      100,000 and 1,000,000 rows, 5 runs, writes the doc
#   bash tests/bench/run.sh --quick              20,000 rows, 2 runs (a smoke test; writes nothing)
#   bash tests/bench/run.sh --rows 100000 --runs 3 [--write FILE] [--json FILE]
# Builds what is missing first (the release CLI, the page's engine, the npm packages) and
# skips what is there. The leads files stay in tests/bench/data/ (about 240 MB for both sizes).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

for dir in tests/e2e tests/bench; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    say "installing npm packages ($dir)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
  fi
done
# The engine as the sources are now (cargo skips what is up to date): a stale www/pkg would
# measure other code than the commit the table names.
bash www/build.sh
# ACCORD=path/to/accord uses that binary instead (the page test's smoke run uses the debug one).
if [ -z "${ACCORD:-}" ]; then
  say "building the release CLI"
  cargo build --release --quiet --bin accord
fi
say "bundling Papa Parse, uDSV and the baseline (tests/bench/dist/rivals.js)"
tests/e2e/node_modules/.bin/esbuild tests/bench/rivals.mjs --bundle --format=esm \
  --outfile=tests/bench/dist/rivals.js --log-level=warning

args=("$@")
case " $* " in
  *" --quick "*|*" --write "*) ;;
  *) args+=(--write docs/BENCHMARKS.md) ;;
esac
node tests/bench/showdown.mjs "${args[@]}"
