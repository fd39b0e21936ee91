#include "domain/Clock.h"

#include <charconv>
#include <chrono>

namespace nusqa {
namespace {

using namespace std::chrono;

std::optional<int> number(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<year_month_day> parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = number(text.substr(0, 4)), m = number(text.substr(5, 2)),
         d = number(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    year_month_day date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

// Writes value as `width` decimal digits, zero-padded. REQUIRES: 0 <= value
// < 10^width.
char* putDigits(char* out, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

// "YYYY-MM-DD" into out (10 bytes); false for a year outside 0..9999.
// Written digit by digit: every authenticated request formats two
// timestamps, and snprintf parsed its format string each time.
bool putDate(char* out, const year_month_day& date) {
    int y = static_cast<int>(date.year());
    if (y < 0 || y > 9999) return false;
    out = putDigits(out, y, 4);
    *out++ = '-';
    out = putDigits(out, static_cast<int>(static_cast<unsigned>(date.month())), 2);
    *out++ = '-';
    putDigits(out, static_cast<int>(static_cast<unsigned>(date.day())), 2);
    return true;
}

std::string formatDate(const year_month_day& date) {
    char text[16];
    if (putDate(text, date)) return std::string(text, 10);
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

}  // namespace

std::string Clock::now() const {
    return timestampOf(epochSeconds());
}
std::string Clock::today() const {
    return now().substr(0, 10);
}

std::int64_t SystemClock::epochSeconds() const {
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t ManualClock::epochSeconds() const {
    std::lock_guard lock(_mutex);
    return _seconds;
}

void ManualClock::set(std::int64_t epochSeconds) {
    std::lock_guard lock(_mutex);
    _seconds = epochSeconds;
}

void ManualClock::advance(std::int64_t seconds) {
    std::lock_guard lock(_mutex);
    _seconds += seconds;
}

bool isDate(std::string_view text) {
    return parseDate(text).has_value();
}

std::optional<std::string> addDays(std::string_view date, int days) {
    auto parsed = parseDate(date);
    if (!parsed) return std::nullopt;
    return formatDate(year_month_day{sys_days{*parsed} + std::chrono::days{days}});
}

std::optional<std::string> addMonths(std::string_view date, int count) {
    auto parsed = parseDate(date);
    if (!parsed) return std::nullopt;
    year_month_day moved = *parsed + months{count};
    // 31 January + 1 month: the last day of February.
    if (!moved.ok()) moved = year_month_day{moved.year() / moved.month() / last};
    return formatDate(moved);
}

std::string timestampOf(std::int64_t epochSeconds) {
    sys_seconds time{seconds{epochSeconds}};
    sys_days day = floor<days>(time);
    year_month_day date{day};
    hh_mm_ss clock{time - day};
    char text[32];
    if (putDate(text, date)) {
        char* out = text + 10;
        *out++ = 'T';
        out = putDigits(out, static_cast<int>(clock.hours().count()), 2);
        *out++ = ':';
        out = putDigits(out, static_cast<int>(clock.minutes().count()), 2);
        *out++ = ':';
        out = putDigits(out, static_cast<int>(clock.seconds().count()), 2);
        *out++ = 'Z';
        return std::string(text, out);
    }
    std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", formatDate(date).c_str(),
                  static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return text;
}

std::optional<std::int64_t> epochOf(std::string_view text) {
    auto date = parseDate(text.substr(0, 10));
    if (!date) return std::nullopt;
    std::int64_t seconds = sys_days{*date}.time_since_epoch().count() * 86400LL;
    if (text.size() == 10) return seconds;
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != 'Z')
        return std::nullopt;
    auto h = number(text.substr(11, 2)), m = number(text.substr(14, 2)),
         s = number(text.substr(17, 2));
    if (!h || !m || !s) return std::nullopt;
    return seconds + *h * 3600 + *m * 60 + *s;
}

}  // namespace nusqa
