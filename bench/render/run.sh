#!/usr/bin/env bash
# Renders each fixture N times in one process (bench_render) and prints the
# median milliseconds per document and per page, and the file size; then the
# 002 excerpt with its body three times over (~30 pages, the size of corpus
# 002). Run from anywhere; builds bench_render into BUILD_DIR (default:
# build-bench) first.
#   bench/render/run.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build-bench}
iterations=${1:-30}
scripts/install-deps.sh >/dev/null
BUILD_DIR=$build_dir scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null
bench="$build_dir/bin/bench_render"
"$bench" --iterations "$iterations" --profile-dir doc-templates \
    tests/fixtures/*.xml tests/fixtures/render/*.xml
"$bench" --iterations "$iterations" --profile-dir doc-templates --repeat 3 \
    tests/fixtures/002-satbayev-excerpt.xml | tail -n +2
