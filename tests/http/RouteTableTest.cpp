// The route table of the assembled server (app::Instance, as `nusqa serve`
// builds it), every route as declared on itself:
//
// - the authorization matrix: every route of the router x every role (one
//   user per role) and no credentials. The expected access is written down
//   once more, independently, in kMatrix; each route's declared rule is read
//   from the router and must agree with its row, and the server must enforce
//   it. A route without a row fails the test, as does a row without a route.
//   Allowed: neither 401 nor 403 (404 or 400 are fine: the ids and bodies
//   are dummies); refused: 403; without credentials: 401, except on public
//   routes;
// - the declarations themselves: every route (the web pages' fallback too)
//   names its access — Access has no default, so a route without one does
//   not compile (RouterTest) — and only the expected routes are public, or
//   open to a one-time password; each guarded route's Action is granted to
//   some role; each write names its audit action or is known to store
//   nothing; no route is declared twice.
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <regex>
#include <set>

#include "ServerHarness.h"

namespace data = boost::unit_test::data;
using namespace nusqa;
using namespace nusqa::test;

namespace {

using enum Role;
const std::set<Role> kEveryone{Admin, QualityOffice, Author, Approver, Employee, Auditor};
const std::set<Role> kPublic{};  // with `isPublic`
const std::set<Role> kRecordsReaders{Admin, QualityOffice, Auditor};

struct Row {
    const char* method;
    const char* pattern;
    bool isPublic;
    std::set<Role> allowed;
};

// THE expected access of every route.
const Row kMatrix[] = {
    {"GET", "/healthz", true, kPublic},
    {"POST", "/api/v1/auth/login", true, kPublic},
    {"GET", "/api/v1/openapi.json", false, kEveryone},
    {"POST", "/api/v1/auth/logout", false, kEveryone},
    {"GET", "/api/v1/me", false, kEveryone},
    {"PUT", "/api/v1/me/password", false, kEveryone},
    {"POST", "/api/v1/me/tokens", false, kEveryone},
    {"GET", "/api/v1/me/tokens", false, kEveryone},
    {"DELETE", "/api/v1/me/tokens/{id}", false, kEveryone},
    {"GET", "/api/v1/users/{id}/tokens", false, {Admin}},
    {"DELETE", "/api/v1/users/{id}/tokens/{tokenId}", false, {Admin}},
    {"POST", "/api/v1/users/{id}/sessions/end", false, {Admin}},
    {"GET", "/api/v1/me/familiarizations", false, kEveryone},
    {"GET", "/api/v1/me/queue", false, kEveryone},
    {"POST", "/api/v1/documents", false, {QualityOffice, Author}},
    {"GET", "/api/v1/documents", false, kEveryone},
    {"GET", "/api/v1/documents/{id}", false, kEveryone},
    {"POST", "/api/v1/documents/{id}/editions", false, {QualityOffice, Author}},
    {"POST", "/api/v1/documents/{id}/editions/next", false, {QualityOffice, Author}},
    {"GET", "/api/v1/documents/{id}/distribution", false, kEveryone},
    {"PUT", "/api/v1/documents/{id}/distribution", false, {QualityOffice}},
    {"GET", "/api/v1/editions/{id}", false, kEveryone},
    {"PUT", "/api/v1/editions/{id}", false, {QualityOffice, Author}},
    {"GET", "/api/v1/editions/{id}/pdf", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/lifecycle", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/revisions", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/revisions/{n}", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/agreement-sheet", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/agreement-sheet/versions", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/familiarization-log", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/familiarization-log/versions", false, kEveryone},
    {"GET", "/api/v1/editions/{a}/compare/{b}", false, kEveryone},
    {"GET", "/api/v1/editions/{a}/compare/{b}/pdf", false, kEveryone},
    {"GET", "/api/v1/editions/{id}/changes/draft", false, kEveryone},
    {"GET", "/api/v1/search", false, kEveryone},
    {"POST", "/api/v1/editions/{id}/submit", false, {QualityOffice, Author}},
    {"POST", "/api/v1/editions/{id}/agree", false, {Approver}},
    {"POST", "/api/v1/editions/{id}/reject", false, {Approver}},
    {"POST", "/api/v1/editions/{id}/approve", false, {Approver}},
    {"POST", "/api/v1/editions/{id}/cancel", false, {QualityOffice}},
    {"POST",
     "/api/v1/editions/{id}/familiarize",
     false,
     {Admin, QualityOffice, Author, Approver, Employee}},
    {"POST", "/api/v1/editions/{id}/review", false, {QualityOffice}},
    {"POST", "/api/v1/editions/{id}/register-in-force", false, {QualityOffice}},
    {"GET", "/api/v1/editions/{id}/familiarizations", false, kRecordsReaders},
    {"GET", "/api/v1/familiarizations/overdue", false, kRecordsReaders},
    {"GET", "/api/v1/reviews/due", false, kRecordsReaders},
    {"GET", "/api/v1/dashboard", false, kRecordsReaders},
    {"GET", "/api/v1/units", false, kRecordsReaders},
    {"POST", "/api/v1/units", false, {Admin}},
    {"GET", "/api/v1/positions", false, kRecordsReaders},
    {"POST", "/api/v1/positions", false, {Admin}},
    {"GET", "/api/v1/users", false, kRecordsReaders},
    {"POST", "/api/v1/users", false, {Admin}},
    {"GET", "/api/v1/people", false, {QualityOffice, Author}},
    {"GET", "/api/v1/users/{id}", false, kRecordsReaders},
    {"PATCH", "/api/v1/users/{id}", false, {Admin}},
    {"PUT", "/api/v1/users/{id}/password", false, {Admin}},
    {"PATCH", "/api/v1/units/{id}", false, {Admin}},
    {"PUT", "/api/v1/units/{id}/parent", false, {Admin}},
    {"PATCH", "/api/v1/positions/{id}", false, {Admin}},
    {"PATCH", "/api/v1/documents/{id}", false, {QualityOffice}},
    {"GET", "/api/v1/register", false, kEveryone},
    {"POST", "/api/v1/editions/{id}/copies", false, {QualityOffice}},
    {"GET", "/api/v1/editions/{id}/copies", false, kRecordsReaders},
    {"GET", "/api/v1/copies", false, kRecordsReaders},
    {"GET", "/api/v1/copies/{id}/pdf", false, kEveryone},
    {"POST", "/api/v1/copies/{id}/recall", false, {QualityOffice}},
    {"GET", "/api/v1/audit", false, {Admin, Auditor}},
    {"GET", "/api/v1/audit/verification", false, {Admin, Auditor}},
    {"GET", "/api/v1/audit-package", false, kRecordsReaders},
    {"POST", "/api/v1/import", false, {QualityOffice, Author}},
    {"POST", "/api/v1/import/fragment", false, {QualityOffice, Author}},
    {"POST", "/api/v1/verify", false, kEveryone},
    {"GET", "/verify/{id}/{sha256}", true, kPublic},
};

// The roles the declared access lets through (public: none needed).
std::set<Role> rolesAllowedBy(const http::Access& access) {
    std::set<Role> roles;
    if (access.isPublic()) return roles;
    for (Role role : kAllRoles)
        if (roleAllows(role, *access.action())) roles.insert(role);
    return roles;
}

std::string keyOf(const http::Route& route) {
    return route.method + " " + route.pattern;
}

std::string concretePath(std::string pattern) {
    // No such resource: allowed requests get 404.
    for (const char* placeholder : {"{id}", "{a}", "{b}", "{n}", "{tokenId}"})
        for (auto at = pattern.find(placeholder); at != std::string::npos;
             at = pattern.find(placeholder))
            pattern.replace(at, std::string_view(placeholder).size(), "999999");
    return pattern;
}

}  // namespace

BOOST_DATA_TEST_CASE(every_route_times_every_role, data::make(kBackends), backend) {
    ServerHarness server(backend);
    std::map<Role, TestUser> users;
    for (Role role : kAllRoles)
        users.emplace(role, server.addUser("role-" + std::string(toString(role)), {role}));

    std::set<std::string> rows;
    for (const Row& row : kMatrix) rows.insert(std::string(row.method) + " " + row.pattern);
    std::map<std::string, const http::Route*> routes;
    for (const http::Route& route : server.router().routes()) routes.emplace(keyOf(route), &route);
    for (const auto& [route, declared] : routes)  // a route without a row fails
        BOOST_TEST(rows.contains(route), route << " has no row in the authorization matrix");

    int checked = 0;
    int rowsChecked = 0;
    for (const Row& row : kMatrix) {
        std::string route = std::string(row.method) + " " + row.pattern;
        if (!routes.contains(route)) {
            BOOST_TEST_MESSAGE(route << ": not routed in this build");
            continue;
        }
        ++rowsChecked;
        // The rule the server applies is the one declared on the route.
        const http::Access& access = routes.at(route)->access;
        BOOST_TEST(access.isPublic() == row.isPublic, route << ": declared public or not");
        BOOST_TEST((rolesAllowedBy(access) == row.allowed), route << ": declared roles");
        std::string path = concretePath(row.pattern);
        std::map<std::string, std::string> json{{"Content-Type", "application/json"}};
        HttpReply anonymous = server.anonymous().request(row.method, path, "{}", json);
        if (row.isPublic)
            BOOST_TEST(anonymous.status != 401,
                       route << " without credentials: " << anonymous.status);
        else
            BOOST_TEST(anonymous.status == 401,
                       route << " without credentials: " << anonymous.status);
        ++checked;
        for (Role role : kAllRoles) {
            HttpClient client = server.clientFor(users.at(role));
            if (route == "POST /api/v1/auth/logout") {
                // Logging out ends the credential: use a throwaway token.
                HttpReply spare = client.postJson("/api/v1/me/tokens", R"({"name":"spare"})");
                BOOST_TEST_REQUIRE(spare.status == 201);
                client = server.anonymous().with(
                    {{"Authorization", "Bearer " + jsonString(spare.body, "token")}});
            }
            HttpReply reply = client.request(row.method, path, "{}", json);
            bool allowed = access.isPublic() || roleAllows(role, *access.action());
            if (allowed)
                BOOST_TEST(
                    (reply.status != 401 && reply.status != 403),
                    route << " as " << toString(role) << ": " << reply.status << " " << reply.body);
            else
                BOOST_TEST(reply.status == 403, route << " as " << toString(role) << ": "
                                                      << reply.status << " " << reply.body);
            ++checked;
        }
    }
    // The web pages' files, the router's fallback: public, as declared.
    const http::Route* fallback = server.router().fallback();
    BOOST_TEST_REQUIRE(fallback != nullptr);
    BOOST_TEST(fallback->access.isPublic());
    HttpReply page = server.anonymous().get("/inbox");
    BOOST_TEST((page.status != 401 && page.status != 403), "GET /inbox: " << page.status);
    BOOST_TEST_MESSAGE(checked << " route x role checks");
    BOOST_TEST(checked == rowsChecked * 7);
    BOOST_TEST(rowsChecked == static_cast<int>(routes.size()));
}

BOOST_AUTO_TEST_CASE(every_route_declares_its_access_and_audit) {
    ServerHarness server("sqlite");
    const http::Router& router = server.router();
    BOOST_TEST_REQUIRE(router.fallback() != nullptr);  // the web pages' files
    std::vector<const http::Route*> declared;
    for (const http::Route& route : router.routes()) declared.push_back(&route);
    declared.push_back(router.fallback());

    const std::set<std::string> kPublicRoutes{"GET /healthz", "POST /api/v1/auth/login",
                                              "GET /verify/{id}/{sha256}", "GET /**"};
    const std::set<std::string> kOneTimePasswordRoutes{"GET /api/v1/me", "PUT /api/v1/me/password",
                                                       "POST /api/v1/auth/logout"};
    // Writes that store nothing, so leave no audit entry.
    const std::set<std::string> kWritesStoringNothing{
        "POST /api/v1/import", "POST /api/v1/import/fragment", "POST /api/v1/verify"};
    const std::regex kAuditAction("[a-z_]+\\.[a-z_]+");

    std::set<std::string> seen, publicRoutes, oneTimePasswordRoutes;
    for (const http::Route* route : declared) {
        std::string key = keyOf(*route);
        BOOST_TEST(seen.insert(key).second, key << " is declared twice");
        BOOST_TEST(static_cast<bool>(route->handler), key << " has no handler");
        if (route->access.isPublic()) {
            publicRoutes.insert(key);
        } else {
            BOOST_TEST(!rolesAllowedBy(route->access).empty(),
                       key << " needs an Action no role is granted: nobody could use it");
            if (route->access.allowsOneTimePassword()) oneTimePasswordRoutes.insert(key);
        }
        if (!route->audit.empty())
            BOOST_TEST(std::regex_match(route->audit, kAuditAction),
                       key << ": audit action «" << route->audit << "» is not object.verb");
        bool write = route->method != "GET" && route->method != "HEAD";
        if (write && !kWritesStoringNothing.contains(key))
            BOOST_TEST(!route->audit.empty(), key << " changes something but declares no audit "
                                                     "action: which entry does the domain record?");
    }
    BOOST_TEST(publicRoutes == kPublicRoutes, boost::test_tools::per_element());
    BOOST_TEST(oneTimePasswordRoutes == kOneTimePasswordRoutes, boost::test_tools::per_element());
    BOOST_TEST(router.fallback()->audit.empty());
}
