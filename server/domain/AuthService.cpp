#include "domain/AuthService.h"

#include <chrono>
#include <utility>

#include "domain/Authorization.h"

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
                         const Clock& clock, SecurityFunctions security, AuthSettings settings,
                         ThrottleStore* throttleStore)
    : _people(people),
      _audit(audit),
      _hasher(hasher),
      _clock(clock),
      _security(std::move(security)),
      _settings(settings),
      _throttle(ThrottleLimits{settings.maxFailuresPerAccount, settings.maxFailuresPerAddress,
                               settings.maxDelaySeconds, settings.failureWindowSeconds,
                               ThrottleLimits{}.knownClientSeconds, settings.maxThrottleEntries},
                throttleStore),
      _hashing(settings.maxConcurrentHashes),
      _dummyHash(hasher.hash(_security.randomHex(16)).value_or("")) {}

Status AuthService::checkNewPassword(const std::string& password) {
    if (password.size() < 10 || password.size() > 200)
        return fail(ErrorCode::InvalidArgument, "a password must have 10 to 200 bytes");
    return {};
}

Result<ConcurrencyLimit::Slot> AuthService::hashingSlot() {
    auto slot = _hashing.enter(std::chrono::milliseconds(_settings.hashWaitMilliseconds));
    if (!slot) {
        Error busy{ErrorCode::Busy, "the server is busy checking passwords: try again shortly", {}};
        busy.retryAfterSeconds = 1;
        return std::unexpected(std::move(busy));
    }
    return std::move(*slot);
}

Result<bool> AuthService::matches(const std::optional<User>& user, const std::string& password) {
    ConcurrencyLimit::Slot slot = NUSQA_TRY(hashingSlot());
    if (!user) {
        // Only the time it takes matters (the same as a real check), not the answer.
        (void)_hasher.verify(_dummyHash, password);
        return false;
    }
    std::string encoded = NUSQA_TRY(_people.passwordHash(user->id));
    return _hasher.verify(encoded, password);
}

Result<bool> AuthService::settle(Result<bool> matched, const std::string& account,
                                 const std::string& address, std::int64_t now) {
    if (!matched) {
        _throttle.cancelled(account, address);  // nothing was checked: not a failure
    } else if (*matched) {
        _throttle.succeeded(account, address, now);
    } else {
        _throttle.failed(account, address, now);
    }
    return matched;
}

Result<Session> AuthService::login(const std::string& login, const std::string& password,
                                   const std::string& clientAddress) {
    // Before any other work: a name of megabytes must not reach the throttle,
    // the store or the audit log.
    if (login.size() > kMaxLoginBytes || password.size() > kMaxPasswordBytes)
        return fail(ErrorCode::InvalidArgument,
                    "a login has at most " + std::to_string(kMaxLoginBytes) +
                        " bytes and a password at most " + std::to_string(kMaxPasswordBytes));
    std::int64_t now = _clock.epochSeconds();
    std::string at = timestampOf(now);
    // Reserved before the password is checked, so concurrent guesses cannot
    // all pass the count; a refused attempt is not recorded.
    if (auto reserved = _throttle.reserve(login, clientAddress, now); !reserved) {
        // Best effort: the refusal stands even when the audit log cannot be
        // written, so its result is not needed.
        (void)_audit.append(
            {entry(at, 0, login, "auth.login_throttled", "user", "", "from " + clientAddress)});
        return std::unexpected(std::move(reserved).error());
    }
    auto user = _people.userByLogin(login);
    if (!user && user.error().code != ErrorCode::NotFound) {
        _throttle.cancelled(login, clientAddress);
        return std::unexpected(user.error());
    }
    std::optional<User> candidate;
    if (user && user->active) candidate = *user;
    bool ok = NUSQA_TRY(settle(matches(candidate, password), login, clientAddress, now));
    if (!ok) {
        // Recorded in the audit log (best effort: the login fails either
        // way); the password never is.
        (void)_audit.append({entry(at, user ? user->id : 0, login, "auth.login_failed", "user",
                                   user ? std::to_string(user->id) : "", "from " + clientAddress)});
        return fail(ErrorCode::Unauthenticated, kWrongCredentials);
    }
    Session session{*user, _security.randomHex(kTokenBytes),
                    timestampOf(now + _settings.sessionHours * 3600LL)};
    Credential credential{_security.sha256Hex(session.token),
                          user->id,
                          CredentialKind::Session,
                          "",
                          at,
                          session.expiresAt,
                          ""};
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
    // One read of the store for both (one transaction, not two).
    auto found = _people.credentialWithUser(_security.sha256Hex(token));
    if (!found) {
        if (found.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::Unauthenticated, "the session or token is not valid");
        return std::unexpected(found.error());
    }
    const Credential* credential = &found->credential;
    if (!credential->expiresAt.empty() && credential->expiresAt <= _clock.now())
        return fail(ErrorCode::Unauthenticated, "the session has expired: log in again");
    User& user = found->user;
    if (!user.active) return fail(ErrorCode::Unauthenticated, "the account is disabled");
    // "Last used" for the list of one's tokens, written at most once a
    // minute per credential; a failure to note it refuses nothing. The
    // credential just read tells whether a minute has passed: most requests
    // then write nothing (a write transaction per request would queue every
    // request behind the database's one writer).
    std::int64_t now = _clock.epochSeconds();
    const std::string notBefore = timestampOf(now - 60);
    if (credential->lastUsedAt.empty() || credential->lastUsedAt < notBefore)
        (void)_people.touchCredential(credential->tokenHash, timestampOf(now), notBefore);
    return std::move(user);
}

Result<IssuedToken> AuthService::createApiToken(const User& user, const std::string& name) {
    if (name.empty() || name.size() > 100)
        return fail(ErrorCode::InvalidArgument, "a token needs a name of 1 to 100 bytes");
    std::string at = _clock.now();
    IssuedToken issued{"nsq_" + _security.randomHex(kTokenBytes), name, at};
    Credential credential{
        _security.sha256Hex(issued.token), user.id, CredentialKind::ApiToken, name, at, "", ""};
    NUSQA_TRY(
        _people.saveCredential(credential, {entry(at, user.id, user.login, "auth.token_create",
                                                  "user", std::to_string(user.id), name)}));
    return issued;
}

Status AuthService::changePassword(const User& user, const std::string& oldPassword,
                                   const std::string& newPassword,
                                   const std::string& currentToken) {
    NUSQA_TRY(verifyPassword(user, oldPassword));
    NUSQA_TRY(checkNewPassword(newPassword));
    std::string hash;
    {
        ConcurrencyLimit::Slot slot = NUSQA_TRY(hashingSlot());
        hash = NUSQA_TRY(_hasher.hash(newPassword));
    }
    // Whoever else holds a session or token of the account (a stolen one,
    // the reason to change a password) is out with the old password.
    return _people.setPasswordHash(
        user.id, hash,
        {entry(_clock.now(), user.id, user.login, "auth.password_change", "user",
               std::to_string(user.id), "every other session and API token ended")},
        currentToken.empty() ? std::string() : _security.sha256Hex(currentToken));
}

Result<std::vector<Credential>> AuthService::credentials(const User& actor, std::int64_t userId) {
    NUSQA_TRY(authorize(actor, actor.id == userId ? Action::ReadOwn : Action::ManagePeople));
    (void)NUSQA_TRY(_people.user(userId));
    return _people.credentialsOf(userId);
}

Status AuthService::revokeCredential(const User& actor, std::int64_t userId,
                                     const std::string& handle) {
    NUSQA_TRY(authorize(actor, actor.id == userId ? Action::ReadOwn : Action::ManagePeople));
    for (const Credential& credential : NUSQA_TRY(_people.credentialsOf(userId)))
        if (!handle.empty() && credential.handle() == handle)
            return _people.deleteCredential(
                credential.tokenHash,
                {entry(_clock.now(), actor.id, actor.login, "auth.token_revoke", "user",
                       std::to_string(userId),
                       std::string(credential.kind == CredentialKind::Session ? "session"
                                                                              : "API token") +
                           " " + handle +
                           (credential.name.empty() ? "" : " «" + credential.name + "»"))});
    return fail(ErrorCode::NotFound, "user " + std::to_string(userId) +
                                         " has no session or token " + handle.substr(0, 64));
}

Result<int> AuthService::endSessions(const User& actor, std::int64_t userId) {
    NUSQA_TRY(authorize(actor, Action::ManagePeople));
    User user = NUSQA_TRY(_people.user(userId));
    return _people.deleteCredentialsOf(
        userId, std::nullopt,
        {entry(_clock.now(), actor.id, actor.login, "auth.sessions_end", "user",
               std::to_string(userId), "every session and API token of " + user.login)});
}

Result<std::string> AuthService::BoundedHasher::hash(std::string_view password) const {
    ConcurrencyLimit::Slot slot = NUSQA_TRY(_auth.hashingSlot());
    return _auth._hasher.hash(password);
}

Result<bool> AuthService::BoundedHasher::verify(std::string_view encoded,
                                                std::string_view password) const {
    ConcurrencyLimit::Slot slot = NUSQA_TRY(_auth.hashingSlot());
    return _auth._hasher.verify(encoded, password);
}

Status AuthService::verifyPassword(const User& user, const std::string& password) {
    if (password.size() > kMaxPasswordBytes)
        return fail(ErrorCode::InvalidArgument,
                    "a password has at most " + std::to_string(kMaxPasswordBytes) + " bytes");
    // Throttled like a login of the account, from an address of its own: a
    // stolen session must not become a way to guess the password quickly.
    std::string address = "re-entry:" + user.login;
    std::int64_t now = _clock.epochSeconds();
    NUSQA_TRY(_throttle.reserve(user.login, address, now));
    if (!NUSQA_TRY(settle(matches(user, password), user.login, address, now)))
        return fail(ErrorCode::Unauthenticated, "the password is wrong: nothing was signed");
    return {};
}

}  // namespace nusqa
