#!/usr/bin/env bash
# bench/http/instructions.sh: the instructions Nusqa's process runs per
# request (all threads: request threads, the log writer, the group commit),
# counted by valgrind's callgrind, for the JSON metadata and the cached PDF.
# Unlike requests/s or CPU time this does not move with the machine's load,
# so two builds can be compared on a busy machine (where hardware counters
# are missing too, as in a VM).
# Usage: BUILD_DIR=DIR bench/http/instructions.sh [REQUESTS] [CLIENTS]
# A fresh SQLite store with 20 documents; REQUESTS (default 2000) of each
# kind from CLIENTS (default 16) keep-alive connections over the 20 editions
# (PDFs: the first 5, rendered and cached before counting starts).
# Prints one line per kind: instructions per request (thousands).
# COUNT=syscalls counts the system calls instead (strace -c -f attached for
# each kind, the server not under valgrind): the kernel's share of a
# request, which callgrind does not see; prints the calls per request, the
# most frequent first.
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-2000}
clients=${2:-16}
nusqa=${BUILD_DIR:?set BUILD_DIR to a build folder}/bin/nusqa
count=${COUNT:-instructions}
if [ "$count" = syscalls ]; then
    command -v strace >/dev/null || scripts/install-deps.sh strace >/dev/null
else
    command -v valgrind >/dev/null || scripts/install-deps.sh valgrind >/dev/null
fi

work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
echo "$password" | NUSQA_DATA_DIR=$work/data "$nusqa" admin create-user --login bench \
    --email bench@localhost --roles quality_office --password-stdin >/dev/null
# The request threads and the helpers are counted together: one output file.
# `nusqa serve` runs in nusqa-full (nusqa hands it over through exec).
tool=(valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" --dump-instr=no)
[ "$count" = syscalls ] && tool=()
NUSQA_HTTP_PORT=$port NUSQA_DATA_DIR=$work/data NUSQA_LOG_FILE=$work/nusqa.log \
    "${tool[@]}" "$nusqa-full" serve 2>"$work/valgrind.log" &
server=$!
for _ in $(seq 600); do
    grep -q "listening on" "$work/nusqa.log" 2>/dev/null && break
    sleep 0.2
done
grep -q "listening on" "$work/nusqa.log" || { cat "$work/valgrind.log"; exit 1; }
target=$server

base=http://127.0.0.1:$port
NUSQA_TOKEN=$(python3 bench/http/token.py "$base" "$password")
export NUSQA_TOKEN
python3 bench/http/seed.py "$base" tests/fixtures/000-wkatu-coworking.xml 20 "$work/ids" 2>/dev/null

# CLIENTS threads, each on one keep-alive connection, REQUESTS in all.
cat >"$work/load.py" <<'PY'
import http.client, os, sys, threading
port, kind, total, clients, ids = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
headers = {"Authorization": "Bearer " + os.environ["NUSQA_TOKEN"],
           "Accept": "application/pdf" if kind == "pdf" else "application/json"}
failures = []
def client(number):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    for i in range(number, total, clients):
        id = ids[i % len(ids)]
        connection.request("GET", f"/api/v1/editions/{id}/pdf" if kind == "pdf" else f"/api/v1/editions/{id}", headers=headers)
        reply = connection.getresponse()
        reply.read()
        if reply.status != 200:
            failures.append(reply.status)
threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
for thread in threads: thread.start()
for thread in threads: thread.join()
if failures:
    sys.exit(f"{len(failures)} failed requests: {failures[:5]}")
PY
pdf_ids=$(head -5 "$work/ids" | xargs)
all_ids=$(xargs <"$work/ids")
# Warm-up, not counted: every edition's JSON, the PDFs rendered and cached,
# the store's pool grown to CLIENTS connections with their statements prepared.
python3 "$work/load.py" "$port" json 400 "$clients" $all_ids
python3 "$work/load.py" "$port" pdf 200 "$clients" $pdf_ids
total() {  # the Ir total of a callgrind dump
    sed -n 's/^\(summary\|totals\): *\([0-9]*\).*/\2/p' "$1" | head -1
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (does not matter for these counts)"
if [ "$count" = syscalls ]; then
    for kind in json pdf; do
        ids=$all_ids
        [ "$kind" = pdf ] && ids=$pdf_ids
        strace -c -S calls -f -p "$target" -o "$work/strace-$kind.txt" 2>/dev/null &
        tracer=$!
        sleep 1  # strace attaches to every thread
        python3 "$work/load.py" "$port" "$kind" "$requests" "$clients" $ids
        kill -INT "$tracer"
        wait "$tracer" || true
        echo "$kind: system calls per request ($requests requests, $clients connections):" \
            "$(awk -v n="$requests" '$NF ~ /^[a-z_0-9]+$/ && $(NF-1) ~ /^[0-9]+$/ && $NF != "total" {
                calls = ($(NF-2) ~ /^[0-9]+$/ && NF == 6) ? $(NF-2) : $(NF-1)
                if (calls / n >= 0.05) printf "%s %.2f, ", $NF, calls / n }' "$work/strace-$kind.txt" |
                sed 's/, $//')"
    done
    exit 0
fi
for kind in json pdf; do
    ids=$all_ids
    [ "$kind" = pdf ] && ids=$pdf_ids
    callgrind_control -z "$target" >/dev/null 2>&1
    python3 "$work/load.py" "$port" "$kind" "$requests" "$clients" $ids
    callgrind_control -d "$kind" "$target" >/dev/null 2>&1
    dump=$(ls -t "$work"/callgrind.out* | head -1)
    echo "$kind: $(python3 -c "import sys; print(f'{int(sys.argv[1]) / int(sys.argv[2]) / 1000:.1f}')" \
        "$(total "$dump")" "$requests")k instructions/request ($requests requests, $clients connections)"
done
