#!/usr/bin/env bash
# Backs up a Nusqa store while the server runs.
#
#   scripts/backup.sh STORE_URL OUT
#
# STORE_URL is the server's store.url (config/nusqa.properties or
# NUSQA_STORE_URL):
#   sqlite:PATH   SQLite's online backup (sqlite3 .backup): a consistent copy
#                 of the whole database, taken page by page while the server
#                 goes on reading and writing (WAL); the copy is checked with
#                 PRAGMA integrity_check. OUT is a SQLite database file.
#   mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE
#                 mariadb-dump --single-transaction: the tables of DATABASE as
#                 SQL, read in one consistent snapshot (InnoDB) without
#                 locking the server's writes. On a Galera cluster any node
#                 will do. OUT is SQL, gzip-compressed when OUT ends in .gz.
#                 The password goes through a private option file, never the
#                 command line.
#
# OUT must not exist; it appears only once complete (written beside it
# first). Restore with scripts/restore.sh. Prints what it wrote.
set -euo pipefail

usage() {
    echo "usage: $0 STORE_URL OUT" >&2
    exit 2
}
storeFail() {
    echo "backup: $*" >&2
    exit 1
}

[[ $# -eq 2 ]] || usage
# shellcheck source=scripts/store-url.sh
source "$(dirname "$0")/store-url.sh"
parseStoreUrl "$1"
out=$2
[[ -e $out ]] && storeFail "$out exists; choose a new name"
mkdir -p "$(dirname "$out")"
partial=$out.partial-$$
trap 'rm -f "$partial"; storeCleanup' EXIT
started=${EPOCHREALTIME/,/.}
[[ $storeKind == mysql ]] && writeMysqlOptions

case $storeKind in
    sqlite)
        command -v sqlite3 >/dev/null || storeFail "sqlite3 is missing (Debian package sqlite3)"
        [[ -f $sqlitePath ]] || storeFail "no SQLite database at $sqlitePath"
        # .backup retries while the server holds a write lock (busy timeout).
        sqlite3 "$sqlitePath" ".timeout 10000" ".backup '${partial//\'/\'\'}'" ||
            storeFail "the online backup of $sqlitePath failed"
        check=$(sqlite3 "$partial" "PRAGMA integrity_check")
        [[ $check == ok ]] || storeFail "the copy fails PRAGMA integrity_check: $check"
        ;;
    mysql)
        # --single-transaction: one consistent InnoDB snapshot, no table
        # locks. --skip-add-locks: no LOCK TABLES in the dump (they are
        # node-local on Galera). No CREATE DATABASE: the dump restores into
        # any database.
        dump=(mysqlClient mariadb-dump --single-transaction --quick --skip-add-locks
              --hex-blob --triggers --no-tablespaces "$dbName")
        if [[ $out == *.gz ]]; then
            "${dump[@]}" | gzip -6 >"$partial" || storeFail "mariadb-dump of $dbName failed"
        else
            "${dump[@]}" >"$partial" || storeFail "mariadb-dump of $dbName failed"
        fi
        # A complete dump ends with mariadb-dump's "Dump completed" line.
        if [[ $out == *.gz ]]; then
            gzip -dc "$partial" | tail -n 1 | grep -q '^-- Dump completed' ||
                storeFail "the dump of $dbName is incomplete"
        else
            tail -n 1 "$partial" | grep -q '^-- Dump completed' ||
                storeFail "the dump of $dbName is incomplete"
        fi
        ;;
esac

mv "$partial" "$out"
seconds=$(awk -v a="$started" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f", b - a }')
echo "backup: $out ($(stat -c %s "$out") bytes, ${seconds}s)"
