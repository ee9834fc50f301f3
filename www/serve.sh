#!/usr/bin/env bash
# Build the engine (installing what the build needs) and serve the page on 127.0.0.1.
# Prints the URL. PORT=N picks the port (default 8080, or the next free one).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! command -v node >/dev/null 2>&1; then
  echo "==> installing Node.js" >&2
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
# The npm packages give the build a current wasm-opt (and the page tests their browser driver).
if [ ! -d tests/e2e/node_modules ]; then
  echo "==> installing npm packages (tests/e2e)" >&2
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
bash www/build.sh
exec node www/serve.mjs --port "${PORT:-8080}"
