#!/usr/bin/env bash
# The search benchmark: indexes EDITIONS editions made from the fixtures
# (000, 002 excerpt, 003 in Kazakh, the Russian work instruction; each copy
# with its own code and some words changed; every other one in force) into a
# new SQLite file and into a new database on a throwaway MariaDB server, then
# prints p50/p95/p99 of typical queries (bench_search) per backend and the
# backends side by side. Budget (issues 13 and 17): p95 under 100 ms. Run
# from anywhere; builds the bench_search target in BUILD_DIR (default:
# build-bench; configured RelWithDebInfo when new, an existing build keeps
# its settings).
#   bench/search/run.sh [EDITIONS] [RUNS] [BACKENDS]   (BACKENDS: "sqlite mysql")
# Over an existing data set (bench/scale's) instead of a new one: name it,
# and only the backends named run.
#   SQLITE_DB=/path/nusqa.db MYSQL_URL=mysql://user:pass@host:port/db bench/search/run.sh - [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
editions=${1:-20000}
runs=${2:-50}
backends=${3:-sqlite mysql}
if [[ $editions == - ]]; then
    backends=""
    [[ -n ${SQLITE_DB:-} ]] && backends+="sqlite "
    [[ -n ${MYSQL_URL:-} ]] && backends+="mysql"
    if [[ -z $backends ]]; then
        echo "an existing data set needs SQLITE_DB or MYSQL_URL" >&2
        exit 2
    fi
fi
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNUSQA_BUILD_TESTS=OFF \
        -DNUSQA_BUILD_WEB=OFF >/dev/null
fi
cmake --build "$build_dir" -j "${JOBS:-2}" --target bench_search >/dev/null
bench="$(realpath "$build_dir")/bin/bench_search"
fixtures=(tests/fixtures/000-wkatu-coworking.xml tests/fixtures/002-satbayev-excerpt.xml
          tests/fixtures/003-kru-software-dept.xml tests/fixtures/render/ru-work-instruction.xml)
work=$(mktemp -d "${TMPDIR:-/tmp}/nusqa-bench-search.XXXXXX")
cleanup() {
    [[ -f $work/mariadb/url ]] && tests/scripts/mariadb.sh stop "$work/mariadb" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
for backend in $backends; do
    if [[ $editions == - ]]; then
        case $backend in
            sqlite) url="sqlite:$SQLITE_DB" ;;
            mysql) url="$MYSQL_URL" ;;
        esac
        args=(--existing)
    else
        case $backend in
            sqlite) url="sqlite:$work/search.db" ;;
            mysql)
                tests/scripts/mariadb.sh start "$work/mariadb" >/dev/null
                url="$(<"$work/mariadb/url")/nusqa_bench_search"
                ;;
            *) echo "unknown backend $backend" >&2; exit 2 ;;
        esac
        args=(--editions "$editions" "${fixtures[@]}")
    fi
    "$bench" --store "$url" --runs "$runs" "${args[@]}" | tee "$work/$backend.out" | grep -v '^ROW'
    echo
done
# Side by side: p50/p95/p99 per query and backend.
echo "side by side (ms)"
awk -F'\t' -v order="$backends" '
    BEGIN { n = split(order, names, " ") }
    FNR == 1 { b = FILENAME; sub(/.*\//, "", b); sub(/\.out$/, "", b) }
    $1 == "ROW" {
        if (!($2 in seen)) { seen[$2] = 1; queries[++q] = $2 }
        v[$2, b] = sprintf("%8s %8s %8s", $3, $4, $5)
    }
    END {
        header = sprintf("%-36s", "query")
        for (i = 1; i <= n; ++i) header = header sprintf(" | %-26s", names[i] " p50/p95/p99")
        print header
        for (k = 1; k <= q; ++k) {
            line = sprintf("%-36s", queries[k])
            for (i = 1; i <= n; ++i) line = line " | " ((queries[k], names[i]) in v ? v[queries[k], names[i]] : sprintf("%26s", "-"))
            print line
        }
    }' $(for backend in $backends; do echo "$work/$backend.out"; done)
