// Clock: the time port of the domain. Every rule that depends on "now"
// (session expiry, login throttling, effective dates, due dates, reminders,
// reviews) asks a Clock, so tests control time. SystemClock reads the system
// time; tests use ManualClock and move it.
//
// Times are UTC "YYYY-MM-DDTHH:MM:SSZ"; dates are "YYYY-MM-DD" (UTC).
// Thread safety: both implementations may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace nusqa {

class Clock {
public:
    virtual ~Clock() = default;
    // Seconds since the Unix epoch, UTC.
    virtual std::int64_t epochSeconds() const = 0;

    std::string now() const;    // "YYYY-MM-DDTHH:MM:SSZ"
    std::string today() const;  // "YYYY-MM-DD"
};

class SystemClock final : public Clock {
public:
    std::int64_t epochSeconds() const override;
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(std::int64_t epochSeconds) : _seconds(epochSeconds) {}
    std::int64_t epochSeconds() const override;
    void set(std::int64_t epochSeconds);
    void advance(std::int64_t seconds);

private:
    mutable std::mutex _mutex;
    std::int64_t _seconds;
};

// Date arithmetic on "YYYY-MM-DD" (proleptic Gregorian, UTC).
bool isDate(std::string_view text);
// nullopt when text is not a date.
std::optional<std::string> addDays(std::string_view date, int days);
std::optional<std::string> addMonths(std::string_view date, int months);
std::string timestampOf(std::int64_t epochSeconds);
// Epoch seconds of "YYYY-MM-DDTHH:MM:SSZ" or of a date at 00:00:00Z.
std::optional<std::int64_t> epochOf(std::string_view timestampOrDate);

}  // namespace nusqa
