#include "LifecycleScenario.h"

#include <Poco/JSON/Parser.h>
#include <sys/wait.h>

#include <cstdio>
#include <stdexcept>

#include "support/SqlProbe.h"

namespace nusqa::test {

Poco::JSON::Object::Ptr parse(const std::string& json) {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

long long createUnit(const HttpClient& admin, const std::string& nameKk,
                     const std::string& nameRu) {
    HttpReply reply = admin.postJson(
        "/api/v1/units", R"({"nameKk":")" + nameKk + R"(","nameRu":")" + nameRu + R"("})");
    if (reply.status != 201) throw std::runtime_error("unit: " + reply.body);
    return jsonInt(reply.body, "id");
}

long long createPosition(const HttpClient& admin, const std::string& nameKk,
                         const std::string& nameRu) {
    HttpReply reply = admin.postJson(
        "/api/v1/positions", R"({"nameKk":")" + nameKk + R"(","nameRu":")" + nameRu + R"("})");
    if (reply.status != 201) throw std::runtime_error("position: " + reply.body);
    return jsonInt(reply.body, "id");
}

Person createPerson(ServerHarness& server, const HttpClient& admin, const std::string& login,
                    const std::string& role, long long unitId, long long positionId,
                    const std::string& language, const std::string& fullName) {
    Person person;
    person.login = login;
    person.password = "pw-" + login + "-secret";
    person.email = login + "@university.test";
    person.fullName = fullName;
    std::string body = R"({"login":")" + login + R"(","fullNameKk":")" + fullName +
                       R"(","fullNameRu":")" + fullName + R"(","email":")" + person.email +
                       R"(","language":")" + language + R"(","roles":[")" + role +
                       R"("],"password":")" + person.password + "\"";
    if (unitId > 0) body += ",\"unitId\":" + std::to_string(unitId);
    if (positionId > 0) body += ",\"positionId\":" + std::to_string(positionId);
    body += "}";
    HttpReply created = admin.postJson("/api/v1/users", body);
    if (created.status != 201) throw std::runtime_error("user " + login + ": " + created.body);
    person.id = jsonInt(created.body, "id");
    HttpReply login_ = server.anonymous().postJson(
        "/api/v1/auth/login",
        R"({"login":")" + login + R"(","password":")" + person.password + R"("})");
    if (login_.status != 200) throw std::runtime_error("login " + login + ": " + login_.body);
    std::string cookie = login_.header("set-cookie");
    person.client = server.anonymous().with({{"Cookie", cookie.substr(0, cookie.find(';'))}});
    // An account an admin created must change its password first.
    std::string chosen = person.password + "-own";
    HttpReply changed = person.client.request(
        "PUT", "/api/v1/me/password",
        R"({"oldPassword":")" + person.password + R"(","newPassword":")" + chosen + R"("})",
        {{"Content-Type", "application/json"}});
    if (changed.status != 204) throw std::runtime_error("password " + login + ": " + changed.body);
    person.password = chosen;
    return person;
}

Cast assemble(ServerHarness& server) {
    Cast cast;
    cast.admin = server.clientFor(server.addUser("root", {Role::Admin}));
    long long office =
        createUnit(cast.admin, "Сапа менеджменті бөлімі", "Отдел менеджмента качества");
    cast.unitA = createUnit(cast.admin, "Бағдарламалық қамтамасыз ету кафедрасы", "Кафедра ПО");
    cast.unitB = createUnit(cast.admin, "Тіркеу бөлімі", "Офис регистратора");
    long long lecturer = createPosition(cast.admin, "Оқытушы", "Преподаватель");
    long long engineer = createPosition(cast.admin, "Инженер", "Инженер");
    long long head = createPosition(cast.admin, "Проректор", "Проректор");
    cast.author = createPerson(server, cast.admin, "author", "author", office, lecturer, "kk",
                               "Есенаманова А. Б.");
    cast.first = createPerson(server, cast.admin, "approver1", "approver", office, head, "kk",
                              "Сахиев Б. Ж.");
    cast.second = createPerson(server, cast.admin, "approver2", "approver", office, head, "ru",
                               "Алмагамбетова М. Ж.");
    cast.third = createPerson(server, cast.admin, "approver3", "approver", office, head, "kk",
                              "Ихсанов Е. Б.");
    cast.rector =
        createPerson(server, cast.admin, "rector", "approver", office, head, "kk", "Наметов А. М.");
    for (int i = 1; i <= 50; ++i) {
        char login[16];
        std::snprintf(login, sizeof login, "emp%02d", i);
        bool inA = i <= 25;
        cast.employees.push_back(createPerson(server, cast.admin, login, "employee",
                                              inA ? cast.unitA : cast.unitB,
                                              inA ? lecturer : engineer, i % 5 == 0 ? "ru" : "kk",
                                              std::string("Қызметкер-") + (login + 3)));
    }
    return cast;
}

std::string signBody(const std::string& password, const std::string& comment) {
    return R"({"password":")" + password + R"(","comment":")" + comment + R"("})";
}

std::string statusOf(const HttpClient& client, long long editionId) {
    HttpReply reply = client.get("/api/v1/editions/" + std::to_string(editionId));
    return jsonString(reply.body, "status");
}

long long count(const SqlProbe& probe, const std::string& table) {
    return std::stoll(probe.scalar("SELECT COUNT(*) FROM " + table));
}

std::pair<int, std::string> runAuditVerify(const std::string& storeUrl) {
    std::string command = "env -u NUSQA_DATA_DIR NUSQA_STORE_URL='" + storeUrl + "' '" +
                          (binaryDir() / "bin" / "nusqa").string() + "' audit verify 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run nusqa");
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, read);
    int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace nusqa::test
