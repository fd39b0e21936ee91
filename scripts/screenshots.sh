#!/usr/bin/env bash
# Screenshots of every page into docs/screenshots/ (kk at 1280x800, the
# employee's pages also at 360 px, one set in ru): the browser tests' server
# and seed (tests/web), tests/web/screenshots.shoot.ts in Debian's Chromium.
# Not part of CTest. Builds `nusqa` and the pages in BUILD_DIR (default
# build-screenshots) first; re-run it after pages change and commit the
# images that changed.
# Usage: [BUILD_DIR=build-…] scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${BUILD_DIR:-build-screenshots}
if [ -f "$build/CMakeCache.txt" ]; then
    cmake --build "$build" -j"${JOBS:-2}" --target nusqa nusqa_web >/dev/null
else
    BUILD_DIR=$build scripts/build.sh -DNUSQA_BUILD_TESTS=OFF -DNUSQA_BUILD_WEB=ON >/dev/null
fi
export NUSQA_BIN=$root/$build/bin/nusqa NUSQA_WEB_ROOT=$root/$build/web NUSQA_SOURCE_DIR=$root
export NUSQA_SCREENSHOT_DIR=${NUSQA_SCREENSHOT_DIR:-$root/docs/screenshots}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_update_notifier=false
export NUSQA_WEB_TEST_OUTPUT=${NUSQA_WEB_TEST_OUTPUT:-$(mktemp -d /tmp/nusqa-screenshots.XXXXXX)}
cd tests/web
if [ ! -f node_modules/.nusqa-npm-ci.stamp ] || [ package-lock.json -nt node_modules/.nusqa-npm-ci.stamp ]; then
    npm ci --no-audit --no-fund --loglevel=error
    touch node_modules/.nusqa-npm-ci.stamp
fi
node node_modules/@playwright/test/cli.js test --config "$root/tests/web/screenshots.config.ts"
echo "screenshots: $(find "$NUSQA_SCREENSHOT_DIR" -name '*.png' | wc -l) images in $NUSQA_SCREENSHOT_DIR"
