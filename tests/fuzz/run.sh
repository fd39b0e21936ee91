#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 in their own build directory
# and runs each for SECONDS (default 60): fuzz_text (text and Markdown
# importer), fuzz_docx (.docx packages), fuzz_wordxml (WordprocessingML behind
# a correct container), fuzz_pdf_layout (the PDF layout on synthetic
# positioned words), fuzz_edition_xml (the edition XML body of POST/PUT),
# fuzz_verify (the PDF signature verifier), fuzz_prescan (its byte-level
# pre-scan), fuzz_json (JSON request bodies and their fields), fuzz_router
# (the request target, the route table, path and query parameters),
# fuzz_http_head (bytes on the wire to the real HttpServer: request line,
# header fields, Content-Length and chunked framing, pipelining) and
# fuzz_login (the login fields and the login throttle). Seeds: the corpus
# texts, the committed .docx files and their XML parts, the edition
# fixtures, the signed PDFs of tests/fixtures/signed, the committed seeds of
# tests/fuzz/corpus/<target>/ (Kazakh and Russian text, invalid UTF-8, deep
# nesting, huge numbers, hostile framing), and hostile shapes made below
# (deep nesting of PDF dictionaries and arrays, attribute floods, namespaces
# in scope, foreign encodings). Prints one line of figures per target; exits
# non-zero when a target crashes (the reproducer is kept in
# BUILD_DIR/crashes).
#
#   tests/fuzz/run.sh [SECONDS] [BUILD_DIR] [TARGET...]   (BUILD_DIR: build-fuzz;
#                                                          TARGET: json, login, ...)
#
# FUZZ_SEED=N fixes libFuzzer's random seed (CTest's brief run uses 1, so
# the same mutations are tried each time); unset, each run differs.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$root/build-fuzz}
shift $(($# > 2 ? 2 : $#))
corpus=$root/tests/fixtures/corpus
mkdir -p "$build"
build=$(cd "$build" && pwd)

if ! command -v clang++-16 >/dev/null; then
    echo "fuzz: clang++-16 is missing (scripts/install-deps.sh installs clang-16 and libclang-rt-16-dev)" >&2
    exit 1
fi
cmake -S "$root/tests/fuzz/project" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 \
      -DCMAKE_BUILD_TYPE=None > "$build/configure.log" 2>&1 || { cat "$build/configure.log" >&2; exit 1; }
all_targets="text docx wordxml pdf_layout edition_xml verify prescan json router http_head login"
targets=${*:-$all_targets}
ninja -C "$build" -j2 $(for t in $targets; do echo "fuzz_$t"; done) > "$build/build.log" 2>&1 || { tail -50 "$build/build.log" >&2; exit 1; }

# Seeds, made again each time from the checkout.
rm -rf "$build/seeds" && mkdir -p "$build/crashes"
for t in $all_targets; do mkdir -p "$build/seeds/$t"; done
cp "$root"/tests/fixtures/signed/*.pdf "$build/seeds/verify/"
cp "$root"/tests/fixtures/signed/*.pdf "$build/seeds/prescan/"
cp "$root"/tests/fixtures/*.xml "$root"/tests/fixtures/invalid/*.xml "$root"/tests/fixtures/render/*.xml \
   "$build/seeds/edition_xml/"
cp "$corpus"/*.txt "$build/seeds/text/"
cp "$root"/tests/fixtures/import/*.docx "$build/seeds/docx/"
for t in $targets; do
    if [ -d "$root/tests/fuzz/corpus/$t" ]; then cp "$root/tests/fuzz/corpus/$t"/* "$build/seeds/$t/"; fi
done
python3 - "$root/tests/fixtures/import" "$build/seeds/wordxml" <<'PY'
import pathlib, sys, zipfile
source, target = map(pathlib.Path, sys.argv[1:])
for docx in sorted(source.glob("*.docx")):
    with zipfile.ZipFile(docx) as z:
        parts = z.namelist()
        numbering = z.read("word/numbering.xml") if "word/numbering.xml" in parts else b""
        (target / (docx.stem + ".bin")).write_bytes(z.read("word/document.xml") + b"\0" + numbering)
PY

# PDF layout seeds (records of FuzzPdfLayout.cpp): pages of lines of words
# at a typesetter's positions — a running header, clauses, a hyphenated
# line end, a two-column table, a page number.
python3 - "$build/seeds/pdf_layout" <<'PY'
import pathlib, random, sys
target = pathlib.Path(sys.argv[1])
def word(x, y, piece, flags=0x08, size=12):
    y = int(y / 0.85)
    return bytes([int(x / 2.4) % 255, y & 0xFF, ((y >> 8) & 0x03) | ((size - 6) << 2), piece, flags, 0, 4, 0])
for seed in range(4):
    rng = random.Random(seed)
    out = bytearray()
    for page in range(3):
        if page:
            out += bytes([0xFF] + [0] * 7)
        out += word(72, 40, 35) + word(100, 40, 36) + word(150, 40, 40) + word(200, 40, 41)
        y = 90
        for line in range(20 + seed * 5):
            x = 72
            first = rng.choice([2, 3, 4, 16, 25, 28]) if line % 4 == 0 else rng.randrange(12, 30)
            for k in range(rng.randrange(3, 9)):
                out += word(x, y, first if k == 0 else rng.randrange(12, 30), 0x08)
                x += 55
            if line % 7 == 3:
                out += word(x, y, 21, 0)
                y += 16
                out += word(72, y, 22)
            if seed % 2 and line % 5 == 2:
                out += word(300, y, rng.randrange(12, 30))
            y += 16
        out += word(280, 800, 30) + word(295, 800, 31) + word(340, 800, 32)
    (target / f"pages-{seed}.bin").write_bytes(bytes(out))
PY

# Hostile shapes, small enough for max_len: PDFs nesting dictionaries and
# arrays around the pre-scan's limit (64) and far past it (what took PoDoFo
# minutes), brackets where they do not nest; editions with attribute floods,
# deep elements, namespaces in scope and other encodings.
python3 - "$root/tests/fixtures/minimal.xml" "$build/seeds" <<'PY'
import pathlib, sys, zlib
minimal, seeds = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"), pathlib.Path(sys.argv[2])

def pdf(body, version=b"1.4"):
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", body]
    out, offsets = bytearray(b"%PDF-" + version + b"\n"), []
    for number, item in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, item)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)

def dictionaries(depth): return b"<</A " * depth + b"1" + b" >>" * depth
def arrays(depth): return b"[" * depth + b"1" + b"]" * depth
def mixed(depth): return b"<</A [" * depth + b"1" + b"] >>" * depth

shapes = {}
for depth in (10, 63, 64, 65, 200, 800, 2000):
    shapes[f"dict-{depth}"] = pdf(dictionaries(depth))
    shapes[f"array-{depth}"] = pdf(arrays(depth))
    shapes[f"mixed-{depth // 2}"] = pdf(mixed(depth // 2))
quiet = b"[" * 500
shapes["brackets-in-strings"] = pdf(b"<< /T (" + quiet + b" \\) (x) \\( ) /H <4142> >> %" + quiet)
stream = b"\x00" + quiet + b"<<(((" + b"\xff"
shapes["brackets-in-stream"] = pdf(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
shapes["indirect-length"] = pdf(b"<< /Length 9 0 R >>\nstream\n%s\nendstream" % stream)
for name, data in shapes.items():
    (seeds / "prescan" / (name + ".pdf")).write_bytes(data)
    (seeds / "verify" / (name + ".pdf")).write_bytes(data)

def chapter(attributes):
    return minimal.replace('<chapter eId="chp_1">', '<chapter eId="chp_1" ' + attributes + ">")
editions = {
    "attributes-64": chapter(" ".join(f'a{i}=""' for i in range(64))),
    "attributes-65": chapter(" ".join(f'a{i}=""' for i in range(65))),
    "attributes-500": chapter(" ".join(f'a{i}=""' for i in range(500))),
    "namespaces-65": chapter(" ".join(f'xmlns:n{i}="urn:n"' for i in range(65))),
    "lt-in-value": chapter('x="<b ' + " ".join(f"y{i}=''" for i in range(100)) + '"'),
    "deep-129": minimal.replace("</clause>", "<d>" * 129 + "</clause>"),
    "in-scope": minimal.replace("</clause>", "".join(
        "<e " + " ".join(f'xmlns:p{level}_{i}="u"' for i in range(10)) + ">" for level in range(14))
        + "<p:x/>" * 50 + "</e>" * 14 + "</clause>"),
    "utf7": minimal.replace('encoding="UTF-8"', 'encoding="UTF-7"'),
    "cdata-comment-pi": chapter('t="a > b"').replace("</clause>", "<!-- <x a='1'> --><?pi <y?></clause>"),
}
for name, text in editions.items():
    (seeds / "edition_xml" / (name + ".xml")).write_bytes(text.encode("utf-8"))
(seeds / "edition_xml" / "utf16.xml").write_bytes(
    b"\xff\xfe" + minimal.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"))
PY

status=0
for target in $targets; do
    work="$build/corpus-$target"
    mkdir -p "$work"
    log="$build/fuzz_$target.log"
    # Inputs are cut to max_len: the recognisers' paths are all reached by
    # a few pages, and short inputs keep the executions per second up.
    case $target in
        text) max_len=24576 ;;
        docx) max_len=65536 ;;
        wordxml) max_len=131072 ;;
        pdf_layout) max_len=32768 ;;
        edition_xml) max_len=65536 ;;
        verify) max_len=32768 ;;
        prescan) max_len=32768 ;;
        json) max_len=16384 ;;
        router) max_len=4096 ;;
        http_head) max_len=24576 ;;
        login) max_len=16384 ;;
    esac
    seed_option=()
    if [ -n "${FUZZ_SEED:-}" ]; then seed_option=(-seed="$FUZZ_SEED"); fi
    if "$build/fuzz_$target" "${seed_option[@]}" -max_total_time="$seconds" -max_len=$max_len -rss_limit_mb=2048 -timeout=30 \
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
