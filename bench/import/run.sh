#!/usr/bin/env bash
# Bulk-import benchmark (issues 6 and 16): `nusqa import --bulk` of the
# corpus folder (the four .txt documents), of the four committed .docx files
# and of the four corpus PDFs (tests/fixtures/import/pdf, read by poppler in
# the bounded worker process), each into a fresh SQLite store, RUNS times.
# Prints, per folder, the median wall time of the whole command (process
# start, store creation and migrations, XML schema compilation, reading,
# recognition, validation, storing) and the median import time the
# command's own summary reports (the files only).
#
#   bench/import/run.sh [RUNS]      (RUNS: 10; builds into BUILD_DIR, default build-bench)
#   NUSQA_BINARY=PATH bench/import/run.sh [RUNS]   (an nusqa built already; no build)
set -euo pipefail

runs=${1:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/${BUILD_DIR:-build-bench}
corpus=$root/tests/fixtures/corpus
if [ -z "${NUSQA_BINARY:-}" ]; then
    "$root/scripts/install-deps.sh" >/dev/null
    BUILD_DIR=$build "$root/scripts/build.sh" -DNUSQA_BUILD_TESTS=OFF >/dev/null
fi
command=("${NUSQA_BINARY:-$build/bin/nusqa}" import)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/docx" "$scratch/pdf"
cp "$root"/tests/fixtures/import/*.docx "$scratch/docx/"
cp "$root"/tests/fixtures/import/pdf/0*.pdf "$scratch/pdf/"
folders=("$corpus" "$scratch/docx")
# A binary from before issue 16 refuses .pdf: its figures have no PDF row.
if "${command[@]}" "$scratch/pdf/$(ls "$scratch/pdf" | head -1)" -o /dev/null >/dev/null 2>&1; then
    folders+=("$scratch/pdf")
fi

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "| folder | files | KB | runs | median wall time (ms) | median import time (ms) | ms per file |"
echo "|---|---|---|---|---|---|---|"
for folder in "${folders[@]}"; do
    sources=(find "$folder" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' -o -name '*.docx' -o -name '*.pdf' \))
    files=$("${sources[@]}" | wc -l)
    kb=$(du -ck $("${sources[@]}") | tail -1 | cut -f1)
    : > "$scratch/wall" && : > "$scratch/import"
    for ((i = 0; i < runs; i++)); do
        store=$scratch/store-$i
        mkdir -p "$store"
        # The person the import runs as (`--as`): the account (and with it the
        # store) is made first, outside the time measured.
        echo "bench-password-1" | NUSQA_STORE_URL="sqlite:$store/nusqa.db" NUSQA_DATA_DIR="$store" \
            "${NUSQA_BINARY:-$build/bin/nusqa}" admin create-user --login importer --email importer@bench.test \
            --roles quality_office --password-stdin > /dev/null
        start=$(date +%s%N)
        NUSQA_STORE_URL="sqlite:$store/nusqa.db" NUSQA_DATA_DIR="$store" \
            "${command[@]}" --bulk "$folder" --as importer > "$scratch/out" 2> "$scratch/err" \
            || { cat "$scratch/out" "$scratch/err" >&2; exit 1; }
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000000 ))" >> "$scratch/wall"
        # "4 imported as draft editions, 0 failed, 0 skipped, in 0.12 s"
        sed -n 's/.* in \([0-9.]*\) s$/\1/p' "$scratch/out" | awk '{ printf "%.1f\n", $1 * 1000 }' >> "$scratch/import"
        rm -rf "$store"
    done
    wall=$(median < "$scratch/wall")
    imported=$(median < "$scratch/import")
    case $folder in
        "$corpus") name="corpus (.txt)" ;;
        "$scratch/docx") name="tests/fixtures/import (.docx)" ;;
        *) name="tests/fixtures/import/pdf (.pdf)" ;;
    esac
    per=$(awk -v t="$imported" -v n="$files" 'BEGIN { printf "%.1f", t / n }')
    echo "| $name | $files | $kb | $runs | $wall | $imported | $per |"
done
