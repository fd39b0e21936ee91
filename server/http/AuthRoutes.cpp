// /api/v1/auth/* and /api/v1/me*: login, logout, the caller's account,
// password change, API tokens (created, listed, revoked: one's own, or an
// admin for anyone, who can also end all of a user's sessions and tokens).
#include "http/ApiRoutes.h"
#include "http/AuthGate.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

// Room for the longest login and password AuthService accepts, JSON-escaped.
constexpr std::size_t kMaxLoginBodyBytes =
    6 * (AuthService::kMaxLoginBytes + AuthService::kMaxPasswordBytes) + 64;

std::string sessionCookie(const std::string& value, int maxAgeSeconds, bool secure) {
    return std::string(kSessionCookie) + "=" + value +
           "; Path=/; Max-Age=" + std::to_string(maxAgeSeconds) + "; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

// What the handlers of this group use.
struct AuthServices {
    AuthService& auth;
    const Clock& clock;
    bool secureCookies;
};

struct AuthHandlers {
    AuthServices services;

    Result<Response> login(const Request& request) const {
        // Refused before parsing: a login body is a name and a password.
        if (request.body.size() > kMaxLoginBodyBytes)
            return fail(
                ErrorCode::InvalidArgument,
                "a login request has at most " + std::to_string(kMaxLoginBodyBytes) + " bytes");
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string login = NUSQA_TRY(stringField(*body, "login", true));
        std::string password = NUSQA_TRY(stringField(*body, "password", true));
        Session session = NUSQA_TRY(services.auth.login(login, password, request.clientAddress));
        JsonWriter json;
        json.beginObject().key("user");
        writeUser(json, session.user);
        json.key("expiresAt").value(session.expiresAt).endObject();
        Response response = Response::json(200, json.take());
        auto seconds =
            epochOf(session.expiresAt).value_or(0) - epochOf(services.clock.now()).value_or(0);
        response.headers.emplace_back(
            "Set-Cookie",
            sessionCookie(session.token, static_cast<int>(seconds), services.secureCookies));
        response.headers.emplace_back("Cache-Control", "no-store");
        return response;
    }

    Result<Response> logout(const Request& request) const {
        User user = NUSQA_TRY(principalOf(request));
        NUSQA_TRY(services.auth.logout(user, request.credential));
        Response response = Response::json(204, "");
        response.headers.emplace_back("Set-Cookie", sessionCookie("", 0, services.secureCookies));
        return response;
    }

    Result<Response> me(const Request& request) const {
        User user = NUSQA_TRY(principalOf(request));
        JsonWriter json;
        writeUser(json, user);
        return Response::json(200, json.take());
    }

    Result<Response> changePassword(const Request& request) const {
        User user = NUSQA_TRY(principalOf(request));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string oldPassword = NUSQA_TRY(stringField(*body, "oldPassword", true));
        std::string newPassword = NUSQA_TRY(stringField(*body, "newPassword", true));
        // The session or token of this request stays; every other one ends.
        NUSQA_TRY(services.auth.changePassword(user, oldPassword, newPassword, request.credential));
        return Response::json(204, "");
    }

    Result<Response> createToken(const Request& request) const {
        User user = NUSQA_TRY(principalOf(request));
        auto body = NUSQA_TRY(parseJsonBody(request));
        std::string name = NUSQA_TRY(stringField(*body, "name", true));
        IssuedToken token = NUSQA_TRY(services.auth.createApiToken(user, name));
        JsonWriter json;
        json.beginObject();
        json.key("token").value(token.token);  // shown this once; only its hash is kept
        json.key("name").value(token.name);
        json.key("createdAt").value(token.createdAt);
        json.endObject();
        Response response = Response::json(201, json.take());
        response.headers.emplace_back("Cache-Control", "no-store");
        return response;
    }

    Result<Response> tokens(const Request& request, bool own) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t userId = own ? actor.id : NUSQA_TRY(parseId(request.pathParameters.at(0)));
        std::vector<Credential> credentials = NUSQA_TRY(services.auth.credentials(actor, userId));
        JsonWriter json;
        json.beginObject().key("items").beginArray();
        for (const Credential& credential : credentials) {
            // Never the secret, nor its hash: a handle to revoke it by.
            json.beginObject();
            json.key("id").value(credential.handle());
            json.key("kind").value(credential.kind == CredentialKind::Session ? "session"
                                                                              : "api_token");
            json.key("name").value(credential.name);
            json.key("createdAt").value(credential.createdAt);
            json.key("lastUsedAt").value(credential.lastUsedAt);
            json.key("expiresAt").value(credential.expiresAt);
            json.key("current").value(!request.credential.empty() &&
                                      credential.handle() ==
                                          services.auth.handleOf(request.credential));
            json.endObject();
        }
        json.endArray();
        json.key("total").value(static_cast<std::int64_t>(credentials.size()));
        json.endObject();
        Response response = Response::json(200, json.take());
        response.headers.emplace_back("Cache-Control", "no-store");
        return response;
    }

    Result<Response> revoke(const Request& request, bool own) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t userId = own ? actor.id : NUSQA_TRY(parseId(request.pathParameters.at(0)));
        const std::string& handle = request.pathParameters.at(own ? 0 : 1);
        NUSQA_TRY(services.auth.revokeCredential(actor, userId, handle));
        return Response::json(204, "");
    }

    Result<Response> endSessions(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t userId = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        int ended = NUSQA_TRY(services.auth.endSessions(actor, userId));
        JsonWriter json;
        json.beginObject().key("ended").value(ended).endObject();
        return Response::json(200, json.take());
    }
};

}  // namespace

void addAuthRoutes(Router& router, AuthService& auth, const Clock& clock, CookieSecurity cookies) {
    using enum Action;
    AuthHandlers h{{auth, clock, cookies == CookieSecurity::Secure}};
    router.add({"POST", "/api/v1/auth/login", Access::anyone(), "auth.login",
                [h](const Request& r) { return h.login(r); }});
    router.add({"POST", "/api/v1/auth/logout", Access::needs(ReadOwn).evenWithOneTimePassword(),
                "auth.logout", [h](const Request& r) { return h.logout(r); }});
    router.add({"GET", "/api/v1/me", Access::needs(ReadOwn).evenWithOneTimePassword(), "",
                [h](const Request& r) { return h.me(r); }});
    router.add({"PUT", "/api/v1/me/password", Access::needs(ReadOwn).evenWithOneTimePassword(),
                "auth.password_change", [h](const Request& r) { return h.changePassword(r); }});
    router.add({"POST", "/api/v1/me/tokens", Access::needs(ReadOwn), "auth.token_create",
                [h](const Request& r) { return h.createToken(r); }});
    router.add({"GET", "/api/v1/me/tokens", Access::needs(ReadOwn), "",
                [h](const Request& r) { return h.tokens(r, true); }});
    router.add({"DELETE", "/api/v1/me/tokens/{id}", Access::needs(ReadOwn), "auth.token_revoke",
                [h](const Request& r) { return h.revoke(r, true); }});
    router.add({"GET", "/api/v1/users/{id}/tokens", Access::needs(ManagePeople), "",
                [h](const Request& r) { return h.tokens(r, false); }});
    router.add({"DELETE", "/api/v1/users/{id}/tokens/{tokenId}", Access::needs(ManagePeople),
                "auth.token_revoke", [h](const Request& r) { return h.revoke(r, false); }});
    router.add({"POST", "/api/v1/users/{id}/sessions/end", Access::needs(ManagePeople),
                "auth.sessions_end", [h](const Request& r) { return h.endSessions(r); }});
}

}  // namespace nusqa::http
