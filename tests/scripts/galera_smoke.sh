#!/usr/bin/env bash
# The behaviour of MariaDB Galera that Nusqa's cluster deployment relies on,
# checked on the throwaway cluster of galera.sh (CTest fixture `galera`):
#
#   galera_smoke.sh DIR      DIR: the directory given to `galera.sh start`
#
# 1. A row written through node 1 is read back exactly (Kazakh text) on
#    nodes 2 and 3 with SET SESSION wsrep_sync_wait=1.
# 2. A table without a primary key, and a MyISAM table, are refused
#    (wsrep_mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION).
# 3. Under a write load through node 1, node 2 is killed with SIGKILL and
#    restarted (galera.sh restart: --wsrep-recover, --wsrep-start-position):
#    it rejoins by IST, and every acknowledged write is on all three nodes,
#    which hold identical rows.
# 4. The scheduler lease: two nodes race a compare-and-set UPDATE of one
#    lease row, each in a transaction, 100 rounds; after COMMIT there is
#    never more than one winner (the row names it on a third node), and a
#    loser that had also seen "1 row changed" fails with error 1213 — at
#    COMMIT, or at an earlier statement when the winner's write set arrived
#    first and aborted it.
#
# LEASE_ROUNDS in the environment changes the number of rounds (default 100).
# The SQL goes through the `mariadb` client as the user nusqa over TCP, as
# the application's would. Prints timings; exits non-zero on the first
# failed check.
set -euo pipefail

readonly LEASE_ROUNDS=${LEASE_ROUNDS:-100}
readonly DATABASE=nusqa_smoke

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$(realpath -m "$1")
galera=$(dirname "$(realpath "$0")")/galera.sh
[[ -f $dir/ports ]] || { echo "galera_smoke: no cluster in $dir (start it with galera.sh start)" >&2; exit 1; }

work=$(mktemp -d)
writerPid=
cleanup() {
    if [[ -n $writerPid ]]; then
        kill "$writerPid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

declare -a port
while read -r n sql _; do
    [[ $n == \#* || -z $n ]] && continue
    port[n]=$sql
done <"$dir/ports"

log() { echo "galera_smoke: $*"; }
failCheck() {
    echo "galera_smoke: FAILED: $*" >&2
    "$galera" status "$dir" >&2 || true
    exit 1
}
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# SQL on node N (more arguments go to the client).
sqlOn() {
    local n=$1
    shift
    mariadb --no-defaults --host=127.0.0.1 --port="${port[n]}" --user=nusqa --password=nusqa \
        --default-character-set=utf8mb4 --batch --skip-column-names "$@"
}
# A causal read on node N: it waits until the node has applied everything
# committed anywhere in the cluster before the read began.
readOn() {
    local n=$1
    shift
    sqlOn "$n" "$DATABASE" -e "SET SESSION wsrep_sync_wait = 1; $*"
}

# --- 1. replication and read-your-writes -------------------------------------------

text='Құжаттың нұсқасы: «Әділ», ғылым, өнер, үміт, іс, һәм 𝔸'
sqlOn 1 <<SQL
DROP DATABASE IF EXISTS $DATABASE;
CREATE DATABASE $DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE $DATABASE;
CREATE TABLE notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(200) NOT NULL) ENGINE=InnoDB;
INSERT INTO notes (body) VALUES ('$text');
SQL
for n in 2 3; do
    got=$(readOn "$n" "SELECT body FROM notes")
    [[ $got == "$text" ]] || failCheck "node $n read '$got' instead of '$text'"
done
log "1. a row written on node 1 reads back exactly on nodes 2 and 3 (wsrep_sync_wait=1)"

# --- 2. tables Galera cannot replicate are refused ------------------------------------

expectRefused() {
    local what=$1 statement=$2 output
    if output=$(sqlOn 1 "$DATABASE" -e "$statement" 2>&1); then
        failCheck "$what was accepted: $statement"
    fi
    [[ $output == *"ERROR 4165"* ]] || failCheck "$what failed otherwise than expected: $output"
    for n in 1 2 3; do
        [[ -z $(readOn "$n" "SHOW TABLES LIKE 'refused'") ]] ||
            failCheck "node $n has the refused table ($what)"
    done
}
expectRefused "a table without a primary key" "CREATE TABLE refused (a INT, b TEXT) ENGINE=InnoDB"
expectRefused "a MyISAM table" "CREATE TABLE refused (a INT PRIMARY KEY) ENGINE=MyISAM"
log "2. tables without a primary key and MyISAM tables are refused (error 4165)"

# --- 3. SIGKILL a node under load; it rejoins by IST with every row --------------------

sqlOn 1 "$DATABASE" -e "CREATE TABLE load_rows (seq INT PRIMARY KEY, body VARCHAR(100) NOT NULL,
                                               at DATETIME(6) NOT NULL DEFAULT NOW(6)) ENGINE=InnoDB"
stopFile=$work/stop-writing
# One client session on node 1; each INSERT commits on its own (autocommit),
# and "seq<TAB>time" is printed only once the commit returned: the list of
# acknowledged writes.
(
    i=0
    while [[ ! -e $stopFile ]]; do
        i=$(( i + 1 ))
        echo "INSERT INTO load_rows (seq, body) VALUES ($i, 'жазба $i'); SELECT $i, UNIX_TIMESTAMP(NOW(6));"
        sleep 0.01
    done
) | sqlOn 1 "$DATABASE" --unbuffered >"$work/acks" 2>"$work/writer.err" &
writerPid=$!

sleep 1.5
killedAt=$(now)
"$galera" kill "$dir" 2 2>&1
restartAt=$(now)
"$galera" restart "$dir" 2 2>&1
rejoinSeconds=$(elapsed "$restartAt")
downSeconds=$(elapsed "$killedAt")
sleep 1
touch "$stopFile"
wait "$writerPid" || failCheck "the writer on node 1 failed: $(cat "$work/writer.err")"
writerPid=

transfer=$("$galera" ist "$dir" 2)
[[ $transfer == IST ]] || failCheck "node 2 rejoined by '$transfer', not by IST"
writesets=$(grep -o 'Receiving IST: [0-9]* writesets' "$dir/nodes/2/mariadbd.err" | tail -n 1 |
    grep -o '[0-9]*' || echo '?')

acked=$(wc -l <"$work/acks")
(( acked > 0 )) || failCheck "no write was acknowledged"
longestStall=$(awk -F'\t' 'NR > 1 && $2 - last > gap { gap = $2 - last } { last = $2 }
                           END { printf "%.1f", gap }' "$work/acks")
cut -f1 "$work/acks" | sort -n >"$work/acked-seqs"
reference=
for n in 1 2 3; do
    readOn "$n" "SELECT seq FROM load_rows ORDER BY seq" >"$work/node$n-seqs"
    missing=$(comm -23 "$work/acked-seqs" <(sort -n "$work/node$n-seqs") | wc -l)
    (( missing == 0 )) || failCheck "node $n lacks $missing acknowledged writes"
    summary=$(readOn "$n" "SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS('|', seq, body, at))) FROM load_rows")
    if [[ -z $reference ]]; then
        reference=$summary
    elif [[ $summary != "$reference" ]]; then
        failCheck "node $n holds other rows (count, checksum: $summary) than node 1 ($reference)"
    fi
done
log "3. node 2 killed (SIGKILL) under load and restarted: rejoined by IST ($writesets write sets)" \
    "in ${rejoinSeconds}s (down ${downSeconds}s in all); $acked acknowledged writes, all on" \
    "every node; identical rows (count, checksum: ${reference//$'\t'/, });" \
    "longest commit stall on node 1: ${longestStall}s"

# --- 4. the scheduler lease: never two winners ------------------------------------------

sqlOn 1 "$DATABASE" <<'SQL'
CREATE TABLE job_lease (
    name VARCHAR(64) PRIMARY KEY,
    holder VARCHAR(64) NOT NULL,
    expires_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;
INSERT INTO job_lease VALUES ('scheduler', '', NOW(6) - INTERVAL 1 DAY);
SQL

# One contender: at the agreed instant, compare-and-set the lease in a
# transaction and commit at once. Prints "changed=N" and, if the commit
# returned, "committed"; a failure leaves the client's error message, which
# names the input line (one statement a line).
contend() {
    local n=$1 me=$2 at=$3
    sqlOn "$n" "$DATABASE" 2>&1 <<SQL || true
SET SESSION wsrep_sync_wait = 1;
DO SLEEP(GREATEST(0, $at - UNIX_TIMESTAMP(NOW(6))));
START TRANSACTION;
UPDATE job_lease SET holder = '$me', expires_at = NOW(6) + INTERVAL 30 SECOND WHERE name = 'scheduler' AND (holder = '$me' OR expires_at < NOW(6));
SELECT CONCAT('changed=', ROW_COUNT());
COMMIT;
SELECT 'committed';
SQL
}

leaseStarted=$(now)
bothChanged=0
declare -a failedAt
statementAt=([1]="SET" [2]="DO SLEEP" [3]="START TRANSACTION" [4]="UPDATE"
             [5]="SELECT ROW_COUNT()" [6]="COMMIT" [7]="SELECT")
for (( round = 1; round <= LEASE_ROUNDS; round++ )); do
    # The lease expired; node 3 sets it up, the contenders' sync wait sees it.
    sqlOn 3 "$DATABASE" -e "UPDATE job_lease SET holder = '', expires_at = NOW(6) - INTERVAL 1 SECOND
                            WHERE name = 'scheduler'"
    at=$(awk -v t="$(now)" 'BEGIN { printf "%.6f", t + 0.15 }')
    contend 1 node1 "$at" >"$work/a" &
    contend 2 node2 "$at" >"$work/b" &
    wait
    winners=()
    changed=0
    for side in a b; do
        grep -q '^changed=1$' "$work/$side" && changed=$(( changed + 1 ))
        if grep -q '^changed=1$' "$work/$side" && grep -q '^committed$' "$work/$side"; then
            winners+=("$side")
        elif ! grep -q '^committed$' "$work/$side"; then
            # The only acceptable failure is a certification conflict.
            grep -q 'ERROR 1213' "$work/$side" ||
                failCheck "round $round: contender $side failed otherwise: $(cat "$work/$side")"
            # The contender's input has one statement a line.
            line=$(sed -n 's/^ERROR 1213 .* at line \([0-9]*\):.*/\1/p' "$work/$side")
            failedAt[${line:-0}]=$(( ${failedAt[${line:-0}]:-0} + 1 ))
        fi
    done
    (( changed == 2 )) && bothChanged=$(( bothChanged + 1 ))
    (( ${#winners[@]} == 1 )) ||
        failCheck "round $round: ${#winners[@]} winners: A: $(cat "$work/a") B: $(cat "$work/b")"
    expected=node1
    [[ ${winners[0]} == b ]] && expected=node2
    holder=$(readOn 3 "SELECT holder FROM job_lease WHERE name = 'scheduler'")
    [[ $holder == "$expected" ]] ||
        failCheck "round $round: the lease row names '$holder', the winner was $expected"
done
(( bothChanged > 0 )) ||
    failCheck "in $LEASE_ROUNDS rounds the two contenders never both saw the lease free"
conflicts=
for line in "${!failedAt[@]}"; do
    conflicts+="${conflicts:+, }${failedAt[line]} at ${statementAt[line]:-line $line}"
done
log "4. lease compare-and-set raced from nodes 1 and 2, $LEASE_ROUNDS rounds in" \
    "$(elapsed "$leaseStarted")s: always exactly one winner after COMMIT; in $bothChanged" \
    "rounds both saw \"1 row changed\" before committing; the losers' error 1213 came" \
    "${conflicts:-never}"

sqlOn 1 -e "DROP DATABASE $DATABASE"
log "all checks passed"
