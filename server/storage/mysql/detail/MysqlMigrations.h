// The MySQL/MariaDB schema as an ordered list of migrations. Private to
// storage/mysql.
//
// migrateMysql() applies every migration newer than the highest version in
// schema_migrations(version, applied_at) and records it; re-running applies
// nothing. MySQL commits implicitly around every DDL statement, so a
// migration cannot be one transaction as on SQLite: concurrent openers are
// serialised with a lease row (schema_migration_lock, taken by a
// compare-and-set UPDATE; GET_LOCK is node-local on Galera), and every step
// is written to be idempotent (CREATE TABLE IF NOT EXISTS ...) so that a
// migration interrupted halfway is simply completed by the next open.
// Errors: throws sql::SQLException from Connector (std::runtime_error when
// the lease was lost halfway); returns Internal when the database's schema is
// newer than this program knows, Unavailable when the migration lock is not
// granted in time.
#pragma once

#include <string>

#include "domain/Error.h"
#include "storage/mysql/detail/MysqlConnection.h"

namespace nusqa::storage {

Status migrateMysql(MysqlConnection& connection, const std::string& database);

}  // namespace nusqa::storage
