#!/usr/bin/env bash
# Renders each fixture N times in one process (bench_render) and prints the
# median milliseconds per document and per page, and the file size; then the
# 002 excerpt with its body three times over (~30 pages, the size of corpus
# 002). Run from anywhere; BUILD_DIR (default: build) must hold bench_render.
#   bench/render/run.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir=${BUILD_DIR:-build}
iterations=${1:-30}
bench="$build_dir/bin/bench_render"
if [ ! -x "$bench" ]; then
    echo "run.sh: $bench not built (cmake --build $build_dir --target bench_render)" >&2
    exit 1
fi
"$bench" --iterations "$iterations" --profile-dir doc-templates \
    tests/fixtures/*.xml tests/fixtures/render/*.xml
"$bench" --iterations "$iterations" --profile-dir doc-templates --repeat 3 \
    tests/fixtures/002-satbayev-excerpt.xml | tail -n +2
