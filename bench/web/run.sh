#!/usr/bin/env bash
# bench/web: the pages in Debian's Chromium. The gzipped size of the inbox
# and editor pages' bundles against the inbox's budget (bundle-size.mjs),
# the inbox with 200 assignments opened with a cold cache against its 1 s
# budget (inbox.mjs), and typing latency at the end of corpus 002 in the
# structured editor (typing.mjs). Builds `nusqa` and the pages in BUILD_DIR
# (default build-bench-web) first.
# Usage: bench/web/run.sh [KEYS] [PAUSE_MS] [INBOX_RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build=${BUILD_DIR:-build-bench-web}
if [ -f "$build/CMakeCache.txt" ]; then
    cmake --build "$build" -j"${JOBS:-2}" --target nusqa nusqa_web >/dev/null
else
    BUILD_DIR=$build BUILD_TYPE=Release scripts/build.sh -DNUSQA_BUILD_TESTS=OFF -DNUSQA_BUILD_WEB=ON >/dev/null
fi
export NUSQA_BIN=$root/$build/bin/nusqa NUSQA_WEB_ROOT=$root/$build/web NUSQA_SOURCE_DIR=$root
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_update_notifier=false
# Playwright comes with the browser tests' packages.
(cd tests/web && { [ -f node_modules/.nusqa-npm-ci.stamp ] || { npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.nusqa-npm-ci.stamp; }; })

node bench/web/bundle-size.mjs "$NUSQA_WEB_ROOT" Inbox EditorPage
node bench/web/inbox.mjs "${3:-7}" 200
node bench/web/typing.mjs "${1:-200}" "${2:-60}"
