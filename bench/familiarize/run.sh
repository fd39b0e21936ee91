#!/usr/bin/env bash
# Familiarization signatures per second through a real `nusqa serve` (fresh
# SQLite store, 50 concurrent signers, the password re-entered as the pages
# do) against the Argon2id floor measured in the same run with the server's
# hasher, parameters and auth.maxConcurrentHashes: prints both, the ratio
# (issue 17: at least 0.9), conflicts and failed answers (0 required). See
# bench_familiarize.cpp. Builds into BUILD_DIR (default: build-bench) first
# unless SKIP_BUILD=1.
#   bench/familiarize/run.sh [SIGNERS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
signers=${1:-50}
duration=${2:-12}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    scripts/install-deps.sh >/dev/null
    BUILD_DIR=$build_dir scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$build_dir/bin/bench_familiarize" --nusqa "$build_dir/bin/nusqa" --data "$work/data" \
    --fixture tests/fixtures/000-wkatu-coworking.xml --signers "$signers" --seconds "$duration"
