#!/usr/bin/env bash
# Whole-process timings of the release binary: median of several runs per command.
#
#   benches/whole_run.sh [RUNS]
#   BIN=/tmp/claimdiff-old benches/whole_run.sh   # time another build (before/after)
#
# Prints one line per command: median, min and max wall time in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-21}"
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
fi
bin="${BIN:-target/release/claimdiff}"

time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 ))
}

measure() {
  local label="$1"; shift
  "$@" > /dev/null # warm the page cache
  local samples=()
  for _ in $(seq "$runs"); do samples+=("$(time_ms "$@")"); done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" -v runs="$runs" '
    { v[NR] = $1 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%-40s median %7.2f ms  min %7.2f  max %7.2f  (%d runs)\n", label, m / 1000, v[1] / 1000, v[NR] / 1000, runs
    }'
}

measure "split seeds (json)" "$bin" split seeds/ --format json
if "$bin" compare --help > /dev/null 2>&1; then
  measure "compare seeds (json)" "$bin" compare seeds/ --format json
  measure "compare seeds (terminal)" "$bin" compare seeds/
fi
