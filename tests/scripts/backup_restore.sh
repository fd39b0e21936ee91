#!/usr/bin/env bash
# A tested restore: scripts/backup.sh and scripts/restore.sh on both backends.
#
#   backup_restore.sh DIR URL_FILE [NUSQA]
#     DIR       a scratch directory (emptied first)
#     URL_FILE  holds a mysql:// URL of a throwaway MariaDB server (the
#               `mariadb` fixture: tests/scripts/mariadb.sh)
#     NUSQA     the nusqa binary: with it, the same for real Nusqa stores
#
# SQLite: a WAL database with Kazakh text is backed up while another
# connection keeps writing to it, restored into a fresh file, and compared
# (row count and a checksum of every row). MariaDB: the same table in a
# database is dumped, restored into another database and compared; the
# store URL is percent-encoded to exercise the scripts' URL parsing. A
# restore over existing data is refused without --force.
#
# Nusqa stores (with NUSQA): `nusqa serve` on a SQLite store and on a
# MariaDB database, documents and editions written through its API, a
# backup taken with the documented command while a client keeps writing,
# restored into a fresh file / database: `nusqa audit verify` passes on the
# restored store and every document acknowledged before the backup began
# is in it.
set -euo pipefail

readonly ROWS=3000

[[ $# -eq 2 || $# -eq 3 ]] || { echo "usage: $0 DIR URL_FILE [NUSQA]" >&2; exit 2; }
dir=$(realpath -m "$1")
urlFile=$2
nusqa=${3:+$(realpath "$3")}
scripts=$(realpath "$(dirname "$0")/../../scripts")

rm -rf "$dir"
mkdir -p "$dir"
writerPid=
serverPid=
cleanup() {
    if [[ -n $writerPid ]]; then
        kill "$writerPid" 2>/dev/null || true
    fi
    if [[ -n $serverPid ]]; then
        kill -KILL "$serverPid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

log() { echo "backup_restore: $*"; }
failCheck() {
    echo "backup_restore: FAILED: $*" >&2
    exit 1
}

# --- SQLite ------------------------------------------------------------------------------------

source=$dir/sqlite/nusqa.db
mkdir -p "$(dirname "$source")"
sqlite3 "$source" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE journal (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO notes
SELECT i, 'Құжат № ' || i, 'Ғылыми кеңестің шешімі: өңдеу, үйлестіру, іс қағаздары — ' || i || ' 𝔸'
FROM n;
SQL

# The server stand-in: keeps committing to the database during the backup.
python3 - "$source" "$dir/writer.ready" <<'PY' &
import pathlib, sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
connection.execute("PRAGMA journal_mode = WAL")
pathlib.Path(sys.argv[2]).touch()
while True:
    connection.execute("INSERT INTO journal (at) VALUES (datetime('now'))")
    time.sleep(0.001)
PY
writerPid=$!
for (( i = 0; i < 100; i++ )); do
    [[ -f $dir/writer.ready ]] && break
    sleep 0.1
done
[[ -f $dir/writer.ready ]] || failCheck "the SQLite writer did not start"
sleep 0.3

"$scripts/backup.sh" "sqlite:$source" "$dir/backup/nusqa.db"
journalRows=$(sqlite3 "$source" "SELECT COUNT(*) FROM journal")
kill "$writerPid"
wait "$writerPid" 2>/dev/null || true
writerPid=

restored=$dir/restored/nusqa.db
"$scripts/restore.sh" "$dir/backup/nusqa.db" "sqlite:$restored"

sqliteSummary() {
    echo "$(sqlite3 "$1" "SELECT COUNT(*) FROM notes")" \
        "$(sqlite3 "$1" "SELECT id, title, body FROM notes ORDER BY id" | sha256sum | cut -c1-16)"
}
expected=$(sqliteSummary "$source")
got=$(sqliteSummary "$restored")
[[ $expected == "$ROWS "* ]] || failCheck "the SQLite source holds '$expected'"
[[ $got == "$expected" ]] || failCheck "restored SQLite notes: '$got', source: '$expected'"
copied=$(sqlite3 "$restored" "SELECT COUNT(*) FROM journal")
(( copied > 0 && copied <= journalRows )) ||
    failCheck "the restored journal holds $copied rows (the source had $journalRows after the backup)"
sample=$(sqlite3 "$restored" "SELECT body FROM notes WHERE id = 7")
[[ $sample == 'Ғылыми кеңестің шешімі: өңдеу, үйлестіру, іс қағаздары — 7 𝔸' ]] ||
    failCheck "restored text differs: $sample"
if "$scripts/restore.sh" "$dir/backup/nusqa.db" "sqlite:$restored" 2>/dev/null; then
    failCheck "a restore over an existing SQLite database went ahead without --force"
fi
"$scripts/restore.sh" --force "$dir/backup/nusqa.db" "sqlite:$restored" >/dev/null
log "SQLite: backed up while a writer committed ($copied journal rows in the copy)," \
    "restored: $ROWS rows, checksum equal (${expected#* }); overwriting needs --force"

# --- MariaDB -----------------------------------------------------------------------------------

base=$(<"$urlFile")
base=${base%/}
port=${base##*:}
sql() {
    mariadb --no-defaults --host=127.0.0.1 --port="$port" --user=nusqa --password=nusqa \
        --default-character-set=utf8mb4 --batch --skip-column-names "$@"
}
sql <<SQL
DROP DATABASE IF EXISTS nusqa_backup_source;
DROP DATABASE IF EXISTS nusqa_backup_restored;
CREATE DATABASE nusqa_backup_source CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE nusqa_backup_source;
SET SESSION max_recursive_iterations = 1000000;
CREATE TABLE notes (
    id INT PRIMARY KEY,
    title VARCHAR(100) NOT NULL,
    body TEXT NOT NULL,
    digest VARBINARY(32) NOT NULL
) ENGINE=InnoDB;
INSERT INTO notes
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
SELECT i, CONCAT('Құжат № ', i),
       CONCAT('Ғылыми кеңестің шешімі: өңдеу, үйлестіру, іс қағаздары — ', i, ' 𝔸'),
       UNHEX(SHA2(i, 256))
FROM n;
SQL

# The user name percent-encoded (%6E is n): the scripts decode it as the
# server does.
encoded=${base/mysql:\/\/nusqa:nusqa@/mysql:\/\/%6Eusqa:nusq%61@}
"$scripts/backup.sh" "$encoded/nusqa_backup_source" "$dir/backup/mariadb.sql.gz"
"$scripts/restore.sh" "$dir/backup/mariadb.sql.gz" "$encoded/nusqa_backup_restored"

mariadbSummary() {
    echo "$(sql "$1" -e "SELECT COUNT(*) FROM notes")" \
        "$(sql "$1" -e "SELECT id, title, body, HEX(digest) FROM notes ORDER BY id" |
            sha256sum | cut -c1-16)"
}
expected=$(mariadbSummary nusqa_backup_source)
got=$(mariadbSummary nusqa_backup_restored)
[[ $expected == "$ROWS "* ]] || failCheck "the MariaDB source holds '$expected'"
[[ $got == "$expected" ]] || failCheck "restored MariaDB notes: '$got', source: '$expected'"
sample=$(sql nusqa_backup_restored -e "SELECT body FROM notes WHERE id = 7")
[[ $sample == 'Ғылыми кеңестің шешімі: өңдеу, үйлестіру, іс қағаздары — 7 𝔸' ]] ||
    failCheck "restored MariaDB text differs: $sample"
[[ $(sql -e "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA
             WHERE SCHEMA_NAME = 'nusqa_backup_restored'") == utf8mb4 ]] ||
    failCheck "the restored database is not utf8mb4"
if "$scripts/restore.sh" "$dir/backup/mariadb.sql.gz" "$encoded/nusqa_backup_restored" 2>/dev/null; then
    failCheck "a restore into a database with tables went ahead without --force"
fi
"$scripts/restore.sh" --force "$dir/backup/mariadb.sql.gz" "$encoded/nusqa_backup_restored" >/dev/null
[[ $(mariadbSummary nusqa_backup_restored) == "$expected" ]] ||
    failCheck "the forced restore changed the rows"
sql -e "DROP DATABASE nusqa_backup_source; DROP DATABASE nusqa_backup_restored"
log "MariaDB: dumped and restored into another database: $ROWS rows, checksum equal" \
    "(${expected#* }); overwriting needs --force"

# --- Nusqa stores ------------------------------------------------------------------------------

if [[ -n $nusqa ]]; then
    readonly DOCUMENTS=15
    # The checkout's organisation profiles, wherever the test runs.
    export NUSQA_RENDER_PROFILE_DIRECTORY=${NUSQA_RENDER_PROFILE_DIRECTORY:-$(realpath "$(dirname "$0")/../../doc-templates")}
    template=$(<"$(dirname "$0")/../fixtures/minimal.xml")

    # Starts `nusqa serve` on the store (NUSQA_STORE_URL) and logs in the
    # quality office (cookie jar $1/cookies); sets serverPid and httpPort.
    startServer() {
        local home=$1
        : >>"$home/server.log"
        NUSQA_HTTP_PORT=0 NUSQA_DATA_DIR=$home/data "$nusqa" serve >>"$home/server.log" 2>&1 &
        serverPid=$!
        httpPort=
        for (( i = 0; i < 200; i++ )); do
            httpPort=$(sed -n 's/.*listening on http:\/\/[0-9.]*:\([0-9]*\).*/\1/p' "$home/server.log" | tail -1)
            [[ -n $httpPort ]] && break
            kill -0 "$serverPid" 2>/dev/null || failCheck "nusqa serve exited: $(tail -5 "$home/server.log")"
            sleep 0.1
        done
        [[ -n $httpPort ]] || failCheck "nusqa serve did not start listening"
        curl -sf -c "$home/cookies" -H 'Content-Type: application/json' \
            -d '{"login":"office","password":"office-password-1"}' \
            "http://127.0.0.1:$httpPort/api/v1/auth/login" >/dev/null || failCheck "login failed"
    }

    # A document with one edition through the API; prints its id and code
    # when both were acknowledged.
    addDocument() {
        local home=$1 code=$2 id
        id=$(curl -sf -b "$home/cookies" -H 'Content-Type: application/json' \
            -d "{\"code\":\"$code\",\"kind\":\"regulation\",\"title\":\"Сақтық көшірме\",\"language\":\"kk\"}" \
            "http://127.0.0.1:$httpPort/api/v1/documents" | jq -r .id) || return 1
        curl -sf -b "$home/cookies" -H 'Content-Type: application/xml' \
            --data-binary "${template/<code>СМЖ 07.БЕ.99<\/code>/<code>$code</code>}" \
            "http://127.0.0.1:$httpPort/api/v1/documents/$id/editions" >/dev/null || return 1
        echo "$id $code"
    }

    # storeRoundTrip NAME STORE_URL RESTORED_URL COUNT_COMMAND...
    storeRoundTrip() {
        local name=$1 source=$2 restored=$3 home=$dir/$1
        mkdir -p "$home/data"
        export NUSQA_STORE_URL=$source
        "$nusqa" admin create-user --login office --email office@university.test \
            --roles quality_office --name-kk 'Сапа бөлімі' --password-stdin \
            <<<'office-password-1' >/dev/null || failCheck "$name: admin create-user"
        startServer "$home"
        for (( n = 1; n <= DOCUMENTS; n++ )); do
            addDocument "$home" "BR $name-$n" >>"$home/acknowledged" || failCheck "$name: document $n"
        done
        # A client goes on writing while the backup runs.
        (for (( n = 1; ; n++ )); do addDocument "$home" "BR $name-during-$n" >/dev/null || true; done) &
        writerPid=$!
        sleep 0.5
        "$scripts/backup.sh" "$source" "$home/backup.$4" >/dev/null
        kill "$writerPid"
        wait "$writerPid" 2>/dev/null || true
        writerPid=
        kill -TERM "$serverPid"
        wait "$serverPid" 2>/dev/null || true
        serverPid=

        "$scripts/restore.sh" "$home/backup.$4" "$restored" >/dev/null
        export NUSQA_STORE_URL=$restored
        local verified
        verified=$("$nusqa" audit verify 2>&1) || failCheck "$name: audit verify of the restored store: $verified"
        [[ $verified == *"audit log intact"* ]] || failCheck "$name: audit verify said: $verified"
        # The data is there: the restored store serves every document
        # acknowledged before the backup began.
        mkdir -p "$home/restored"
        startServer "$home/restored"
        local id code found=0
        while read -r id code; do
            [[ $(curl -sf -b "$home/restored/cookies" "http://127.0.0.1:$httpPort/api/v1/documents/$id" |
                jq -r .code) == "$code" ]] ||
                failCheck "$name: document $id ($code) is missing from the restored store"
            found=$(( found + 1 ))
        done <"$home/acknowledged"
        kill -TERM "$serverPid"
        wait "$serverPid" 2>/dev/null || true
        serverPid=
        unset NUSQA_STORE_URL
        log "Nusqa on $name: backed up while a client wrote, restored: audit verify passes" \
            "(${verified%%$'\n'*}), $found of $DOCUMENTS acknowledged documents served"
    }

    storeRoundTrip sqlite "sqlite:$dir/sqlite/store/nusqa.db" "sqlite:$dir/sqlite/restored/nusqa.db" db
    sql -e "DROP DATABASE IF EXISTS nusqa_backup_store; DROP DATABASE IF EXISTS nusqa_backup_store_restored"
    storeRoundTrip mariadb "$base/nusqa_backup_store" "$base/nusqa_backup_store_restored" sql.gz
    sql -e "DROP DATABASE nusqa_backup_store; DROP DATABASE nusqa_backup_store_restored"
fi
log "all checks passed"
