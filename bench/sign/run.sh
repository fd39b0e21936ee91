#!/usr/bin/env bash
# Median milliseconds to seal a PDF and to verify the sealed file (bench_sign),
# for the fixtures printed by bench_render and for the 002 excerpt with its
# body three times over (~30 pages, the size of corpus 002). Run from
# anywhere; builds into BUILD_DIR (default: build-bench) first.
#   bench/sign/run.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
iterations=${1:-30}
scripts/install-deps.sh >/dev/null
BUILD_DIR=$build_dir scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$build_dir/bin/bench_render" --iterations 1 --profile-dir doc-templates --out "$out" \
    tests/fixtures/*.xml >/dev/null
"$build_dir/bin/bench_render" --iterations 1 --profile-dir doc-templates --repeat 3 --out "$out" \
    tests/fixtures/002-satbayev-excerpt.xml >/dev/null
"$build_dir/bin/bench_sign" --iterations "$iterations" "$out"/*.pdf
