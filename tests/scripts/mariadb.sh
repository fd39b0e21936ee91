#!/usr/bin/env bash
# A throwaway MariaDB server for the tests, without systemd.
#
#   mariadb.sh start DIR   initialise DIR/data, start mariadbd on a free
#                          loopback port, create the user nusqa/nusqa and write
#                          mysql://nusqa:nusqa@127.0.0.1:PORT to DIR/url
#   mariadb.sh stop DIR    shut the server down and remove DIR/data
#
# NUSQA_MARIADB_OPTIONS, when set, adds server options (the scale benchmark
# sizes the buffer pool). Everything (socket, pid file, error log) lives under DIR. `start` stops a
# server left running from the same DIR first, so it is idempotent. Works as
# root (mariadbd then runs with --user=root) and as an ordinary user.
set -euo pipefail

readonly START_TIMEOUT_SECONDS=30
readonly STOP_TIMEOUT_SECONDS=30
readonly PORT_ATTEMPTS=5

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
action=$1
dir=$(realpath -m "$2")
data=$dir/data
pidFile=$dir/mariadbd.pid
errorLog=$dir/mariadbd.err
urlFile=$dir/url
osUser=$(id -un)

# A Unix socket path is limited to 107 bytes; fall back to a short directory.
socket=$dir/mariadbd.sock
if (( ${#socket} > 100 )); then
    socket=/tmp/nusqa-mariadb-$(printf '%s' "$dir" | md5sum | cut -c1-12).sock
fi

userOption=()
if [[ $(id -u) -eq 0 ]]; then
    userOption=(--user=root)
fi

log() { echo "mariadb.sh: $*" >&2; }

serverPid() {
    [[ -f $pidFile ]] || return 1
    local pid
    pid=$(<"$pidFile")
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

waitForExit() {
    local pid=$1 seconds=$2
    for (( i = 0; i < seconds * 10; i++ )); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

stopServer() {
    local pid
    if pid=$(serverPid); then
        log "stopping mariadbd (pid $pid)"
        mariadb-admin --no-defaults --socket="$socket" --user="$osUser" shutdown \
            >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
        if ! waitForExit "$pid" "$STOP_TIMEOUT_SECONDS"; then
            log "mariadbd did not stop in ${STOP_TIMEOUT_SECONDS}s, killing it"
            kill -KILL "$pid" 2>/dev/null || true
            waitForExit "$pid" 5 || true
        fi
    fi
    rm -rf "$data" "$dir/tmp"
    rm -f "$pidFile" "$socket" "$urlFile"
}

# A loopback port nobody listens on: a connection attempt is refused.
freePort() {
    local port
    for (( i = 0; i < 100; i++ )); do
        port=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    log "no free loopback port found"
    return 1
}

# 0: answering; 1: gave up (the error log is printed by the caller).
waitUntilReady() {
    local pid=$1
    for (( i = 0; i < START_TIMEOUT_SECONDS * 10; i++ )); do
        if mariadb-admin --no-defaults --socket="$socket" --user="$osUser" ping \
            >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

startServer() {
    stopServer
    mkdir -p "$dir" "$dir/tmp"
    : >"$errorLog"

    if ! mariadb-install-db --no-defaults "${userOption[@]}" --datadir="$data" \
        --auth-root-authentication-method=socket --auth-root-socket-user="$osUser" \
        --skip-test-db >"$dir/install.log" 2>&1; then
        log "mariadb-install-db failed:"
        cat "$dir/install.log" >&2
        exit 1
    fi

    local port pid
    for (( attempt = 1; attempt <= PORT_ATTEMPTS; attempt++ )); do
        port=$(freePort)
        # setsid and redirected streams: the server must not hold the pipes of
        # the CTest process that started it, or CTest waits for it.
        setsid mariadbd --no-defaults "${userOption[@]}" --datadir="$data" \
            --socket="$socket" --port="$port" --bind-address=127.0.0.1 \
            --pid-file="$pidFile" --log-error="$errorLog" --tmpdir="$dir/tmp" \
            --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
            --skip-name-resolve --skip-log-bin ${NUSQA_MARIADB_OPTIONS:-} \
            </dev/null >>"$errorLog" 2>&1 &
        pid=$!
        if waitUntilReady "$pid"; then
            break
        fi
        kill -KILL "$pid" 2>/dev/null || true
        waitForExit "$pid" 5 || true
        if (( attempt < PORT_ATTEMPTS )) && grep -q 'Address already in use' "$errorLog"; then
            log "port $port taken, trying another one"
            continue
        fi
        log "mariadbd did not answer within ${START_TIMEOUT_SECONDS}s; error log:"
        cat "$errorLog" >&2
        stopServer
        exit 1
    done
    echo "$pid" >"$pidFile"

    mariadb --no-defaults --socket="$socket" --user="$osUser" --batch <<'SQL'
CREATE USER 'nusqa'@'127.0.0.1' IDENTIFIED BY 'nusqa';
GRANT ALL PRIVILEGES ON *.* TO 'nusqa'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
    echo "mysql://nusqa:nusqa@127.0.0.1:$port" >"$urlFile"
    log "mariadbd (pid $pid) listening on 127.0.0.1:$port, data in $data"
}

case $action in
    start) startServer ;;
    stop) stopServer ;;
    *) usage ;;
esac
