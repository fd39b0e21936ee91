#!/usr/bin/env bash
# The load balancer of balancer.sh in front of two stand-in Nusqa nodes
# (python3 HTTP servers answering GET /healthz and naming themselves on /):
#
#   balancer_smoke.sh DIR     DIR: a scratch directory (emptied first)
#
# 1. requests are spread round robin over both nodes, and the nodes see the
#    client's address in X-Forwarded-For;
# 2. a node killed with SIGKILL costs no failed request (the balancer sends a
#    refused request to the other node) and is taken out by the health
#    checks; started again, it is taken back in;
# 3. a node that runs but answers /healthz with 503 (e.g. its database is
#    unreachable) is taken out too.
set -euo pipefail

readonly WAIT_SECONDS=15

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$(realpath -m "$1")
balancer=$(dirname "$(realpath "$0")")/balancer.sh

rm -rf "$dir"
mkdir -p "$dir"
declare -A nodePid nodePort
cleanup() {
    local name
    for name in "${!nodePid[@]}"; do
        kill "${nodePid[$name]}" 2>/dev/null || true
    done
    "$balancer" stop "$dir/lb" 2>/dev/null || true
}
trap cleanup EXIT

log() { echo "balancer_smoke: $*"; }
failCheck() {
    echo "balancer_smoke: FAILED: $*" >&2
    "$balancer" status "$dir/lb" >&2 || true
    exit 1
}
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# A stand-in node: / answers "NAME X-Forwarded-For"; /healthz answers 200,
# or 503 while DIR/NAME.unhealthy exists. Port 0 at first: the kernel picks
# a free one, written to DIR/NAME.port; later starts reuse it.
startNode() {
    local name=$1 port=${2:-0}
    rm -f "$dir/$name.port"
    (
        setsid python3 - "$name" "$port" "$dir" >>"$dir/$name.log" 2>&1 <<'PY' &
import http.server, os, sys
name, port, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            healthy = not os.path.exists(os.path.join(folder, name + ".unhealthy"))
            status, body = (200, b"ok\n") if healthy else (503, b"unavailable\n")
        else:
            status = 200
            body = f"{name} {self.headers.get('X-Forwarded-For', '-')}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
with open(os.path.join(folder, name + ".port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(folder, name + ".port.tmp"), os.path.join(folder, name + ".port"))
server.serve_forever()
PY
        echo "$!" >"$dir/$name.pid"
    )
    nodePid[$name]=$(<"$dir/$name.pid")
    for (( i = 0; i < WAIT_SECONDS * 10; i++ )); do
        [[ -f $dir/$name.port ]] && break
        kill -0 "${nodePid[$name]}" 2>/dev/null || break
        sleep 0.1
    done
    [[ -f $dir/$name.port ]] || failCheck "stand-in node $name did not start: $(cat "$dir/$name.log")"
    nodePort[$name]=$(<"$dir/$name.port")
}

# COUNT requests through the balancer, each on a new connection; prints the
# answers one a line, or "ERROR ..." for a failed request.
requests() {
    python3 - "$(cat "$dir/lb/url")" "$1" <<'PY'
import sys, urllib.request
url, count = sys.argv[1], int(sys.argv[2])
for _ in range(count):
    try:
        with urllib.request.urlopen(url + "/", timeout=10) as reply:
            print(reply.read().decode().strip())
    except Exception as error:
        print(f"ERROR {error}")
PY
}

# Waits until the balancer reports node NAME (node1 or node2) as STATE.
waitForState() {
    local server=$1 state=$2 started
    started=$(now)
    for (( i = 0; i < WAIT_SECONDS * 10; i++ )); do
        if "$balancer" status "$dir/lb" | awk -v s="$server" '$1 == s { print $3 }' |
            grep -qx "$state"; then
            elapsed "$started"
            return 0
        fi
        sleep 0.1
    done
    failCheck "$server was not $state within ${WAIT_SECONDS}s"
}

startNode a
startNode b
BALANCER_CHECK_INTERVAL=500ms "$balancer" start "$dir/lb" 0 "${nodePort[a]}" "${nodePort[b]}"
waitForState node1 UP >/dev/null
waitForState node2 UP >/dev/null

# --- 1. round robin, X-Forwarded-For -----------------------------------------------------
answers=$(requests 20)
grep -q '^ERROR' <<<"$answers" && failCheck "failed requests: $answers"
countA=$(grep -c '^a ' <<<"$answers" || true)
countB=$(grep -c '^b ' <<<"$answers" || true)
(( countA >= 9 && countB >= 9 )) || failCheck "20 requests went $countA to a, $countB to b"
grep -qv ' 127\.0\.0\.1$' <<<"$answers" && failCheck "a node missed X-Forwarded-For: $answers"
log "1. 20 requests: $countA to node a, $countB to node b (round robin); X-Forwarded-For: 127.0.0.1"

# --- 2. a killed node ------------------------------------------------------------------------
kill -KILL "${nodePid[a]}"
unset 'nodePid[a]'
answers=$(requests 20)
grep -q '^ERROR' <<<"$answers" && failCheck "requests failed after node a died: $answers"
[[ $(grep -c '^b ' <<<"$answers") -eq 20 ]] || failCheck "answers after node a died: $answers"
detected=$(waitForState node1 DOWN)
answers=$(requests 10)
[[ $(grep -c '^b ' <<<"$answers") -eq 10 ]] || failCheck "answers with node a out: $answers"
startNode a "${nodePort[a]}"
returned=$(waitForState node1 UP)
answers=$(requests 10)
(( $(grep -c '^a ' <<<"$answers") >= 4 )) || failCheck "node a got no share after its return: $answers"
log "2. node a killed (SIGKILL): no failed request, all to node b; taken out by the checks" \
    "${detected}s after the 20 requests following its death; started again, back in after ${returned}s"

# --- 3. a node that runs but is unhealthy ------------------------------------------------------
touch "$dir/b.unhealthy"
detected=$(waitForState node2 DOWN)
answers=$(requests 10)
[[ $(grep -c '^a ' <<<"$answers") -eq 10 ]] || failCheck "answers with node b unhealthy: $answers"
rm "$dir/b.unhealthy"
returned=$(waitForState node2 UP)
log "3. node b answering /healthz with 503: out after ${detected}s, back ${returned}s after it recovered"

haproxyPid=$(<"$dir/lb/haproxy.pid")
port=$(<"$dir/lb/port")
"$balancer" stop "$dir/lb"
if kill -0 "$haproxyPid" 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    failCheck "the balancer still runs after stop"
fi
log "all checks passed"
