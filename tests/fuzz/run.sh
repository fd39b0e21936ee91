#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 in their own build directory
# and runs each for SECONDS (default 60): fuzz_text (text and Markdown
# importer), fuzz_docx (.docx packages), fuzz_wordxml (WordprocessingML behind
# a correct container), fuzz_verify (the PDF signature verifier). Seeds: the
# corpus texts, the committed .docx files and their XML parts, and the
# signed PDFs of tests/fixtures/signed. Prints one line of figures per
# target; exits non-zero when a target crashes (the reproducer is kept in
# BUILD_DIR/crashes).
#
#   tests/fuzz/run.sh [SECONDS] [BUILD_DIR]      (BUILD_DIR: build-fuzz)
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$root/build-fuzz}
corpus=$root/tests/fixtures/corpus
mkdir -p "$build"
build=$(cd "$build" && pwd)

if ! command -v clang++-16 >/dev/null; then
    echo "fuzz: clang++-16 is missing (scripts/install-deps.sh installs clang-16 and libclang-rt-16-dev)" >&2
    exit 1
fi
cmake -S "$root/tests/fuzz/project" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 \
      -DCMAKE_BUILD_TYPE=None > "$build/configure.log" 2>&1 || { cat "$build/configure.log" >&2; exit 1; }
ninja -C "$build" -j2 fuzz_text fuzz_docx fuzz_wordxml fuzz_verify > "$build/build.log" 2>&1 || { tail -50 "$build/build.log" >&2; exit 1; }

# Seeds, made again each time from the checkout.
rm -rf "$build/seeds" && mkdir -p "$build/seeds/text" "$build/seeds/docx" "$build/seeds/wordxml" "$build/seeds/verify" "$build/crashes"
cp "$root"/tests/fixtures/signed/*.pdf "$build/seeds/verify/"
cp "$corpus"/*.txt "$build/seeds/text/"
cp "$root"/tests/fixtures/import/*.docx "$build/seeds/docx/"
python3 - "$root/tests/fixtures/import" "$build/seeds/wordxml" <<'PY'
import pathlib, sys, zipfile
source, target = map(pathlib.Path, sys.argv[1:])
for docx in sorted(source.glob("*.docx")):
    with zipfile.ZipFile(docx) as z:
        parts = z.namelist()
        numbering = z.read("word/numbering.xml") if "word/numbering.xml" in parts else b""
        (target / (docx.stem + ".bin")).write_bytes(z.read("word/document.xml") + b"\0" + numbering)
PY

status=0
for target in text docx wordxml verify; do
    work="$build/corpus-$target"
    mkdir -p "$work"
    log="$build/fuzz_$target.log"
    # Inputs are cut to max_len: the recognisers' paths are all reached by
    # a few pages, and short inputs keep the executions per second up.
    case $target in
        text) max_len=24576 ;;
        docx) max_len=65536 ;;
        wordxml) max_len=131072 ;;
        verify) max_len=32768 ;;
    esac
    if "$build/fuzz_$target" -max_total_time="$seconds" -max_len=$max_len -rss_limit_mb=2048 -timeout=30 \
           -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" "$work" "$build/seeds/$target" \
           > "$log" 2>&1; then
        result=ok
    else
        result=CRASH
        status=1
    fi
    stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
    runs=$(stat number_of_executed_units)
    speed=$(stat average_exec_per_sec)
    rss=$(stat peak_rss_mb)
    cover=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    echo "fuzz_$target: $result, ${seconds} s, $runs runs, $speed exec/s, coverage $cover, peak RSS ${rss} MB"
    if [ "$result" = CRASH ]; then
        grep -E "ERROR|SUMMARY|abort|Test unit written" "$log" | head -20 >&2
    fi
done
exit $status
