#!/usr/bin/env bash
# The OpenAPI description (server/http/openapi.json) through two independent
# validators pinned in package-lock.json: `swagger-cli validate` (the
# OpenAPI 3.0 schema) and `redocly lint` with the recommended rules; any
# error fails (warnings are printed). Installs the packages with `npm ci`
# when the lock file changed. Usage: run.sh [openapi.json]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
description=${1:-$here/../../server/http/openapi.json}
export npm_config_update_notifier=false
cd "$here"
stamp=node_modules/.nusqa-npm-ci.stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    touch "$stamp"
fi
node node_modules/@apidevtools/swagger-cli/bin/swagger-cli.js validate "$description"
node node_modules/@redocly/cli/bin/cli.js lint --extends recommended --format stylish "$description"
