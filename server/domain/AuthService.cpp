#include "domain/AuthService.h"

#include <utility>

namespace nusqa {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr const char* kWrongCredentials = "wrong login or password";

NewAuditEntry entry(const std::string& at, std::int64_t actorId, const std::string& login,
                    const std::string& action, const std::string& objectType,
                    const std::string& objectId, const std::string& details = {}) {
    return NewAuditEntry{at, actorId, login, action, objectType, objectId, details};
}

}  // namespace

AuthService::AuthService(PeopleStore& people, AuditLog& audit, const PasswordHasher& hasher,
                         const Clock& clock, SecurityFunctions security, AuthSettings settings)
    : _people(people),
      _audit(audit),
      _hasher(hasher),
      _clock(clock),
      _security(std::move(security)),
      _settings(settings),
      _throttle(settings.maxFailuresPerAccount, settings.maxFailuresPerAddress,
                settings.failureWindowSeconds),
      _dummyHash(hasher.hash(_security.randomHex(16)).value_or("")) {}

Status AuthService::checkNewPassword(const std::string& password) {
    if (password.size() < 10 || password.size() > 200)
        return fail(ErrorCode::InvalidArgument, "a password must have 10 to 200 bytes");
    return {};
}

Result<bool> AuthService::matches(std::int64_t userId, const std::string& password) {
    std::string encoded = NUSQA_TRY(_people.passwordHash(userId));
    return _hasher.verify(encoded, password);
}

Result<Session> AuthService::login(const std::string& login, const std::string& password,
                                   const std::string& clientAddress) {
    std::int64_t now = _clock.epochSeconds();
    std::string at = timestampOf(now);
    if (auto allowed = _throttle.check(login, clientAddress, now); !allowed) {
        // Best effort: the refusal stands even when the audit log cannot be
        // written, so its result is not needed.
        (void)_audit.append(
            {entry(at, 0, login, "auth.login_throttled", "user", "", "from " + clientAddress)});
        return std::unexpected(std::move(allowed).error());
    }
    auto user = _people.userByLogin(login);
    bool ok = false;
    if (user && user->active) {
        ok = NUSQA_TRY(matches(user->id, password));
    } else {
        if (!user && user.error().code != ErrorCode::NotFound) return std::unexpected(user.error());
        // Only the time it takes matters (the same as a real check), not the answer.
        (void)_hasher.verify(_dummyHash, password);
    }
    if (!ok) {
        _throttle.recordFailure(login, clientAddress, now);
        // Recorded in the audit log (best effort: the login fails either
        // way); the password never is.
        (void)_audit.append({entry(at, user ? user->id : 0, login, "auth.login_failed", "user",
                                   user ? std::to_string(user->id) : "", "from " + clientAddress)});
        return fail(ErrorCode::Unauthenticated, kWrongCredentials);
    }
    _throttle.recordSuccess(login);
    Session session{*user, _security.randomHex(kTokenBytes),
                    timestampOf(now + _settings.sessionHours * 3600LL)};
    Credential credential{_security.sha256Hex(session.token),
                          user->id,
                          CredentialKind::Session,
                          "",
                          at,
                          session.expiresAt};
    NUSQA_TRY(_people.saveCredential(credential,
                                     {entry(at, user->id, user->login, "auth.login", "user",
                                            std::to_string(user->id), "from " + clientAddress)}));
    return session;
}

Status AuthService::logout(const User& user, const std::string& token) {
    return _people.deleteCredential(
        _security.sha256Hex(token),
        {entry(_clock.now(), user.id, user.login, "auth.logout", "user", std::to_string(user.id))});
}

Result<User> AuthService::authenticate(const std::string& token) {
    if (token.empty() || token.size() > 200)
        return fail(ErrorCode::Unauthenticated, "authentication required");
    auto credential = _people.credential(_security.sha256Hex(token));
    if (!credential) {
        if (credential.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::Unauthenticated, "the session or token is not valid");
        return std::unexpected(credential.error());
    }
    if (!credential->expiresAt.empty() && credential->expiresAt <= _clock.now())
        return fail(ErrorCode::Unauthenticated, "the session has expired: log in again");
    User user = NUSQA_TRY(_people.user(credential->userId));
    if (!user.active) return fail(ErrorCode::Unauthenticated, "the account is disabled");
    return user;
}

Result<IssuedToken> AuthService::createApiToken(const User& user, const std::string& name) {
    if (name.empty() || name.size() > 100)
        return fail(ErrorCode::InvalidArgument, "a token needs a name of 1 to 100 bytes");
    std::string at = _clock.now();
    IssuedToken issued{"nsq_" + _security.randomHex(kTokenBytes), name, at};
    Credential credential{
        _security.sha256Hex(issued.token), user.id, CredentialKind::ApiToken, name, at, ""};
    NUSQA_TRY(
        _people.saveCredential(credential, {entry(at, user.id, user.login, "auth.token_create",
                                                  "user", std::to_string(user.id), name)}));
    return issued;
}

Status AuthService::changePassword(const User& user, const std::string& oldPassword,
                                   const std::string& newPassword) {
    NUSQA_TRY(verifyPassword(user, oldPassword));
    NUSQA_TRY(checkNewPassword(newPassword));
    std::string hash = NUSQA_TRY(_hasher.hash(newPassword));
    return _people.setPasswordHash(user.id, hash,
                                   {entry(_clock.now(), user.id, user.login, "auth.password_change",
                                          "user", std::to_string(user.id))});
}

Status AuthService::verifyPassword(const User& user, const std::string& password) {
    if (!NUSQA_TRY(matches(user.id, password)))
        return fail(ErrorCode::Unauthenticated, "the password is wrong: nothing was signed");
    return {};
}

}  // namespace nusqa
