#!/usr/bin/env bash
# The scale benchmark (issue 17): generates a university's ten years of
# records (bench_scale generate: at scale 1, 100,000 editions of 20,000
# documents, 10,000 people in 300 units, ~5,000,000 familiarization rows,
# 2,000,000 audit entries) into a new SQLite file and/or a new database on a
# throwaway MariaDB server, then prints p50/p95/p99 of the pages' queries
# (bench_scale query) and times `nusqa audit verify` as a whole process.
# Budgets: page queries p95 < 50 ms, search p95 < 100 ms, audit verify < 30 s.
#
#   bench/scale/run.sh [sqlite|mysql|both] [--scale S] [--runs R] [--keep DIR]
#
# --scale 1 is the full size (the default); --scale 0.01 a small one.
# --keep DIR keeps the SQLite file (DIR/scale.db) for another look; the
# MariaDB server is stopped and its data removed either way. Builds bench_scale and nusqa in
# BUILD_DIR (default: build-bench; configured RelWithDebInfo when new).
set -euo pipefail
cd "$(dirname "$0")/../.."
backends=both
scale=1
runs=50
keep=
while (($#)); do
    case $1 in
        sqlite | mysql | both) backends=$1 ;;
        --scale) scale=$2; shift ;;
        --runs) runs=$2; shift ;;
        --keep) keep=$2; shift ;;
        *) echo "usage: $0 [sqlite|mysql|both] [--scale S] [--runs R] [--keep DIR]" >&2; exit 2 ;;
    esac
    shift
done
[[ $backends == both ]] && backends="sqlite mysql"
build_dir=${BUILD_DIR:-build-bench}
if [[ -z ${BENCH_SCALE:-} ]]; then
    if [[ ! -f $build_dir/CMakeCache.txt ]]; then
        cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DNUSQA_BUILD_TESTS=OFF -DNUSQA_BUILD_WEB=OFF >/dev/null
    fi
    cmake --build "$build_dir" -j "${JOBS:-2}" --target bench_scale nusqa >/dev/null
    BENCH_SCALE="$(realpath "$build_dir")/bin/bench_scale"
    NUSQA="$(realpath "$build_dir")/bin/nusqa"
fi
: "${NUSQA:?set NUSQA with BENCH_SCALE}"
fixtures=(--kk tests/fixtures/000-wkatu-coworking.xml tests/fixtures/002-satbayev-excerpt.xml
          tests/fixtures/003-kru-software-dept.xml --ru tests/fixtures/render/ru-work-instruction.xml)
if [[ -n $keep ]]; then
    mkdir -p "$keep"
    work=$(realpath "$keep")
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/nusqa-bench-scale.XXXXXX")
fi
cleanup() {
    [[ -f $work/mariadb/url ]] && tests/scripts/mariadb.sh stop "$work/mariadb" >/dev/null 2>&1 || true
    [[ -z $keep ]] && rm -rf "$work"
}
trap cleanup EXIT
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in $backends; do
    case $backend in
        sqlite)
            rm -f "$work"/scale.db*
            url="sqlite:$work/scale.db"
            ;;
        mysql)
            # The server as the tests start it, with a buffer pool that holds
            # the hot tables as a production server's would.
            NUSQA_MARIADB_OPTIONS="--innodb-buffer-pool-size=${NUSQA_BENCH_BUFFER_POOL:-4G}" \
                tests/scripts/mariadb.sh start "$work/mariadb" >/dev/null
            url="$(<"$work/mariadb/url")/nusqa_bench_scale"
            ;;
    esac
    echo "== $backend"
    "$BENCH_SCALE" generate --store "$url" --scale "$scale" "${fixtures[@]}"
    echo
    "$BENCH_SCALE" query --store "$url" --runs "$runs"
    echo
    printf 'store.url = %s\n' "$url" >"$work/audit-$backend.properties"
    start=$(date +%s.%N)
    "$NUSQA" audit verify --config "$work/audit-$backend.properties"
    printf 'audit verify (whole process): %.1f s\n\n' "$(echo "$(date +%s.%N) - $start" | bc)"
    if [[ $backend == mysql ]]; then
        tests/scripts/mariadb.sh stop "$work/mariadb" >/dev/null
    fi
done
