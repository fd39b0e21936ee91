#include "storage/detail/SqlSession.h"

namespace nusqa::storage {

std::string SqlSession::dateTime(const std::string& timestamp) const {
    if (dialect() != SqlDialect::Mysql || timestamp.size() < 19) return timestamp;
    return timestamp.substr(0, 10) + " " + timestamp.substr(11, 8);
}

Status executeSql(SqlSession& session, const std::string& sql,
                  const std::function<void(SqlStatement&)>& binder, std::int64_t* matched) {
    auto statement = NUSQA_TRY(session.prepare(sql));
    binder(*statement);
    std::int64_t rows = NUSQA_TRY(statement->execute());
    if (matched != nullptr) *matched = rows;
    return {};
}

std::string normalTimestamp(const std::string& stored) {
    if (stored.size() >= 19 && stored[10] == ' ')
        return stored.substr(0, 10) + "T" + stored.substr(11, 8) + "Z";
    return stored;
}

}  // namespace nusqa::storage
