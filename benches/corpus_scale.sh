#!/usr/bin/env bash
# Corpus mode at scale: generate corpora of 1k, 10k (and 100k) articles, score event
# grouping (pair F1 against the true events) and time whole `claimdiff corpus` runs with
# their peak memory.
#
#   benches/corpus_scale.sh [SIZES...]          # default: 1000 10000
#   SHARD=1/10 benches/corpus_scale.sh 100000   # the whole first pass, a tenth of the events
#
# Needs GNU time (/usr/bin/time). Corpora go to ${TMPDIR:-/tmp}/claimdiff-corpus-N.jsonl.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
cargo build --release --quiet --bin claimdiff --example make_corpus
gen=target/release/examples/make_corpus
bin=target/release/claimdiff
dir="${TMPDIR:-/tmp}"
for n in "${sizes[@]}"; do
  corpus="$dir/claimdiff-corpus-$n.jsonl.gz"
  [ -f "$corpus" ] || "$gen" make "$n" "$corpus"
  "$gen" score "$corpus"
  shard=()
  [ -n "${SHARD:-}" ] && shard=(--shard "$SHARD")
  /usr/bin/time -v "$bin" corpus "$corpus" "${shard[@]}" --out "$dir/claimdiff-events-$n.jsonl" \
    2> "$dir/claimdiff-time-$n.txt"
  printf '%s articles%s: ' "$n" "${SHARD:+ (shard $SHARD)}"
  grep -E 'User time|System time|Elapsed|Maximum resident' "$dir/claimdiff-time-$n.txt" \
    | sed -E 's/^\s+//' | paste -sd ';' -
done
