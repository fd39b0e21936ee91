#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks the formatting
# (scripts/check-format.sh, clang-format 16), builds with warnings as errors,
# and runs every test through CTest (the MariaDB-backed tests start their own
# throwaway mariadbd on loopback). Ends with CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
BUILD_DIR=${BUILD_DIR:-build-test} scripts/build.sh -DNUSQA_WERROR=ON -DNUSQA_BUILD_TESTS=ON
cd "${BUILD_DIR:-build-test}"
ctest --output-on-failure --timeout 900 "$@"
