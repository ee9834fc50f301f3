#!/usr/bin/env bash
# Build the release WebAssembly engine into www/pkg/, installing what the build needs first
# (idempotent: each step is skipped when already done). Used by serve.sh and tests/run.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# 1. The wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the version in Cargo.lock (the two must match).
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # Without --locked: the registry may lack a version its own lockfile names.
  cargo install wasm-bindgen-cli --version "$want"
fi

# 3. The engine, optimised for size.
say "building the engine (release, wasm32)"
cargo build --release --target wasm32-unknown-unknown --lib
mkdir -p www/pkg
wasm-bindgen --target web --out-dir www/pkg --out-name accord \
  target/wasm32-unknown-unknown/release/accord.wasm

# 4. wasm-opt from the npm binaryen package when present (Debian's is too old for current
#    Rust output); the build works without it, only larger.
wasm_opt="$root/tests/e2e/node_modules/.bin/wasm-opt"
if [ -x "$wasm_opt" ]; then
  say "optimising with $("$wasm_opt" --version)"
  # --converge: the passes again until the module stops shrinking (2.6 KB gzipped smaller
  # than one round, about 20 s more; the code runs as fast).
  "$wasm_opt" -Os --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    www/pkg/accord_bg.wasm -o www/pkg/accord_bg.opt.wasm
  mv www/pkg/accord_bg.opt.wasm www/pkg/accord_bg.wasm
fi
size=$(wc -c < www/pkg/accord_bg.wasm)
gz=$(gzip -9 -c www/pkg/accord_bg.wasm | wc -c)
say "www/pkg/accord_bg.wasm: $size bytes, $gz gzipped"

# 5. For embedding (www/elements.js): the page as the package serves it, beside its modules
#    (index.html's www/ paths made relative), and the example intranet page's leads.
sed -e 's#\(href\|src\)="www/#\1="#g' \
  -e '1a <!-- Generated from ../index.html by www/build.sh: edit that one. -->' index.html > www/index.html
node www/examples/leads.mjs 2000 7 >&2
