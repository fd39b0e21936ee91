#!/usr/bin/env bash
# bench/http: load on GET /api/v1/editions/{id} (JSON metadata and XML) with
# wrk, against a Release build on a fresh SQLite store of 1,000 documents.
# Usage: bench/http/run.sh [DURATION_SECONDS] [CONNECTIONS] [WRK_THREADS]
# Prints one RESULT line per run with requests/s and latency percentiles.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-64}
threads=${3:-2}
scripts/install-deps.sh wrk >/dev/null
BUILD_DIR=build-bench BUILD_TYPE=Release scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
# The bench account, created before the server starts; its API token comes
# from a login (the password is random and only in this shell).
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
echo "$password" | NUSQA_DATA_DIR=$work/data build-bench/bin/nusqa admin create-user --login bench \
    --email bench@localhost --roles quality_office --password-stdin >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
NUSQA_HTTP_PORT=$port NUSQA_DATA_DIR=$work/data NUSQA_LOG_FILE=$work/nusqa.log \
    build-bench/bin/nusqa serve &
server=$!
for _ in $(seq 100); do
    grep -q "listening on" "$work/nusqa.log" 2>/dev/null && break
    sleep 0.1
done
base=http://127.0.0.1:$port
NUSQA_TOKEN=$(python3 - "$base" "$password" <<'PY'
import http.cookiejar, json, sys, urllib.request
base, password = sys.argv[1], sys.argv[2]
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
def call(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    return json.load(opener.open(request, timeout=30))
call("/api/v1/auth/login", {"login": "bench", "password": password})
print(call("/api/v1/me/tokens", {"name": "bench"})["token"])
PY
)
export NUSQA_TOKEN
python3 bench/http/seed.py "$base" tests/fixtures/000-wkatu-coworking.xml 1000 "$work/ids"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load: wrk -t$threads -c$connections -d${duration}s, 1,000 documents, SQLite store, access log to a file"
for kind in json xml; do
    # Warm-up, not measured: the server's thread pool grows to the number of
    # connections on demand, and SQLite's page cache fills on first reads.
    ACCEPT=$kind IDS_FILE=$work/ids wrk -t"$threads" -c"$connections" -d3s --timeout 5s \
        -s bench/http/editions.lua "$base" >/dev/null
    ACCEPT=$kind IDS_FILE=$work/ids wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 5s \
        -s bench/http/editions.lua "$base" | grep RESULT | sed "s/^RESULT/$kind:/"
done
