#!/usr/bin/env bash
# A short fuzzing run of every target (30 s each by default; FUZZ_SECONDS=N to change), from
# any directory. Needs the nightly toolchain and cargo-fuzz. New inputs go to tests/fuzz/corpus/
# (committed only after `cargo fuzz cmin`, see tests/fuzz/README.md); a crash, hang or out-of-memory
# stops the run with the input in tests/fuzz/artifacts/<target>/ and a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-30}
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
for target in ingest ingest_stream agreement sql; do
  seeds=tests/fuzz/seeds/$target
  [ "$target" = sql ] && seeds=tests/fuzz/seeds/agreement
  mkdir -p "tests/fuzz/corpus/$target"
  echo "== $target ($secs s)"
  log=tests/fuzz/target/smoke-$target.log
  mkdir -p tests/fuzz/target
  status=0
  nice -n 10 cargo +nightly fuzz run --fuzz-dir tests/fuzz "$target" "tests/fuzz/corpus/$target" "$seeds" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|==[0-9]+== ERROR|SUMMARY|thread .* panicked|Test unit written)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "$target: the fuzzer stopped on a finding (full log: $log)"
    exit 1
  fi
done
echo "no crash, hang or out-of-memory"
