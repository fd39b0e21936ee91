#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks the formatting
# (scripts/check-format.sh, clang-format 16), builds with warnings as errors,
# and runs every test through CTest (the MariaDB-backed tests start their own
# throwaway mariadbd on loopback).
#
# Then, unless NUSQA_SANITIZE=OFF, the sanitizer run (README, "Sanitizers"):
# the server, its worker processes and the test executables of the core and
# of every untrusted input built with AddressSanitizer (leak checking
# included) and UndefinedBehaviorSanitizer in a folder of their own
# (ASAN_BUILD_DIR, default build-asan), and those tests run there; any
# report fails the run. Leaks inside third-party libraries that cannot be
# freed are suppressed in tests/sanitizers/lsan.supp, each with its reason.
# Its cost on a fresh clone is in bench/RESULTS.md ("CI time").
#
# A failure in either stage fails the command, which always ends with the
# summary of the last CTest run: a failed first run ends it there; a failed
# sanitized build still runs the sanitized tests (those not built fail).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
BUILD_DIR=${BUILD_DIR:-build-test} scripts/build.sh -DNUSQA_WERROR=ON -DNUSQA_BUILD_TESTS=ON
(cd "${BUILD_DIR:-build-test}" && ctest --output-on-failure --timeout 900 "$@")

if [ "${NUSQA_SANITIZE:-ON}" = OFF ]; then exit 0; fi
# The tests run under the sanitizers; web, cluster and the crash loop stay
# out (README, "Sanitizers", says why).
sanitized_tests="test_domain test_compare test_crypto test_xml test_import test_render test_signing test_http test_attack"
asan_dir=${ASAN_BUILD_DIR:-build-asan}
jobs=${JOBS:-$(nproc)}
# -O1 -g1 (line tables only): what the sanitizers' reports need, and a
# shorter build than -O2 -g. Warnings are the first build's business (GCC
# warns differently with the sanitizers' instrumentation), so no -Werror.
# A unity build (CMake joins each target's sources in batches of 8): the
# headers are parsed once per batch, not once per source, which halves the
# instrumented build's CPU time (bench/RESULTS.md, "CI time").
cmake -S . -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DNUSQA_SANITIZE=ON \
      -DCMAKE_UNITY_BUILD=ON -DNUSQA_BUILD_TESTS=ON -DNUSQA_BUILD_WEB=OFF
build_status=0
cmake --build "$asan_dir" -j "$jobs" --target nusqa $sanitized_tests || build_status=$?
if [ "$build_status" -ne 0 ]; then
    echo "test.sh: the sanitized build failed; its tests run all the same, so the run ends with their summary (and fails)" >&2
fi
# The options reach every process the tests start (nusqa serve, the
# verify and import workers) through the environment.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/sanitizers/ubsan.supp"
cd "$asan_dir"
# In parallel: each test has its own temporary folders and loopback ports
# (port 0), and test_attack, whose bounds are about a server's answer within
# a second, runs alone (RUN_SERIAL).
test_status=0
ctest --output-on-failure --timeout 1800 -j "$jobs" -R "^($(echo $sanitized_tests | tr ' ' '|'))\$" ||
    test_status=$?
if [ "$build_status" -ne 0 ]; then exit "$build_status"; fi
exit "$test_status"
