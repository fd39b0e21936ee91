// fuzz_login: the login route's fields and the login throttle, without
// Argon2 (a plain test hasher): the body bound and field reading of
// POST /api/v1/auth/login (http/AuthRoutes.cpp: the body at most
// 6 x (login + password bound) + 64 bytes, parseJsonObject, stringField
// "login" and "password") and AuthService::login over the in-memory stores
// with a manual clock, so the throttle (domain/LoginThrottle.h) sees
// hostile names, many addresses and time moving. An input is up to 64
// attempts separated by 0xFF bytes; each attempt's first byte picks the
// client address (of 8: IPv4, IPv6, a proxy's) and how far the clock moves
// first (0 s .. 1 h), the rest is the JSON body. The throttle keeps at most
// 8 keys per map here. Seeds: tests/fuzz/corpus/login (right and wrong
// passwords, Kazakh and Russian logins, names at and past the 256-byte
// bound, invalid UTF-8, control characters, deep nesting, huge numbers).
// The oracle: no crash or sanitizer report; a refusal is 400, 401, 422 or
// 429 (429 with a Retry-After of 1..60 s) with a message; a login over 256
// bytes or a password over 1024 is refused as 400 before anything else;
// only the right password logs in; the throttle never holds more than its
// cap (4 maps x 8 keys); and nothing locks the right password out — 61 s
// after the last attempt the office logs in from its usual address.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/AuthService.h"
#include "http/detail/RequestParsing.h"
#include "support/PlainHasher.h"
#include "support/memory/MemoryStorage.h"

namespace {

using namespace nusqa;

constexpr std::size_t kMaxLoginBodyBytes =
    6 * (AuthService::kMaxLoginBytes + AuthService::kMaxPasswordBytes) + 64;
constexpr std::size_t kThrottleEntries = 8;
const char* const kAddresses[] = {"10.0.0.1",    "10.0.0.2",  "192.168.1.7", "::1",
                                  "2001:db8::5", "127.0.0.1", "10.0.0.3",    "fe80::1"};
const std::int64_t kAdvance[] = {0, 1, 2, 5, 30, 61, 900, 3600};
struct Account {
    const char* login;
    const char* password;
};
const Account kAccounts[] = {{"office", "office-password-1"}, {"Әкімші", "құпия-сөз-1"}};

// Distinct secrets (sessions are stored by their hash), no cost.
SecurityFunctions plainSecurity() {
    return SecurityFunctions{
        [](std::size_t bytes) {
            static std::uint64_t counter = 0;
            std::string hex = std::to_string(++counter);
            return std::string(bytes * 2 - std::min(hex.size(), bytes * 2), '0') + hex;
        },
        [](std::string_view bytes) { return "h:" + std::string(bytes); }};
}

void checkRefusal(const Error& error) {
    if (error.message.empty()) std::abort();
    switch (error.code) {
        case ErrorCode::InvalidArgument:
        case ErrorCode::InvalidDocument:
        case ErrorCode::Unauthenticated:
            return;
        case ErrorCode::TooManyRequests:
            if (error.retryAfterSeconds < 1 || error.retryAfterSeconds > 60) std::abort();
            return;
        default:
            std::abort();
    }
}

// One world per input: the throttle's state must come from this input only.
struct World {
    test::MemoryStorage storage;
    test::PlainHasher hasher;
    ManualClock clock{1'780'000'000};
    AuthSettings settings = [] {
        AuthSettings s;
        s.maxThrottleEntries = kThrottleEntries;
        return s;
    }();
    AuthService auth{storage.people(), storage.audit(), hasher, clock, plainSecurity(), settings};

    World() {
        for (const Account& account : kAccounts) {
            UserRecord record;
            record.user.login = account.login;
            record.user.fullNameKk = "Сапа бөлімі";
            record.user.email = "office@university.test";
            record.user.roles = {Role::QualityOffice};
            record.passwordHash = "plain:" + std::string(account.password);
            record.createdAt = "2026-03-01T09:00:00Z";
            if (!storage.people().createUser(record, {})) std::abort();
        }
    }
};

void attempt(World& world, std::string_view record) {
    const unsigned char choice = static_cast<unsigned char>(record.front());
    const std::string address = kAddresses[choice & 7];
    world.clock.advance(kAdvance[(choice >> 3) & 7]);
    http::Request request;
    request.method = "POST";
    request.headers["content-type"] = "application/json";
    request.body = std::string(record.substr(1));
    if (request.body.size() > kMaxLoginBodyBytes) return;  // 400 before parsing
    auto body = http::parseJsonBody(request);
    if (!body) return checkRefusal(body.error());
    auto login = http::stringField(**body, "login", true);
    if (!login) return checkRefusal(login.error());
    auto password = http::stringField(**body, "password", true);
    if (!password) return checkRefusal(password.error());
    const std::size_t before = world.auth.throttleSize();
    auto session = world.auth.login(*login, *password, address);
    const bool tooLong = login->size() > AuthService::kMaxLoginBytes ||
                         password->size() > AuthService::kMaxPasswordBytes;
    if (tooLong && (session || session.error().code != ErrorCode::InvalidArgument ||
                    world.auth.throttleSize() != before))
        std::abort();
    if (session) {
        bool right = false;
        for (const Account& account : kAccounts)
            right = right || (*login == account.login && *password == account.password);
        if (!right || session->token.empty()) std::abort();
    } else {
        checkRefusal(session.error());
    }
    if (world.auth.throttleSize() > 4 * kThrottleEntries) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    World world;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    for (int attempts = 0; attempts < 64 && !input.empty(); ++attempts) {
        std::size_t end = input.find('\xff');
        std::string_view record = input.substr(0, end);
        if (!record.empty()) attempt(world, record);
        input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    }
    world.clock.advance(61);
    auto session = world.auth.login(kAccounts[0].login, kAccounts[0].password, kAddresses[0]);
    if (!session) {
        std::fprintf(stderr, "the right password is locked out: %s\n",
                     session.error().message.c_str());
        std::abort();
    }
    return 0;
}
