#!/usr/bin/env bash
# A load balancer (HAProxy from Debian) on loopback in front of Nusqa nodes,
# without systemd.
#
#   balancer.sh start DIR PORT BACKEND_PORT...
#                          listen on 127.0.0.1:PORT (0: a free port) and spread
#                          the requests round robin over 127.0.0.1:BACKEND_PORT
#                          (node1, node2, ... in that order), each checked with
#                          GET /healthz every second: two failed checks take a
#                          node out, two good ones bring it back. Writes
#                          DIR/port and DIR/url (http://127.0.0.1:PORT)
#   balancer.sh status DIR one line per node: name, address, UP/DOWN, and the
#                          last check's result
#   balancer.sh stop DIR   stop HAProxy and remove its files from DIR
#
# HAProxy runs in the foreground mode (-db) in its own session, its log
# (one line per request) in DIR/haproxy.log, its configuration in
# DIR/haproxy.cfg, its admin socket in DIR/haproxy.sock. A request whose node
# refuses the connection is sent to another node (redispatch), so a node's
# death costs no failed request even before the checks notice it. The
# balancer adds X-Forwarded-For. `start` stops a balancer left running from
# the same DIR first.
set -euo pipefail

readonly START_TIMEOUT_SECONDS=10
readonly STOP_TIMEOUT_SECONDS=10
readonly PORT_ATTEMPTS=5
# Health checks: interval and how many failed/good checks change the state.
readonly CHECK_INTERVAL=${BALANCER_CHECK_INTERVAL:-1s}

usage() {
    echo "usage: $0 start DIR PORT BACKEND_PORT..." >&2
    echo "       $0 status|stop DIR" >&2
    exit 2
}

[[ $# -ge 2 ]] || usage
action=$1
dir=$(realpath -m "$2")
shift 2
case $action in
    start) [[ $# -ge 2 ]] || usage ;;
    status | stop) [[ $# -eq 0 ]] || usage ;;
    *) usage ;;
esac

config=$dir/haproxy.cfg
logFile=$dir/haproxy.log
pidFile=$dir/haproxy.pid
portFile=$dir/port
urlFile=$dir/url
socket=$dir/haproxy.sock
if (( ${#socket} > 100 )); then
    socket=/tmp/nusqa-balancer-$(printf '%s' "$dir" | md5sum | cut -c1-12).sock
fi

log() { echo "balancer.sh: $*" >&2; }
fail() {
    log "$*"
    exit 1
}

balancerPid() {
    [[ -f $pidFile ]] || return 1
    local pid
    pid=$(<"$pidFile")
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$config" || return 1
    echo "$pid"
}

waitForExit() {
    local pid=$1 seconds=$2
    for (( i = 0; i < seconds * 10; i++ )); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

portTaken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free loopback port below the ephemeral range.
freePort() {
    local port
    for (( i = 0; i < 200; i++ )); do
        port=$(( 20000 + RANDOM % 12000 ))
        portTaken "$port" || { echo "$port"; return 0; }
    done
    fail "no free loopback port found"
}

stopBalancer() {
    local pid
    if pid=$(balancerPid); then
        log "stopping HAProxy (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        if ! waitForExit "$pid" "$STOP_TIMEOUT_SECONDS"; then
            log "HAProxy did not stop in ${STOP_TIMEOUT_SECONDS}s, killing it"
            kill -KILL "$pid" 2>/dev/null || true
            waitForExit "$pid" 5 || true
        fi
    fi
    rm -f "$pidFile" "$portFile" "$urlFile" "$socket" "$config"
}

writeConfig() {
    local port=$1
    shift
    local n=0 backend
    {
        cat <<EOF
# Written by balancer.sh: HAProxy in front of the Nusqa nodes.
global
    log stdout format raw local0 info
    stats socket $socket mode 600 level admin
    maxconn 4096

defaults
    mode http
    log global
    option httplog
    option dontlognull
    # The client's address for the nodes (login throttling per address).
    option forwardfor
    # A refused connection goes to another node (only before anything was
    # sent, so no request runs twice).
    option redispatch
    retries 2
    timeout connect 2s
    timeout client 60s
    # Long enough for a large upload or a PDF rendered on demand.
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    timeout queue 10s
    # A check may wait as long as a write does while Galera evicts a dead
    # database node (commits stall up to ~6 s): shorter, and both Nusqa
    # nodes would be taken out at once.
    timeout check 10s

frontend nusqa
    bind 127.0.0.1:$port
    default_backend nusqa_nodes

backend nusqa_nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz
    http-check expect status 200
    default-server check inter $CHECK_INTERVAL fall 2 rise 2
EOF
        for backend in "$@"; do
            n=$(( n + 1 ))
            echo "    server node$n 127.0.0.1:$backend"
        done
    } >"$config"
}

startBalancer() {
    local port=$1
    shift
    local backend pid chosen
    for backend in "$@"; do
        [[ $backend =~ ^[0-9]+$ ]] || usage
    done
    [[ $port =~ ^[0-9]+$ ]] || usage
    command -v haproxy >/dev/null || fail "haproxy is missing (Debian package haproxy)"
    stopBalancer
    mkdir -p "$dir"

    for (( attempt = 1; attempt <= PORT_ATTEMPTS; attempt++ )); do
        chosen=$port
        (( port == 0 )) && chosen=$(freePort)
        writeConfig "$chosen" "$@"
        haproxy -c -q -f "$config" || fail "HAProxy rejects $config"
        : >"$logFile"
        # setsid and redirected streams: HAProxy must not hold the pipes of
        # the CTest process that started it. The subshell keeps it out of
        # this script's jobs.
        (
            setsid haproxy -db -f "$config" </dev/null >>"$logFile" 2>&1 &
            echo "$!" >"$pidFile"
        )
        pid=$(<"$pidFile")
        for (( i = 0; i < START_TIMEOUT_SECONDS * 10; i++ )); do
            kill -0 "$pid" 2>/dev/null || break
            if portTaken "$chosen" && [[ -S $socket ]]; then
                echo "$chosen" >"$portFile"
                echo "http://127.0.0.1:$chosen" >"$urlFile"
                log "HAProxy (pid $pid) on 127.0.0.1:$chosen in front of 127.0.0.1:{$(
                    IFS=,; echo "$*")}"
                return 0
            fi
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        waitForExit "$pid" 5 || true
        if (( port == 0 && attempt < PORT_ATTEMPTS )) &&
            grep -qiE 'cannot bind|address already in use' "$logFile"; then
            log "port $chosen taken, trying another one"
            continue
        fi
        log "HAProxy did not listen on 127.0.0.1:$chosen within ${START_TIMEOUT_SECONDS}s; its log:"
        tail -n 30 "$logFile" >&2
        stopBalancer
        exit 1
    done
}

statusBalancer() {
    balancerPid >/dev/null || fail "no balancer runs from $dir"
    # "show stat" is CSV; its first line ("# pxname,svname,...") names the
    # columns.
    echo "show stat" | socat -t 2 - "UNIX-CONNECT:$socket" | awk -F, '
        NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) column[$i] = i; next }
        $1 == "nusqa_nodes" && $2 != "BACKEND" {
            print $2, $column["addr"], $column["status"], $column["check_status"]
        }'
}

case $action in
    start) startBalancer "$@" ;;
    status) statusBalancer ;;
    stop) stopBalancer ;;
esac
