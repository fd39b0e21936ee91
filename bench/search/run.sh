#!/usr/bin/env bash
# The search benchmark: indexes EDITIONS editions made from the fixtures
# (000, 002 excerpt, 003 in Kazakh, the Russian work instruction; each copy
# with its own code and some words changed) into a new SQLite file and into a
# new database on a throwaway MariaDB server, then prints p50/p95/p99 of
# typical queries (bench_search). Budget (issue 13): p95 under 100 ms. Run
# from anywhere; builds the bench_search target in BUILD_DIR (default:
# build-bench; configured RelWithDebInfo when new, an existing build keeps
# its settings).
#   bench/search/run.sh [EDITIONS] [RUNS] [BACKENDS]   (BACKENDS: "sqlite mysql")
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
editions=${1:-20000}
runs=${2:-50}
backends=${3:-sqlite mysql}
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
    case $backend in
        sqlite) url="sqlite:$work/search.db" ;;
        mysql)
            tests/scripts/mariadb.sh start "$work/mariadb" >/dev/null
            url="$(<"$work/mariadb/url")/nusqa_bench_search"
            ;;
        *) echo "unknown backend $backend" >&2; exit 2 ;;
    esac
    "$bench" --store "$url" --editions "$editions" --runs "$runs" "${fixtures[@]}"
    echo
done
