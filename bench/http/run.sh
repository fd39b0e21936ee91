#!/usr/bin/env bash
# bench/http: Nusqa beside nginx (from Debian) serving the same bytes as
# static files, in one run, with wrk: GET /api/v1/editions/{id} as JSON
# metadata and as XML, and the edition's PDF from Nusqa's rendition cache
# (every download audited) against nginx with sendfile. A Release build on a
# fresh SQLite store of 1,000 documents.
# Usage: bench/http/run.sh [DURATION_SECONDS] [CONNECTIONS] [WRK_THREADS]
# BUILD_DIR=DIR runs the nusqa of an existing build instead of building a
# Release one into build-bench.
# Prints one RESULT line per server and kind (requests/s, latency
# percentiles), the ratio Nusqa/nginx per kind, and the PDF downloads served
# against the audit entries written for them.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-64}
threads=${3:-2}
pdfs=${PDFS:-20}  # editions whose PDFs the PDF run fetches (all cached after the warm-up)
scripts/install-deps.sh wrk nginx >/dev/null
if [ -z "${BUILD_DIR:-}" ]; then
    BUILD_DIR=build-bench BUILD_TYPE=Release scripts/build.sh -DNUSQA_BUILD_TESTS=OFF >/dev/null
fi
nusqa=${BUILD_DIR:-build-bench}/bin/nusqa

work=$(mktemp -d)
server=
nginx=
cleanup() {
    for pid in $server $nginx; do kill "$pid" 2>/dev/null || true; done
    for pid in $server $nginx; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# The bench account, created before the server starts; its API token comes
# from a login (the password is random and only in this shell).
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
echo "$password" | NUSQA_DATA_DIR=$work/data "$nusqa" admin create-user --login bench \
    --email bench@localhost --roles quality_office --password-stdin >/dev/null
port=$(free_port)
NUSQA_HTTP_PORT=$port NUSQA_DATA_DIR=$work/data NUSQA_LOG_FILE=$work/nusqa.log \
    "$nusqa" serve &
server=$!
for _ in $(seq 100); do
    grep -q "listening on" "$work/nusqa.log" 2>/dev/null && break
    sleep 0.1
done
base=http://127.0.0.1:$port
NUSQA_TOKEN=$(python3 bench/http/token.py "$base" "$password")
export NUSQA_TOKEN
python3 bench/http/seed.py "$base" tests/fixtures/000-wkatu-coworking.xml 1000 "$work/ids"
head -n "$pdfs" "$work/ids" >"$work/pdf-ids"

# nginx serves what Nusqa answers, byte for byte, as static files: each
# edition's JSON, XML and (for the PDF run's editions) PDF, fetched once.
mkdir -p "$work/static"
python3 - "$base" "$work/ids" "$work/pdf-ids" "$work/static" <<'PY'
import os, sys, urllib.request
base, ids, pdf_ids, folder = sys.argv[1:5]
def fetch(path, accept):
    request = urllib.request.Request(base + path, headers={
        "Accept": accept, "Authorization": "Bearer " + os.environ["NUSQA_TOKEN"]})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return reply.read()
for line in open(ids):
    id = line.strip()
    open(f"{folder}/{id}.json", "wb").write(fetch(f"/api/v1/editions/{id}", "application/json"))
    open(f"{folder}/{id}.xml", "wb").write(fetch(f"/api/v1/editions/{id}", "application/xml"))
for line in open(pdf_ids):
    id = line.strip()
    open(f"{folder}/{id}.pdf", "wb").write(fetch(f"/api/v1/editions/{id}/pdf", "application/pdf"))
PY
# nginx's workers run as an unprivileged user: they must read the files.
chmod a+x "$work"
chmod -R a+rX "$work/static"
nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
    types { application/json json; application/xml xml; application/pdf pdf; }
    access_log $work/nginx/access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    server {
        listen 127.0.0.1:$nginx_port;
        location /static/ { alias $work/static/; }
    }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx=$!
for _ in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/static/$(head -1 "$work/ids").json" && break
    sleep 0.1
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "load: wrk -t$threads -c$connections -d${duration}s; JSON and XML over 1,000 editions, PDF over $pdfs; SQLite store; both servers log access to a file"
field() { sed -n "s|.*$1=\([0-9.]*\).*|\1|p" <<<"$2"; }
# One measured run: a 3 s warm-up (Nusqa's thread pool grows to the number
# of connections on demand, SQLite's page cache and the rendition cache
# fill), then the measured run. Prints the RESULT line.
# With a PID, the measured run's line also gets the CPU time (user + system)
# that process spent per request: a figure that holds on a loaded machine,
# where the rates depend on what else runs.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() {  # KIND STATIC URL IDS [PID]
    KIND=$1 STATIC=$2 IDS_FILE=$4 wrk -t"$threads" -c"$connections" -d3s --timeout 5s \
        -s bench/http/editions.lua "$3" | grep RESULT
    local before=0 result
    [ -n "${5:-}" ] && before=$(cpu_ticks "$5")
    result=$(KIND=$1 STATIC=$2 IDS_FILE=$4 wrk -t"$threads" -c"$connections" -d"${duration}s" \
        --timeout 5s -s bench/http/editions.lua "$3" | grep RESULT)
    if [ -n "${5:-}" ]; then
        result+=$(python3 -c "import os,sys; t,r=int(sys.argv[1]),int(sys.argv[2]); \
print(f' cpu={t * 1e6 / os.sysconf(\"SC_CLK_TCK\") / max(r, 1):.1f}us/request')" \
            "$(($(cpu_ticks "$5") - before))" "$(field requests "$result")")
    fi
    echo "$result"
}
served=0
for kind in json xml pdf; do
    ids=$work/ids
    [ "$kind" = pdf ] && ids=$work/pdf-ids
    static=$(measure "$kind" 1 "http://127.0.0.1:$nginx_port" "$ids" | tail -1)
    runs=$(measure "$kind" 0 "$base" "$ids" "$server")
    ours=$(tail -1 <<<"$runs")
    echo "$kind nginx: ${static#RESULT }"
    echo "$kind nusqa: ${ours#RESULT }"
    ratio=$(python3 -c "print(f'{$(field requests/s "$ours") / $(field requests/s "$static"):.2f}')")
    echo "$kind ratio nusqa/nginx: $ratio (p99 $(field p99 "$ours") ms against $(field p99 "$static") ms; Nusqa's CPU $(field cpu "$ours") us/request)"
    echo "load average after the $kind runs: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$kind" = pdf ]; then
        while read -r line; do served=$((served + $(field requests "$line"))); done <<<"$runs"
    fi
done
# Every PDF served (warm-up included) has its audit entry; requests still in
# flight when wrk stopped may have entries too, so entries >= served.
kill "$server"
wait "$server" || true
server=
entries=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM audit_log WHERE action = 'edition.download_pdf'\").fetchone()[0])" "$work/data/nusqa.db")
# The $pdfs downloads that made nginx's files were audited too.
entries=$((entries - pdfs))
echo "pdf audit: $served downloads answered by wrk's runs, $entries audit entries for them$([ "$entries" -ge "$served" ] && echo " (every download audited)" || echo " — MISSING ENTRIES")"
