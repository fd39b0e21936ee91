#!/usr/bin/env bash
# A throwaway 3-node MariaDB Galera cluster on loopback for the tests,
# without systemd.
#
#   galera.sh start DIR      bootstrap node 1, join nodes 2 and 3 (rsync state
#                            transfer), wait until all three are Synced in a
#                            cluster of 3, create the user nusqa/nusqa (from
#                            127.0.0.1) and write DIR/urls (one line per node,
#                            mysql://nusqa:nusqa@127.0.0.1:PORT/) and DIR/ports
#   galera.sh stop DIR       stop every node and remove the data
#   galera.sh kill DIR N     SIGKILL node N (a crash: nothing is flushed)
#   galera.sh restart DIR N  bring a stopped or killed node N back the way
#                            systemd's galera_recovery does: `mariadbd
#                            --wsrep-recover` finds the last committed position,
#                            the node starts with --wsrep-start-position=POS and
#                            catches up by IST (incremental transfer from a
#                            donor's write-set cache) instead of a full copy;
#                            waits until the others have dropped the dead node
#                            (~5 s after its death), then until all running
#                            nodes are Synced together; needs at least one
#                            other node running
#   galera.sh status DIR     one line per node: pid, SQL port, cluster size,
#                            state, last committed seqno (or "down")
#   galera.sh ist DIR N      how node N's last start got its state: prints IST
#                            (incremental), SST (full copy) or none (bootstrap,
#                            or the node was already up to date)
#
# DIR/ports has a line "N SQL GMCAST IST SST" per node (free loopback ports
# below the ephemeral range). Node N lives in DIR/nodes/N: my.cnf, data/, the
# error log mariadbd.err (appended to by every start), recover.err.
#
# The nodes run as the `mysql` user when this script runs as root (as root
# the joiner's rsync state transfer writes as `nobody` and fails), so their
# folders belong to mysql; if mysql cannot reach DIR, the node folders go to
# a directory under /tmp and DIR/nodes links to it. As an ordinary user the
# nodes run as that user. `start` stops a cluster left running from the same
# DIR first. Every wait is bounded; a failure names the node and prints the
# end of its error log.
set -euo pipefail

readonly NODES=3
readonly PROVIDER=/usr/lib/galera/libgalera_smm.so
readonly CLUSTER_NAME=nusqa-test
readonly JOIN_TIMEOUT_SECONDS=120   # a node's start up to Synced, state transfer included
readonly RECOVER_TIMEOUT_SECONDS=60 # mariadbd --wsrep-recover
readonly STOP_TIMEOUT_SECONDS=30
readonly PORT_ATTEMPTS=5
readonly LOG_TAIL_LINES=40

usage() {
    echo "usage: $0 start|stop|status DIR" >&2
    echo "       $0 kill|restart|ist DIR N" >&2
    exit 2
}

[[ $# -ge 2 ]] || usage
action=$1
dir=$(realpath -m "$2")
node=
case $action in
    start | stop | status) [[ $# -eq 2 ]] || usage ;;
    kill | restart | ist)
        if [[ $# -ne 3 || ! $3 =~ ^[1-9]$ ]] || (( $3 > NODES )); then
            usage
        fi
        node=$3
        ;;
    *) usage ;;
esac

nodesLink=$dir/nodes
portsFile=$dir/ports
urlsFile=$dir/urls
osUser=$(id -un)
hash=$(printf '%s' "$dir" | md5sum | cut -c1-12)
# Where the node folders go when the mysql user cannot reach DIR.
fallbackRoot=/tmp/nusqa-galera-$hash

runAsMysql=0
if [[ $(id -u) -eq 0 ]]; then
    runAsMysql=1
fi

log() { echo "galera.sh: $*" >&2; }

now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The node folders: DIR/nodes, or the directory it links to (mariadbd, running
# as mysql, gets the real path).
nodesRoot=$nodesLink
if [[ -L $nodesLink ]]; then
    nodesRoot=$(readlink -f "$nodesLink")
fi
nodeDir() { echo "$nodesRoot/$1"; }
cnfFile() { echo "$(nodeDir "$1")/my.cnf"; }
errorLog() { echo "$(nodeDir "$1")/mariadbd.err"; }

# A Unix socket path is limited to 107 bytes; fall back to a short path.
socketPath() {
    local socket
    socket=$(nodeDir "$1")/mariadbd.sock
    if (( ${#socket} > 100 )); then
        socket=/tmp/nusqa-galera-$hash-$1.sock
    fi
    echo "$socket"
}

showLogTail() {
    local n=$1 file
    file=$(errorLog "$n")
    if [[ -f $file ]]; then
        log "the last $LOG_TAIL_LINES lines of node $n's error log ($file):"
        tail -n "$LOG_TAIL_LINES" "$file" >&2
    else
        log "node $n has no error log ($file)"
    fi
}

fail() {
    log "$*"
    exit 1
}

# --- processes ----------------------------------------------------------------

# The pid of node N's mariadbd, if it runs: the recorded pid, checked against
# the process's command line so that a recycled pid is never taken for it.
nodePid() {
    local n=$1 pidFile pid
    pidFile=$(nodeDir "$n")/node.pid
    [[ -f $pidFile ]] || return 1
    pid=$(<"$pidFile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--defaults-file=$(cnfFile "$n")" || return 1
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

# Stops every running node at once (a node that leaves announces it; the
# data is thrown away afterwards, so the order does not matter).
# With "now", kills them instead (a failed start: a joiner waiting for its
# state transfer ignores SIGTERM for a long time).
stopNodes() {
    local hard=${1:-} n pid pids=()
    [[ -d $nodesRoot ]] || return 0
    for (( n = 1; n <= NODES; n++ )); do
        if pid=$(nodePid "$n"); then
            if [[ $hard == now ]]; then
                killNode "$n"
                continue
            fi
            log "stopping node $n (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
    done
    for pid in "${pids[@]}"; do
        if ! waitForExit "$pid" "$STOP_TIMEOUT_SECONDS"; then
            log "mariadbd pid $pid did not stop in ${STOP_TIMEOUT_SECONDS}s, killing it"
            # The node is the leader of its own process group (setsid):
            # this also ends a state-transfer script it may be running.
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            waitForExit "$pid" 5 || true
        fi
    done
}

removeEverything() {
    local n target
    if [[ -L $nodesLink ]]; then
        target=$(readlink -f "$nodesLink" || true)
        [[ -n $target && $target == /tmp/nusqa-galera-* ]] && rm -rf "$target"
    fi
    rm -rf "$nodesLink" "$fallbackRoot"
    for (( n = 1; n <= NODES; n++ )); do
        rm -f "/tmp/nusqa-galera-$hash-$n.sock"
    done
    rm -f "$portsFile" "$urlsFile"
}

# --- clients ------------------------------------------------------------------

# Runs SQL on node N as the administrator (socket authentication).
nodeSql() {
    local n=$1
    shift
    mariadb --no-defaults --socket="$(socketPath "$n")" --user="$osUser" \
        --batch --skip-column-names --connect-timeout=2 "$@"
}

statusOf() {
    local n=$1 name=$2
    nodeSql "$n" -e "SHOW GLOBAL STATUS LIKE '$name'" 2>/dev/null | cut -f2
}

# 0 when node N is Synced in a primary component of SIZE nodes (of any size
# when SIZE is empty).
isSynced() {
    local n=$1 size=$2 values
    values=$(nodeSql "$n" -e "SELECT
            MAX(IF(VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT', VARIABLE_VALUE, NULL)),
            MAX(IF(VARIABLE_NAME = 'WSREP_CLUSTER_SIZE', VARIABLE_VALUE, NULL)),
            MAX(IF(VARIABLE_NAME = 'WSREP_CLUSTER_STATUS', VARIABLE_VALUE, NULL)),
            MAX(IF(VARIABLE_NAME = 'WSREP_READY', VARIABLE_VALUE, NULL))
        FROM information_schema.GLOBAL_STATUS
        WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE_COMMENT', 'WSREP_CLUSTER_SIZE',
                                'WSREP_CLUSTER_STATUS', 'WSREP_READY')" 2>/dev/null) || return 1
    local state clusterSize status ready
    IFS=$'\t' read -r state clusterSize status ready <<<"$values"
    [[ $state == Synced && $status == Primary && $ready == ON ]] &&
        [[ -z $size || $clusterSize == "$size" ]]
}

# Waits until node N is Synced in a cluster of SIZE (any size when empty);
# when it times out or the node exits, says so and fails (the caller prints
# the error log's end).
waitSynced() {
    local n=$1 size=$2 seconds=${3:-$JOIN_TIMEOUT_SECONDS} pid
    for (( i = 0; i < seconds * 5; i++ )); do
        if isSynced "$n" "$size"; then
            return 0
        fi
        if ! pid=$(nodePid "$n"); then
            log "node $n exited before it was Synced${size:+ in a cluster of $size}"
            return 1
        fi
        sleep 0.2
    done
    log "node $n was not Synced${size:+ in a cluster of $size} within ${seconds}s" \
        "(state: $(statusOf "$n" wsrep_local_state_comment || true)," \
        "size: $(statusOf "$n" wsrep_cluster_size || true))"
    return 1
}

# --- ports and configuration ---------------------------------------------------

declare -a sqlPort gmcastPort istPort sstPort

portTaken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free loopback port below the ephemeral range (32768 and up), so that no
# outgoing connection takes it between the choice and the bind.
freePort() {
    local port used
    for (( attempt = 0; attempt < 200; attempt++ )); do
        port=$(( 20000 + RANDOM % 12000 ))
        used=" ${sqlPort[*]:-} ${gmcastPort[*]:-} ${istPort[*]:-} ${sstPort[*]:-} "
        [[ $used == *" $port "* ]] && continue
        portTaken "$port" && continue
        echo "$port"
        return 0
    done
    fail "no free loopback port found"
}

choosePorts() {
    local n=$1
    sqlPort[n]=0 gmcastPort[n]=0 istPort[n]=0 sstPort[n]=0
    sqlPort[n]=$(freePort)
    gmcastPort[n]=$(freePort)
    istPort[n]=$(freePort)
    sstPort[n]=$(freePort)
}

writePorts() {
    local n
    {
        echo "# node sql gmcast ist sst"
        for (( n = 1; n <= NODES; n++ )); do
            echo "$n ${sqlPort[n]} ${gmcastPort[n]} ${istPort[n]} ${sstPort[n]}"
        done
    } >"$portsFile"
}

readPorts() {
    [[ -f $portsFile ]] || fail "no cluster in $dir ($portsFile is missing)"
    local n s g i t
    while read -r n s g i t; do
        [[ $n == \#* || -z $n ]] && continue
        sqlPort[n]=$s gmcastPort[n]=$g istPort[n]=$i sstPort[n]=$t
    done <"$portsFile"
}

writeConfig() {
    local n=$1 members="" m userLine=""
    for (( m = 1; m <= NODES; m++ )); do
        members+="${members:+,}127.0.0.1:${gmcastPort[m]}"
    done
    (( runAsMysql )) && userLine="user=mysql"
    cat >"$(cnfFile "$n")" <<EOF
# Node $n of the throwaway Galera test cluster (written by galera.sh).
[mysqld]
$userLine
datadir=$(nodeDir "$n")/data
tmpdir=$(nodeDir "$n")/tmp
socket=$(socketPath "$n")
pid-file=$(nodeDir "$n")/mariadbd.pid
log-error=$(errorLog "$n")
port=${sqlPort[n]}
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
default-storage-engine=InnoDB
# Small enough for three nodes on a test machine.
innodb-buffer-pool-size=64M
innodb-log-file-size=16M
# What Galera needs.
binlog-format=ROW
innodb-autoinc-lock-mode=2
wsrep-on=ON
wsrep-provider=$PROVIDER
wsrep-cluster-name=$CLUSTER_NAME
wsrep-cluster-address=gcomm://$members
wsrep-node-name=node$n
wsrep-node-address=127.0.0.1:${gmcastPort[n]}
wsrep-node-incoming-address=127.0.0.1:${sqlPort[n]}
wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:${gmcastPort[n]};ist.recv_addr=127.0.0.1:${istPort[n]};gcache.size=64M"
wsrep-sst-method=rsync
wsrep-sst-receive-address=127.0.0.1:${sstPort[n]}
# Refuse what Galera cannot replicate safely: tables without a primary key,
# DDL on non-transactional (non-InnoDB) tables. wsrep_sync_wait is left to
# the client (default 0).
wsrep-mode=STRICT_REPLICATION,REQUIRED_PRIMARY_KEY
EOF
}

prepareNodeDir() {
    local n=$1 folder
    folder=$(nodeDir "$n")
    mkdir -p "$folder/data" "$folder/tmp"
    if (( runAsMysql )); then
        chown -R mysql:mysql "$folder"
    fi
}

# Can the mysql user reach (search) DIR?
mysqlReaches() {
    (( runAsMysql )) || return 0
    runuser -u mysql -- test -x "$dir" 2>/dev/null
}

# --- starting a node ------------------------------------------------------------

# Starts node N's mariadbd in its own session with ARGS added; remembers where
# its error log stood, so that `ist` reads only this start's lines.
launchNode() {
    local n=$1
    shift
    local file
    file=$(errorLog "$n")
    touch "$file"
    (( runAsMysql )) && chown mysql:mysql "$file"
    stat -c %s "$file" >"$(nodeDir "$n")/start.offset"
    # setsid and redirected streams: the node must not hold the pipes of the
    # CTest process that started it, or CTest waits for it.
    # The subshell makes it no job of this script (no "Killed" notices).
    (
        setsid mariadbd --defaults-file="$(cnfFile "$n")" "$@" </dev/null >>"$file" 2>&1 &
        echo "$!" >"$(nodeDir "$n")/node.pid"
    )
}

# This start's part of node N's error log.
currentLog() {
    local n=$1 offset=0 file
    file=$(errorLog "$n")
    [[ -f $(nodeDir "$n")/start.offset ]] && offset=$(<"$(nodeDir "$n")/start.offset")
    if [[ -f $file ]]; then
        tail -c "+$(( offset + 1 ))" "$file"
    fi
}

# Did node N (no longer running) fail because one of its ports was taken?
# Either its log says so or something else listens there now (Galera 26.4
# reports a taken gmcast port as "Failed to read thread schedparams").
portConflict() {
    local n=$1 port
    for port in "${sqlPort[n]}" "${gmcastPort[n]}" "${istPort[n]}" "${sstPort[n]}"; do
        portTaken "$port" && return 0
    done
    currentLog "$n" | grep -qE 'Address already in use|has been taken by another program'
}

killNode() {
    local n=$1 pid
    if pid=$(nodePid "$n"); then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        waitForExit "$pid" 10 || fail "node $n (pid $pid) survived SIGKILL"
    fi
}

# New ports for node N, in DIR/ports and every node's my.cnf (the running
# nodes read theirs only when they start).
retryWithNewPorts() {
    local n=$1 m
    choosePorts "$n"
    writePorts
    for (( m = 1; m <= NODES; m++ )); do
        writeConfig "$m"
    done
    # A failed joiner may have left a partial copy behind.
    if (( n != 1 )); then
        rm -rf "$(nodeDir "$n")/data"
        prepareNodeDir "$n"
    fi
}

# Starts node N with ARGS and waits until it is Synced in a cluster of SIZE.
# When a port turned out to be taken, node N gets new ports (written to
# DIR/ports and every node's my.cnf) and starts again.
startNode() {
    local n=$1 size=$2
    shift 2
    for (( attempt = 1; attempt <= PORT_ATTEMPTS; attempt++ )); do
        launchNode "$n" "$@"
        if waitSynced "$n" "$size"; then
            return 0
        fi
        killNode "$n"
        if (( attempt < PORT_ATTEMPTS )) && portConflict "$n"; then
            log "a port of node $n was taken, choosing new ones"
            retryWithNewPorts "$n"
            continue
        fi
        showLogTail "$n"
        return 1
    done
}

# --- actions ------------------------------------------------------------------

startCluster() {
    local started n
    started=$(now)
    stopNodes
    removeEverything
    mkdir -p "$dir"
    [[ -x $PROVIDER ]] || [[ -f $PROVIDER ]] ||
        fail "the Galera provider $PROVIDER is missing (Debian package galera-4)"

    if mysqlReaches; then
        mkdir -p "$nodesLink"
        nodesRoot=$nodesLink
    else
        log "the mysql user cannot reach $dir; the nodes live in $fallbackRoot"
        mkdir -p "$fallbackRoot"
        chmod 755 "$fallbackRoot"
        ln -s "$fallbackRoot" "$nodesLink"
        nodesRoot=$fallbackRoot
    fi

    for (( n = 1; n <= NODES; n++ )); do
        choosePorts "$n"
    done
    writePorts
    for (( n = 1; n <= NODES; n++ )); do
        prepareNodeDir "$n"
        writeConfig "$n"
    done

    # Only the first node is initialised; the others receive its data by a
    # full state transfer (rsync) when they join.
    local installUser=()
    (( runAsMysql )) && installUser=(--user=mysql)
    if ! mariadb-install-db --no-defaults "${installUser[@]}" --datadir="$(nodeDir 1)/data" \
        --innodb-log-file-size=16M \
        --auth-root-authentication-method=socket --auth-root-socket-user="$osUser" \
        --skip-test-db >"$(nodeDir 1)/install.log" 2>&1; then
        log "mariadb-install-db failed:"
        cat "$(nodeDir 1)/install.log" >&2
        exit 1
    fi

    if ! startNode 1 1 --wsrep-new-cluster; then
        stopNodes now
        fail "node 1 did not bootstrap the cluster"
    fi
    nodeSql 1 <<'SQL'
CREATE USER 'nusqa'@'127.0.0.1' IDENTIFIED BY 'nusqa';
GRANT ALL PRIVILEGES ON *.* TO 'nusqa'@'127.0.0.1';
SQL
    log "node 1 bootstrapped in $(elapsed "$started")s"

    # The joiners start together: the donor serves one full copy at a time,
    # a second joiner waits for it or takes the first joiner as its donor.
    for (( n = 2; n <= NODES; n++ )); do
        launchNode "$n"
    done
    for (( n = 2; n <= NODES; n++ )); do
        if waitSynced "$n" ""; then
            log "node $n joined after $(elapsed "$started")s"
            continue
        fi
        killNode "$n"
        if portConflict "$n"; then
            log "a port of node $n was taken, choosing new ones"
            retryWithNewPorts "$n"
            if startNode "$n" ""; then
                log "node $n joined after $(elapsed "$started")s"
                continue
            fi
        else
            showLogTail "$n"
        fi
        stopNodes now
        fail "node $n did not join the cluster"
    done
    for (( n = 1; n <= NODES; n++ )); do
        if ! waitSynced "$n" "$NODES" 30; then
            showLogTail "$n"
            stopNodes now
            fail "the cluster did not settle at $NODES Synced nodes"
        fi
    done

    : >"$urlsFile"
    for (( n = 1; n <= NODES; n++ )); do
        echo "mysql://nusqa:nusqa@127.0.0.1:${sqlPort[n]}/" >>"$urlsFile"
    done
    log "cluster of $NODES Synced in $(elapsed "$started")s; SQL ports" \
        "${sqlPort[1]} ${sqlPort[2]} ${sqlPort[3]}; URLs in $urlsFile"
}

stopCluster() {
    stopNodes
    removeEverything
}

killCommand() {
    local pid
    pid=$(nodePid "$node") || fail "node $node is not running"
    kill -KILL "$pid"
    waitForExit "$pid" 10 || fail "node $node (pid $pid) survived SIGKILL"
    log "node $node (pid $pid) killed with SIGKILL"
}

# Waits until the running nodes form a primary component without the dead
# node N (they drop it evs.suspect_timeout, 5 s by default, after its death;
# a new incarnation knocking earlier waits until the old one is evicted,
# evs.inactive_timeout, 15 s). Fails when they do not, e.g. when too few are
# left for a quorum.
waitUntilGone() {
    local n=$1 m others=() size status
    for (( m = 1; m <= NODES; m++ )); do
        (( m != n )) && nodePid "$m" >/dev/null && others+=("$m")
    done
    for m in "${others[@]}"; do
        for (( i = 0; i < STOP_TIMEOUT_SECONDS * 5; i++ )); do
            size=$(statusOf "$m" wsrep_cluster_size || true)
            status=$(statusOf "$m" wsrep_cluster_status || true)
            [[ $size == "${#others[@]}" && $status == Primary ]] && break
            sleep 0.2
        done
        if [[ $size != "${#others[@]}" || $status != Primary ]]; then
            showLogTail "$m"
            fail "node $m is not in a primary component of ${#others[@]} nodes" \
                "${STOP_TIMEOUT_SECONDS}s after node $n went down (size ${size:-?}," \
                "status ${status:-?}; without a quorum the cluster must be bootstrapped anew)"
        fi
    done
}

restartCommand() {
    local started pid recoverLog position n
    started=$(now)
    readPorts
    if pid=$(nodePid "$node"); then
        fail "node $node is running (pid $pid); kill or stop it first"
    fi
    local running=0 m
    for (( m = 1; m <= NODES; m++ )); do
        (( m != node )) && nodePid "$m" >/dev/null && running=$(( running + 1 ))
    done
    (( running > 0 )) ||
        fail "no other node runs: node $node has nobody to rejoin (start the cluster anew)"
    waitUntilGone "$node"
    log "the other nodes dropped node $node after $(elapsed "$started")s"
    recoverLog=$(nodeDir "$node")/recover.err
    rm -f "$recoverLog"
    # What galera_recovery does: InnoDB crash recovery, then the last
    # committed write set's position, printed to the log; the server exits.
    if ! timeout "$RECOVER_TIMEOUT_SECONDS" mariadbd --defaults-file="$(cnfFile "$node")" \
        --wsrep-recover --log-error="$recoverLog" </dev/null >/dev/null 2>&1; then
        log "mariadbd --wsrep-recover failed or took over ${RECOVER_TIMEOUT_SECONDS}s:"
        tail -n "$LOG_TAIL_LINES" "$recoverLog" >&2 || true
        exit 1
    fi
    position=$(sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$recoverLog" | tail -n 1)
    if [[ ! $position =~ ^[0-9a-f-]{36}:[0-9]+$ ]]; then
        log "no usable recovered position in $recoverLog ('$position'); node $node" \
            "starts without one and gets a full state transfer"
        position=
    else
        log "node $node recovered position $position after $(elapsed "$started")s"
    fi
    local extra=()
    [[ -n $position ]] && extra=(--wsrep-start-position="$position")
    launchNode "$node" "${extra[@]}"
    if ! waitSynced "$node" $(( running + 1 )); then
        showLogTail "$node"
        fail "node $node did not rejoin"
    fi
    for (( n = 1; n <= NODES; n++ )); do
        nodePid "$n" >/dev/null || continue
        if ! waitSynced "$n" $(( running + 1 )) 30; then
            showLogTail "$n"
            fail "the cluster did not settle at $(( running + 1 )) Synced nodes after node $node rejoined"
        fi
    done
    log "node $node rejoined by $(istCommand) after $(elapsed "$started")s"
}

statusCommand() {
    local n pid values
    readPorts
    for (( n = 1; n <= NODES; n++ )); do
        if ! pid=$(nodePid "$n"); then
            echo "node$n down port=${sqlPort[n]}"
            continue
        fi
        values=$(nodeSql "$n" -e "SELECT
                MAX(IF(VARIABLE_NAME = 'WSREP_CLUSTER_SIZE', VARIABLE_VALUE, NULL)),
                MAX(IF(VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT', VARIABLE_VALUE, NULL)),
                MAX(IF(VARIABLE_NAME = 'WSREP_LAST_COMMITTED', VARIABLE_VALUE, NULL))
            FROM information_schema.GLOBAL_STATUS
            WHERE VARIABLE_NAME IN ('WSREP_CLUSTER_SIZE', 'WSREP_LOCAL_STATE_COMMENT',
                                    'WSREP_LAST_COMMITTED')" 2>/dev/null) ||
            values=$'?\tnot answering\t?'
        IFS=$'\t' read -r size state committed <<<"$values"
        echo "node$n pid=$pid port=${sqlPort[n]} size=$size state=${state// /_}" \
            "last_committed=$committed"
    done
}

# IST: the joiner received only the write sets it missed; SST: it received a
# full copy of the data directory; none: neither (the bootstrap node). The
# rsync state-transfer script names what it did on the joiner ("rsync IST
# completed on joiner" when the donor bypassed the copy); the server itself
# logs "SST received" in both cases.
istCommand() {
    local text
    [[ -f $portsFile ]] || fail "no cluster in $dir ($portsFile is missing)"
    text=$(currentLog "$node")
    if grep -q 'SST completed on joiner' <<<"$text"; then
        echo SST
    elif grep -qE 'IST completed on joiner|Receiving IST: [0-9]+ writesets' <<<"$text"; then
        echo IST
    else
        echo none
    fi
}

case $action in
    start) startCluster ;;
    stop) stopCluster ;;
    kill) killCommand ;;
    restart) restartCommand ;;
    status) statusCommand ;;
    ist) istCommand ;;
esac
