#!/usr/bin/env bash
# The plan and the rows read of the dashboard's reviews due (the statement of
# SqlRecordStore::reviewsDueBy, storage/SqlLifecycle.cpp; keep the two alike)
# over a store of bench_scale, figures that do not move with the machine's
# load:
#
#   bench/scale/explain-reviews-due.sh URL [LAST_DAY]
#
# URL: mysql://USER:PASSWORD@HOST:PORT/DATABASE or sqlite:PATH. LAST_DAY
# (YYYY-MM-DD) defaults to 30 days from today, as the dashboard asks.
# MariaDB: the rows returned, Handler_read% of one run (FLUSH STATUS before),
# EXPLAIN and ANALYZE FORMAT=JSON. SQLite: EXPLAIN QUERY PLAN and the rows.
# Needs the mariadb or sqlite3 client; reads only.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 URL [LAST_DAY]" >&2; exit 2; }
url=$1
last=${2:-$(date -u -d '+30 days' +%F)}
[[ $last =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "LAST_DAY is YYYY-MM-DD" >&2; exit 2; }
query="SELECT e.id, e.document_id, e.number, e.language, e.status, e.sha256, e.revision,
 e.size, e.created_at, e.updated_at, l.version, l.round, l.decision, l.effective_date,
 l.review_date, l.entered_at, l.review_notice_at, p.edition_id, p.registered_by,
 p.registered_by_login, p.registered_by_name, p.registered_at, p.source_file,
 p.approver_position, p.approver_name, p.decision, p.decision_date, p.approval_date,
 p.effective_date, d.id, d.code, d.kind, d.title, d.unit, d.language, d.created_at,
 d.updated_at
 FROM editions_in_force AS i JOIN edition_lifecycle AS l ON l.edition_id = i.edition_id
 JOIN editions AS e ON e.id = i.edition_id JOIN documents AS d ON d.id = e.document_id
 LEFT JOIN paper_registrations AS p ON p.edition_id = e.id
 WHERE i.review_date > '' AND i.review_date <= '$last' AND +e.status = 'in_force'
 ORDER BY i.review_date, i.edition_id"
echo "reviews due by $last; load $(cut -d' ' -f1-3 /proc/loadavg)"
case $url in
    mysql://*)
        rest=${url#mysql://}
        credentials=${rest%%@*}
        rest=${rest#*@}
        host=${rest%%:*}
        rest=${rest#*:}
        port=${rest%%/*}
        database=${rest#*/}
        client=(mariadb --host="$host" --port="$port" --user="${credentials%%:*}" "$database")
        export MYSQL_PWD=${credentials#*:}
        echo "rows returned: $("${client[@]}" -N -e "$query" | wc -l)"
        "${client[@]}" -N -e "FLUSH STATUS; $query; SHOW SESSION STATUS LIKE 'Handler_read%';
            SHOW SESSION STATUS LIKE 'Created_tmp%';" | grep -E '^(Handler_read|Created_tmp)'
        "${client[@]}" -e "EXPLAIN FORMAT=JSON $query\\G" | sed 1,2d
        "${client[@]}" -e "ANALYZE FORMAT=JSON $query\\G" | sed 1,2d
        ;;
    sqlite:*)
        file=${url#sqlite:}
        file=${file#//}
        echo "rows returned: $(sqlite3 -readonly "$file" "$query" | wc -l)"
        sqlite3 -readonly "$file" "EXPLAIN QUERY PLAN $query"
        ;;
    *) echo "unknown store URL: $url" >&2; exit 2 ;;
esac
