#!/bin/sh
# Seeds the fuzz corpora from the repository's articles and fixtures (the corpora are
# generated, so git ignores them). Run from anywhere; safe to run again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus="$here/corpus"
mkdir -p "$corpus/ingest" "$corpus/segment" "$corpus/compare" "$corpus/render"
sep=$(printf '\036')
n=0
for f in "$root"/seeds/*.txt "$root"/fixtures/report/*.txt; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    # ingest: the first byte picks the kind (0 text, 1 HTML, 2 JSON Lines).
    { printf '\000'; cat "$f"; } > "$corpus/ingest/text-$n"
    cp "$f" "$corpus/segment/$n"
done
for f in "$root"/fixtures/ingest/*; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    case "$f" in
        *.html|*.htm) kind='\001' ;;
        *.jsonl) kind='\002' ;;
        *) kind='\000' ;;
    esac
    { printf "$kind"; cat "$f"; } > "$corpus/ingest/fixture-$n"
done
# compare and render: pairs and triples of seeds, joined by the record separator.
set -- "$root"/seeds/*.txt
i=0
for a in "$@"; do
    for b in "$@"; do
        [ "$a" \< "$b" ] || continue
        i=$((i + 1))
        { cat "$a"; printf '%s' "$sep"; cat "$b"; } > "$corpus/compare/pair-$i"
        cp "$corpus/compare/pair-$i" "$corpus/render/pair-$i"
    done
done
{ cat "$1"; printf '%s' "$sep"; cat "$2"; printf '%s' "$sep"; cat "$3"; } > "$corpus/compare/triple"
cp "$corpus/compare/triple" "$corpus/render/triple"
for f in "$root"/fixtures/report/*.txt; do
    [ -f "$f" ] || continue
    i=$((i + 1))
    { cat "$f"; printf '%s' "$sep"; cat "$1"; } > "$corpus/render/payload-$i"
done
echo "corpora seeded under $corpus"
