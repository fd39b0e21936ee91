// AuthService: logins, sessions, API tokens and the password checks of
// electronic signatures.
//
// Secrets: a session token or API token is 32 random bytes in hex, handed to
// the client once; the store keeps only its SHA-256. Passwords are only ever
// compared through the PasswordHasher (Argon2id). Nothing here logs.
// Throttling: failed logins are counted per account and per client address
// in a sliding window; past the limit every attempt (even with the right
// password) gets TooManyRequests until old failures leave the window. The
// counters live in this process.
//
// Thread safety: all methods may be called concurrently.
// Errors: Unauthenticated for a wrong login or password (one message for
// both), an unknown, expired or revoked token, or an inactive user;
// TooManyRequests when throttled; InvalidArgument for a weak new password.
#pragma once

#include <cstdint>
#include <string>

#include "domain/Clock.h"
#include "domain/LoginThrottle.h"
#include "domain/PasswordHasher.h"
#include "domain/PeopleStore.h"
#include "domain/SecurityFunctions.h"

namespace nusqa {

struct AuthSettings {
    int sessionHours = 12;
    int maxFailuresPerAccount = 5;
    int maxFailuresPerAddress = 30;
    int failureWindowSeconds = 900;
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
    // Does not own its arguments; they must outlive the service.
    AuthService(PeopleStore& people, AuditLog& audit, const PasswordHasher& hasher,
                const Clock& clock, SecurityFunctions security, AuthSettings settings = {});

    Result<Session> login(const std::string& login, const std::string& password,
                          const std::string& clientAddress);
    Status logout(const User& user, const std::string& token);
    // The user a session token or API token belongs to.
    Result<User> authenticate(const std::string& token);
    Result<IssuedToken> createApiToken(const User& user, const std::string& name);
    Status changePassword(const User& user, const std::string& oldPassword,
                          const std::string& newPassword);
    // For signatures: Unauthenticated "the password is wrong: nothing was signed".
    Status verifyPassword(const User& user, const std::string& password);

    // InvalidArgument unless 10..200 bytes.
    static Status checkNewPassword(const std::string& password);

private:
    Result<bool> matches(std::int64_t userId, const std::string& password);

    PeopleStore& _people;
    AuditLog& _audit;
    const PasswordHasher& _hasher;
    const Clock& _clock;
    SecurityFunctions _security;
    AuthSettings _settings;
    LoginThrottle _throttle;
    std::string _dummyHash;  // verified against for unknown logins (same timing)
};

}  // namespace nusqa
