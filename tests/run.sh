#!/usr/bin/env bash
# Run every test layer; fail if any fails or runs no test.
#   1. engine:  cargo fmt --check, cargo clippy, cargo test (native), the fit checked
#               against scikit-learn on the sample (tests/learn/reference.py, in a venv), and
#               the SQL export run on DuckDB and on a throwaway PostgreSQL cluster and compared
#               with the engine lead by lead (tests/warehouse/check.py)
#   2. browser: wasm-bindgen-test in headless Chromium (the JS boundary)
#   3. page:    node:test + playwright-core against the served page
# plus the size budget of the gzipped .wasm the page loads.
# Installs what it needs first, skipping what is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# The gzipped size the page's .wasm must stay under (bytes); see the README.
WASM_GZIP_BUDGET=${WASM_GZIP_BUDGET:-520000}

say() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
logs="$(mktemp -d)"
# shellcheck source=tests/warehouse/pg.sh
. tests/warehouse/pg.sh
trap 'pg_stop; rm -rf "$logs"' EXIT

# --- Tools -----------------------------------------------------------------------------------
pkgs=()
command -v node >/dev/null 2>&1 || pkgs+=(nodejs npm)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || pkgs+=(python3-venv)
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
if [ ${#pkgs[@]} -gt 0 ]; then
  say "installing ${pkgs[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
done
# Layer 1 lints the wasm32 build before www/build.sh (which adds the target too) runs.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules ]; then
  say "installing npm packages (tests/e2e)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error && touch node_modules)
fi

# Each layer must report a positive count of passed tests.
count_cargo() { grep -Eo 'test result: ok\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}'; }

# --- Layer 1: engine -------------------------------------------------------------------------
say "layer 1/3: engine (cargo fmt, clippy, test)"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
cargo test 2>&1 | tee "$logs/engine.txt"
engine=$(count_cargo "$logs/engine.txt")
[ "$engine" -gt 0 ] || { echo "layer 1 ran no test" >&2; exit 1; }

# The fit against scikit-learn's LogisticRegression on the same features and split: one more
# engine test, failed when the holdout AUCs differ by more than 0.01. The venv is made once.
say "layer 1/3: the fit against scikit-learn (tests/learn/reference.py)"
venv=target/pyref
if [ ! -f "$venv/.installed" ] || [ tests/learn/requirements.txt -nt "$venv/.installed" ]; then
  say "installing the reference's Python packages into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/learn/requirements.txt
  touch "$venv/.installed"
fi
target/debug/accord sample --rows 20000 --seed 42 --out "$logs/sample.csv"
ACCORD=target/debug/accord "$venv/bin/python" tests/learn/reference.py "$logs/sample.csv" | tee "$logs/reference.txt"
grep -qx OK "$logs/reference.txt" || { echo "the reference check failed" >&2; exit 1; }
engine=$((engine + 1))

# The SQL export (`accord sql`) on real engines: DuckDB in the venv, and Debian's PostgreSQL
# server in a cluster made for this run under target/pg on 127.0.0.1 (stopped at exit). Every
# lead's fit, interest, grade, status and reasons must equal the engine's, for the default
# agreement, each preset, combined mode and a coverage agreement; the BigQuery, Snowflake and
# Spark texts must parse (sqlglot). Each check counts as one engine test.
say "layer 1/3: the SQL export on DuckDB and PostgreSQL (tests/warehouse/check.py)"
if [ ! -f "$venv/.warehouse" ] || [ tests/warehouse/requirements.txt -nt "$venv/.warehouse" ]; then
  say "installing the warehouse check's Python packages into $venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/warehouse/requirements.txt
  touch "$venv/.warehouse"
fi
pg_start "$root/target/pg"
"$venv/bin/python" tests/warehouse/check.py --accord target/debug/accord --out "$logs/warehouse" \
  --psql "$PG_PSQL" --pg-port "$PG_PORT" | tee "$logs/warehouse.txt"
pg_stop
grep -qx OK "$logs/warehouse.txt" || { echo "the warehouse check failed" >&2; exit 1; }
warehouse=$(grep -Eo '^PASSED [0-9]+' "$logs/warehouse.txt" | awk '{print $2}')
[ "${warehouse:-0}" -gt 0 ] || { echo "the warehouse check ran no check" >&2; exit 1; }
engine=$((engine + warehouse))

# --- Build and size budget -------------------------------------------------------------------
say "building the page's engine"
bash www/build.sh
gz=$(gzip -9 -c www/pkg/accord_bg.wasm | wc -c)
echo "size budget: accord_bg.wasm is $gz bytes gzipped; budget $WASM_GZIP_BUDGET"
if [ "$gz" -gt "$WASM_GZIP_BUDGET" ]; then
  echo "FAIL: the gzipped wasm exceeds its budget" >&2
  exit 1
fi

# --- Layer 2: browser (the JS boundary) ------------------------------------------------------
say "layer 2/3: browser (wasm-bindgen-test in headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/tests/webdriver.json" \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test web 2>&1 | tee "$logs/browser.txt"
browser=$(count_cargo "$logs/browser.txt")
[ "$browser" -gt 0 ] || { echo "layer 2 ran no test" >&2; exit 1; }

# --- Layer 3: page ---------------------------------------------------------------------------
say "layer 3/3: page (playwright-core on Chromium)"
(cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs) 2>&1 | tee "$logs/page.txt"
page=$(grep -Eo '^ℹ pass [0-9]+' "$logs/page.txt" | awk '{print $3}')
failed=$(grep -Eo '^ℹ fail [0-9]+' "$logs/page.txt" | awk '{print $3}')
[ "${failed:-1}" -eq 0 ] && [ "${page:-0}" -gt 0 ] || { echo "layer 3 failed or ran no test" >&2; exit 1; }

say "all layers passed: engine $engine, browser $browser, page $page"
echo "$((engine + browser + page)) passed, 0 failed"
