// Small text helpers the domain's services share when they check what a
// person typed. Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace nusqa {

// The text without leading and trailing spaces, tabs and line breaks.
inline std::string trimmed(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(kSpace) - first + 1));
}

}  // namespace nusqa
