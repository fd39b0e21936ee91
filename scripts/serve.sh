#!/usr/bin/env bash
# First-run command: installs what is missing, builds, and starts the server
# in the background on the embedded SQLite store (var/nusqa.db), then waits
# until GET /healthz answers. Settings: config/nusqa.properties, overridable
# by NUSQA_* variables. Stop it with: kill "$(cat var/nusqa.pid)"
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
BUILD_TYPE=Release scripts/build.sh -DNUSQA_BUILD_TESTS=OFF

mkdir -p var
if [ -f var/nusqa.pid ] && kill -0 "$(cat var/nusqa.pid)" 2>/dev/null; then
    echo "serve: stopping the running server (pid $(cat var/nusqa.pid))"
    kill "$(cat var/nusqa.pid)"
    for _ in $(seq 100); do kill -0 "$(cat var/nusqa.pid)" 2>/dev/null || break; sleep 0.1; done
fi
# The log goes to var/nusqa.log; standard output, where a first start prints
# the admin's one-time password (and nothing else), to a private file that
# is shown below and then emptied, so the password is not kept on disk.
(umask 077 && : >var/console.out)
NUSQA_LOG_FILE=${NUSQA_LOG_FILE:-var/nusqa.log} \
    nohup build/bin/nusqa serve --config config/nusqa.properties >var/console.out 2>>var/nusqa.log &
echo $! >var/nusqa.pid

address=${NUSQA_HTTP_ADDRESS:-127.0.0.1}
port=${NUSQA_HTTP_PORT:-8080}
for _ in $(seq 100); do
    if python3 - "$address" "$port" <<'PY' 2>/dev/null; then
import sys, urllib.request
with urllib.request.urlopen(f"http://{sys.argv[1]}:{sys.argv[2]}/healthz", timeout=1) as reply:
    sys.exit(0 if reply.status == 200 else 1)
PY
        echo "serve: Nusqa is up at http://$address:$port (pid $(cat var/nusqa.pid), data in var/, log in var/nusqa.log)"
        sleep 0.2
        if [ -s var/console.out ]; then
            echo "serve: $(cat var/console.out)"
            : >var/console.out
        fi
        exit 0
    fi
    if ! kill -0 "$(cat var/nusqa.pid)" 2>/dev/null; then break; fi
    sleep 0.1
done
echo "serve: the server did not come up; the end of var/nusqa.log:" >&2
tail -n 20 var/nusqa.log >&2
exit 1
