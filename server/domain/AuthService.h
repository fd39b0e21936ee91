// AuthService: logins, sessions, API tokens and the password checks of
// electronic signatures.
//
// Secrets: a session token or API token is 32 random bytes in hex, handed to
// the client once; the store keeps only its SHA-256. Passwords are only ever
// compared through the PasswordHasher (Argon2id). Nothing here logs.
// Throttling (LoginThrottle, which states the policy): failures slow the
// next attempts down with increasing delays; nothing locks the right
// password out for longer than the delay. Every password check (login,
// password change, the signing acts that re-enter a password) reserves its
// attempt in the throttle before the hash is computed, and runs under a
// ConcurrencyLimit of maxConcurrentHashes (Argon2id needs 19 MiB a check).
// The re-entered password of a signature is throttled as the account from
// the pseudo-address "re-entry:<login>".
//
// Thread safety: all methods may be called concurrently.
// Errors: Unauthenticated for a wrong login or password (one message for
// both), an unknown, expired or revoked token, or an inactive user;
// TooManyRequests (with retryAfterSeconds) when throttled; Busy when no
// hashing slot frees up within hashWaitMilliseconds; InvalidArgument for a
// login over kMaxLoginBytes or a password over kMaxPasswordBytes (refused
// before any other work), or a weak new password.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/Clock.h"
#include "domain/ConcurrencyLimit.h"
#include "domain/LoginThrottle.h"
#include "domain/PasswordHasher.h"
#include "domain/PeopleStore.h"
#include "domain/SecurityFunctions.h"

namespace nusqa {

struct AuthSettings {
    int sessionHours = 12;
    int maxFailuresPerAccount = 5;    // failures before delays start (account, account + address)
    int maxFailuresPerAddress = 30;   // failures before delays start (client address)
    int failureWindowSeconds = 900;   // failures are forgotten this long after the latest
    int maxDelaySeconds = 60;         // the longest delay between two attempts
    int maxConcurrentHashes = 4;      // password checks running at once
    int hashWaitMilliseconds = 2000;  // wait for a free hashing slot, then Busy
    std::size_t maxThrottleEntries = 20000;  // keys per throttle map
};

struct Session {
    User user;
    std::string token;  // the secret: give it to the client, never log it
    std::string expiresAt;
};

struct IssuedToken {
    std::string token;  // shown once
    std::string name;
    std::string createdAt;
};

class AuthService {
public:
    static constexpr std::size_t kMaxLoginBytes = 256;
    static constexpr std::size_t kMaxPasswordBytes = 1024;

    // Does not own its arguments; they must outlive the service. With a
    // throttleStore the login throttle's counters are kept there (shared by
    // every node of a cluster), otherwise in this process.
    AuthService(PeopleStore& people, AuditLog& audit, const PasswordHasher& hasher,
                const Clock& clock, SecurityFunctions security, AuthSettings settings = {},
                ThrottleStore* throttleStore = nullptr);

    Result<Session> login(const std::string& login, const std::string& password,
                          const std::string& clientAddress);
    Status logout(const User& user, const std::string& token);
    // The user a session token or API token belongs to.
    Result<User> authenticate(const std::string& token);
    Result<IssuedToken> createApiToken(const User& user, const std::string& name);
    // Changes the user's password; every other session and API token of the
    // account ends in the same transaction (currentToken, the credential the
    // request came with, stays). Audited: auth.password_change.
    Status changePassword(const User& user, const std::string& oldPassword,
                          const std::string& newPassword, const std::string& currentToken);
    // The sessions and API tokens of a user, never their secrets: one's own
    // (ReadOwn), or anyone's for an admin (ManagePeople). Forbidden; NotFound.
    Result<std::vector<Credential>> credentials(const User& actor, std::int64_t userId);
    // Revokes one session or token by its handle (Credential::handle), of
    // one's own account or, for an admin, of anyone's. NotFound for no such
    // handle of that user. Audited: auth.token_revoke.
    Status revokeCredential(const User& actor, std::int64_t userId, const std::string& handle);
    // The handle (Credential::handle) of a session or API token secret.
    std::string handleOf(const std::string& token) const {
        return _security.sha256Hex(token).substr(0, 16);
    }
    // Ends every session and API token of a user (ManagePeople); returns how
    // many. Audited: auth.sessions_end.
    Result<int> endSessions(const User& actor, std::int64_t userId);
    // For signatures: Unauthenticated "the password is wrong: nothing was signed".
    Status verifyPassword(const User& user, const std::string& password);

    // InvalidArgument unless 10..200 bytes.
    static Status checkNewPassword(const std::string& password);

    // Keys held by the login throttle (bounded by 4 x maxThrottleEntries).
    std::size_t throttleSize() const { return _throttle.size(); }

    // The service's hasher bounded by its hashing slots (Busy when none is
    // free in time): what PeopleService hashes new passwords with (creation,
    // an admin's reset), so every Argon2id run counts against
    // maxConcurrentHashes, as logins do.
    const PasswordHasher& boundedHasher() const { return _bounded; }

private:
    class BoundedHasher final : public PasswordHasher {
    public:
        explicit BoundedHasher(AuthService& auth) : _auth(auth) {}
        Result<std::string> hash(std::string_view password) const override;
        Result<bool> verify(std::string_view encoded, std::string_view password) const override;

    private:
        AuthService& _auth;
    };

    // Checks a password against the user's hash (or, for no user, against a
    // dummy hash, for the timing), within a hashing slot.
    Result<bool> matches(const std::optional<User>& user, const std::string& password);
    // Settles the throttle's reservation by the check's outcome: a wrong
    // password becomes a failure, a success or an error (nothing checked) is
    // taken back.
    Result<bool> settle(Result<bool> matched, const std::string& account,
                        const std::string& address, std::int64_t now);
    // A hashing slot, or Busy (Retry-After 1 s).
    Result<ConcurrencyLimit::Slot> hashingSlot();

    PeopleStore& _people;
    AuditLog& _audit;
    const PasswordHasher& _hasher;
    const Clock& _clock;
    SecurityFunctions _security;
    AuthSettings _settings;
    LoginThrottle _throttle;
    ConcurrencyLimit _hashing;
    std::string _dummyHash;  // verified against for unknown logins (same timing)
    BoundedHasher _bounded{*this};
};

}  // namespace nusqa
