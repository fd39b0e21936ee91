// Helpers of the end-to-end lifecycle test: people created and logged in
// through the HTTP API, JSON bodies, and reading replies.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "ServerHarness.h"
#include "support/SqlProbe.h"

namespace nusqa::test {

inline constexpr int kDay = 86400;
inline std::string editionPath(long long id) {
    return "/api/v1/editions/" + std::to_string(id);
}

struct Person {
    long long id = 0;
    std::string login;
    std::string password;
    std::string email;
    std::string fullName;
    HttpClient client{"127.0.0.1", 0};  // logged in (session cookie)
};

// POST /api/v1/users as admin, then POST /api/v1/auth/login as the user.
Person createPerson(ServerHarness& server, const HttpClient& admin, const std::string& login,
                    const std::string& role, long long unitId, long long positionId,
                    const std::string& language, const std::string& fullName);
long long createUnit(const HttpClient& admin, const std::string& nameKk, const std::string& nameRu);
long long createPosition(const HttpClient& admin, const std::string& nameKk,
                         const std::string& nameRu);

struct Cast {
    HttpClient admin{"127.0.0.1", 0};
    Person author, first, second, third, rector;
    std::vector<Person> employees;  // 25 in each unit
    long long unitA = 0, unitB = 0;
};

// The people of the end-to-end test, created and logged in through the API:
// an admin (token), the author, three approvers, the rector (signatory), and
// 50 employees, 25 in each of two units, every fifth reading Russian.
Cast assemble(ServerHarness& server);

std::string signBody(const std::string& password, const std::string& comment = {});
Poco::JSON::Object::Ptr parse(const std::string& json);
std::string statusOf(const HttpClient& client, long long editionId);
long long count(const SqlProbe& probe, const std::string& table);

// Runs bin/nusqa with NUSQA_STORE_URL set; exit code and output.
std::pair<int, std::string> runAuditVerify(const std::string& storeUrl);

}  // namespace nusqa::test
