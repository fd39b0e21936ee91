#!/usr/bin/env bash
# The browser tests (CTest label "web"): installs the test packages with
# `npm ci` when tests/web/package-lock.json changed, type-checks the pages,
# then runs Playwright in Debian's Chromium against a real `nusqa serve`
# that support/global-setup.ts starts on a free loopback port with a fresh
# data folder. Environment (CTest sets it): NUSQA_BIN, NUSQA_WEB_ROOT,
# NUSQA_SOURCE_DIR, NUSQA_WEB_TEST_OUTPUT. Extra arguments go to Playwright
# (e.g. a spec file or -g 'keyboard').
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${NUSQA_BIN:?the nusqa binary}" "${NUSQA_WEB_ROOT:?the built pages}"
export NUSQA_SOURCE_DIR=${NUSQA_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
export NUSQA_WEB_TEST_OUTPUT=${NUSQA_WEB_TEST_OUTPUT:-$(mktemp -d /tmp/nusqa-web-tests.XXXXXX)}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_update_notifier=false
chromium=${NUSQA_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    echo "web tests: $chromium is missing (scripts/install-deps.sh installs Debian's chromium)" >&2
    exit 1
fi
if [ ! -f "$NUSQA_WEB_ROOT/index.html" ]; then
    echo "web tests: no built pages in $NUSQA_WEB_ROOT (build with -DNUSQA_BUILD_WEB=ON)" >&2
    exit 1
fi
mkdir -p "$NUSQA_WEB_TEST_OUTPUT"

cd "$here"
stamp=node_modules/.nusqa-npm-ci.stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    touch "$stamp"
fi

# The pages' TypeScript and Svelte, strictly (warnings fail too).
(cd "$NUSQA_SOURCE_DIR/server/web" && node node_modules/svelte-check/bin/svelte-check \
    --tsconfig ./tsconfig.json --fail-on-warnings --output human)

exec node node_modules/@playwright/test/cli.js test --config "$here/playwright.config.ts" "$@"
