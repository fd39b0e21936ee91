#!/usr/bin/env bash
# The scale benchmark kept working: bench/scale/run.sh at a tiny scale on a
# new SQLite file and on a new database of the throwaway MariaDB server —
# the generator, every page's query and `nusqa audit verify` (which must
# find the generated chain intact and every register change audited).
#
#   scale_smoke.sh BENCH_SCALE NUSQA DIR MYSQL_URL_FILE
set -euo pipefail
[[ $# -eq 4 ]] || { echo "usage: $0 BENCH_SCALE NUSQA DIR MYSQL_URL_FILE" >&2; exit 2; }
bench=$1
nusqa=$2
dir=$(realpath -m "$3")
source=$(dirname "$(realpath "$0")")/../..
rm -rf "$dir"
mkdir -p "$dir"
fixtures=(--kk "$source"/tests/fixtures/000-wkatu-coworking.xml
          "$source"/tests/fixtures/003-kru-software-dept.xml
          --ru "$source"/tests/fixtures/render/ru-work-instruction.xml)
# A database of its own per run: the generator needs empty tables.
mysqlUrl="$(<"$4")/nusqa_scale_smoke_$$"
for url in "sqlite:$dir/scale.db" "$mysqlUrl"; do
    echo "== ${url%%:*}"
    "$bench" generate --store "$url" --scale 0.001 "${fixtures[@]}" | tee "$dir/generate.log"
    grep -q '^scale 0.001: .* 100 editions' "$dir/generate.log"
    "$bench" query --store "$url" --runs 2
    printf 'store.url = %s\n' "$url" >"$dir/audit.properties"
    "$nusqa" audit verify --config "$dir/audit.properties" | tee "$dir/verify.log"
    grep -Eq '^audit log intact: [0-9]+ entries$' "$dir/verify.log"
    grep -q '^every register change has its audit entry: 20 documents, 100 editions' "$dir/verify.log"
done
rm -rf "$dir"
echo "scale smoke: OK"
