#!/usr/bin/env bash
# The crash loop's longer run: `nusqa serve` killed with SIGKILL at random
# moments under concurrent document, edition, draft, agreement and
# familiarization writes, CYCLES times on SQLite and CYCLES times on a
# throwaway MariaDB server (tests/app/CrashLoop.cpp; CTest runs 10 cycles
# per backend). After every kill: the database's integrity check, `nusqa
# audit verify` and every acknowledged write. Prints, per backend, the
# cycles, writes acknowledged, acknowledged records found and audit entries
# (the last line of crash_loop), and exits non-zero when a check failed.
# Run from anywhere; builds nusqa and crash_loop into BUILD_DIR (default:
# build-bench) first.
#   bench/crash/run.sh [CYCLES] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
cycles=${1:-100}
clients=${2:-4}
scripts/install-deps.sh >/dev/null
if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNUSQA_BUILD_TESTS=ON \
          -DNUSQA_BUILD_WEB=OFF >/dev/null
fi
cmake --build "$build_dir" -j "${JOBS:-$(nproc)}" --target nusqa crash_loop >/dev/null
build=$(cd "$build_dir" && pwd)
mariadb=$(mktemp -d)
trap 'tests/scripts/mariadb.sh stop "$mariadb" >/dev/null 2>&1 || true; rm -rf "$mariadb"' EXIT
tests/scripts/mariadb.sh start "$mariadb" >/dev/null
status=0
for backend in sqlite mysql; do
    log=$(mktemp)
    if NUSQA_SOURCE_DIR=$PWD NUSQA_BINARY_DIR=$build NUSQA_TEST_MYSQL_URL_FILE=$mariadb/url \
           NUSQA_RENDER_PROFILE_DIRECTORY=$PWD/doc-templates \
           "$build/bin/crash_loop" --backend "$backend" --cycles "$cycles" --clients "$clients" \
           > "$log" 2>&1; then
        tail -1 "$log"
    else
        status=1
        echo "crash_loop $backend FAILED:" >&2
        tail -20 "$log" >&2
    fi
    rm -f "$log"
done
exit $status
