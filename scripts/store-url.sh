# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables parseStoreUrl sets are the callers'
# Sourced by backup.sh and restore.sh: reads a store URL in the forms of
# `store.url` (config/nusqa.properties) and runs the MariaDB clients on it
# without putting the password on a command line.
#
#   parseStoreUrl URL    sets storeKind (sqlite|mysql) and, for sqlite,
#                        sqlitePath; for mysql, dbUser dbPassword dbHost
#                        dbPort dbName (percent-decoded, as the server does)
#   writeMysqlOptions    writes the user and password to a private option file
#                        (storeCleanup removes it; call it from an EXIT trap)
#   mysqlClient PROGRAM ARGS...
#                        runs mariadb or mariadb-dump with that option file,
#                        the host and the port

percentDecode() {
    local text=${1//\\/\\\\}
    printf '%b' "${text//%/\\x}"
}

parseStoreUrl() {
    local url=$1
    case $url in
        sqlite:*)
            storeKind=sqlite
            sqlitePath=${url#sqlite:}
            # The URI spelling sqlite:///absolute/path.
            [[ $sqlitePath == //* ]] && sqlitePath=${sqlitePath#//}
            [[ -n $sqlitePath && $sqlitePath != :memory:* && $sqlitePath != file:* ]] ||
                storeFail "'$url' does not name a file (expected sqlite:PATH)"
            ;;
        mysql://*)
            storeKind=mysql
            local rest=${url#mysql://} userInformation location hostAndPort
            [[ $rest == *@* ]] || storeFail "no USER@ part in the store URL"
            # The user information ends at the last '@'.
            userInformation=${rest%@*}
            location=${rest##*@}
            if [[ $userInformation == *:* ]]; then
                dbUser=$(percentDecode "${userInformation%%:*}")
                dbPassword=$(percentDecode "${userInformation#*:}")
            else
                dbUser=$(percentDecode "$userInformation")
                dbPassword=
            fi
            [[ -n $dbUser ]] || storeFail "empty user in the store URL"
            [[ $location == */?* ]] || storeFail "no /DATABASE in the store URL"
            dbName=$(percentDecode "${location#*/}")
            hostAndPort=${location%%/*}
            dbPort=3306
            if [[ $hostAndPort == \[*\]* ]]; then
                dbHost=${hostAndPort#[}
                dbHost=${dbHost%%]*}
                [[ $hostAndPort == *\]:* ]] && dbPort=${hostAndPort##*]:}
            elif [[ $hostAndPort == *:* ]]; then
                dbHost=${hostAndPort%:*}
                dbPort=${hostAndPort##*:}
            else
                dbHost=$hostAndPort
            fi
            [[ -n $dbHost ]] || storeFail "empty host in the store URL"
            [[ $dbPort =~ ^[0-9]+$ ]] || storeFail "bad port in the store URL"
            ;;
        *)
            storeFail "unknown store URL scheme (expected sqlite:PATH or" \
                "mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE)"
            ;;
    esac
}

# Writes the private option file with the user and password (in a temporary
# directory; the caller's EXIT trap runs storeCleanup).
storeTemporary=
writeMysqlOptions() {
    storeTemporary=$(mktemp -d)
    storeOptionFile=$storeTemporary/client.cnf
    local escaped=${dbPassword//\\/\\\\}
    escaped=${escaped//\"/\\\"}
    (
        umask 077
        printf '[client]\nuser="%s"\npassword="%s"\n' "${dbUser//\"/\\\"}" "$escaped" \
            >"$storeOptionFile"
    )
}

storeCleanup() {
    if [[ -n $storeTemporary ]]; then
        rm -rf "$storeTemporary"
    fi
}

mysqlClient() {
    local program=$1
    shift
    "$program" --defaults-file="$storeOptionFile" --host="$dbHost" --port="$dbPort" \
        --protocol=TCP --default-character-set=utf8mb4 "$@"
}

# MariaDB identifiers in backquotes.
quoteName() {
    # shellcheck disable=SC2016  # literal backquotes
    printf '`%s`' "${1//\`/\`\`}"
}
