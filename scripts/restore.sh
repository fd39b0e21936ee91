#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh into a store.
#
#   scripts/restore.sh [--force] BACKUP STORE_URL
#
#   sqlite:PATH   BACKUP (a SQLite database file) is checked with PRAGMA
#                 integrity_check and copied into PATH with SQLite's backup
#                 API (sqlite3 .restore), which also takes care of PATH's WAL.
#                 Stop the server first. PATH must not exist unless --force.
#   mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE
#                 BACKUP (SQL, .gz or not) is loaded into DATABASE, created
#                 with utf8mb4 if missing. DATABASE must hold no tables unless
#                 --force (the dump drops and recreates the tables it holds).
#                 On a Galera cluster load it through one node: the rows
#                 replicate. Stop the Nusqa servers first.
#
# Prints the tables restored and their row counts.
set -euo pipefail

usage() {
    echo "usage: $0 [--force] BACKUP STORE_URL" >&2
    exit 2
}
storeFail() {
    echo "restore: $*" >&2
    exit 1
}

force=0
if [[ ${1:-} == --force ]]; then
    force=1
    shift
fi
[[ $# -eq 2 ]] || usage
backup=$1
# shellcheck source=scripts/store-url.sh
source "$(dirname "$0")/store-url.sh"
parseStoreUrl "$2"
[[ -f $backup ]] || storeFail "no backup at $backup"
trap storeCleanup EXIT
started=${EPOCHREALTIME/,/.}

case $storeKind in
    sqlite)
        command -v sqlite3 >/dev/null || storeFail "sqlite3 is missing (Debian package sqlite3)"
        check=$(sqlite3 -readonly "$backup" "PRAGMA integrity_check" 2>&1) || true
        [[ $check == ok ]] || storeFail "$backup fails PRAGMA integrity_check: $check"
        if [[ -e $sqlitePath ]] && (( ! force )); then
            storeFail "$sqlitePath exists; stop the server and pass --force to overwrite it"
        fi
        mkdir -p "$(dirname "$sqlitePath")"
        sqlite3 "$sqlitePath" ".timeout 10000" ".restore '${backup//\'/\'\'}'" ||
            storeFail "restoring into $sqlitePath failed"
        check=$(sqlite3 "$sqlitePath" "PRAGMA integrity_check")
        [[ $check == ok ]] || storeFail "$sqlitePath fails PRAGMA integrity_check after the restore: $check"
        sqlite3 -readonly "$sqlitePath" "SELECT name FROM sqlite_schema WHERE type = 'table'
                                         AND name NOT LIKE 'sqlite_%' ORDER BY name" |
            while read -r table; do
                echo "restore: $table: $(sqlite3 -readonly "$sqlitePath" \
                    "SELECT COUNT(*) FROM \"${table//\"/\"\"}\"") rows"
            done
        ;;
    mysql)
        writeMysqlOptions
        database=$(quoteName "$dbName")
        mysqlClient mariadb --batch -e "CREATE DATABASE IF NOT EXISTS $database
            CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        tables=$(mysqlClient mariadb --batch --skip-column-names -e "SELECT COUNT(*)
            FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()" "$dbName")
        if (( tables > 0 && ! force )); then
            storeFail "database $dbName holds $tables tables; pass --force to replace them"
        fi
        if [[ $backup == *.gz ]]; then
            gzip -dc "$backup" | mysqlClient mariadb --batch "$dbName" ||
                storeFail "loading $backup into $dbName failed"
        else
            mysqlClient mariadb --batch "$dbName" <"$backup" ||
                storeFail "loading $backup into $dbName failed"
        fi
        mysqlClient mariadb --batch --skip-column-names "$dbName" -e "SELECT TABLE_NAME
            FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME" |
            while read -r table; do
                echo "restore: $table: $(mysqlClient mariadb --batch --skip-column-names \
                    "$dbName" -e "SELECT COUNT(*) FROM $(quoteName "$table")") rows"
            done
        ;;
esac
seconds=$(awk -v a="$started" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f", b - a }')
echo "restore: $backup into ${storeKind} store in ${seconds}s"
