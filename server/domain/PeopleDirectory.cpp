// PeopleService::directory: the people a route may name, found by name.
// The list is read whole and filtered here (a university has thousands of
// people, not millions; the store's query stays the one users() uses).
#include <algorithm>
#include <map>

#include "domain/PeopleService.h"
#include "domain/Stemmer.h"
#include "domain/Utf8.h"

namespace nusqa {
namespace {

// Case-folded (Latin, Cyrillic, Kazakh letters; ё as е) so that «бекова»
// finds «Бекова». Bytes that are not UTF-8 (a hostile query) are skipped:
// they can match nothing.
std::string folded(std::string_view text) {
    std::u32string points;
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        int length = byte < 0x80           ? 1
                     : (byte >> 5) == 0x6  ? 2
                     : (byte >> 4) == 0xE  ? 3
                     : (byte >> 3) == 0x1E ? 4
                                           : 0;
        if (length == 0 || i + length > text.size()) {
            ++i;
            continue;
        }
        char32_t value = length == 1 ? byte : byte & (0x7F >> length);
        bool valid = true;
        for (int k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) valid = false;
            value = (value << 6) | (next & 0x3F);
        }
        i += valid ? length : 1;
        if (valid) points.push_back(search::foldLetter(value));
    }
    return encodeUtf8(points);
}

std::vector<std::string> wordsOf(const std::string& text) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t start = text.find_first_not_of(" \t\r\n,.", at);
        if (start == std::string::npos) break;
        std::size_t end = text.find_first_of(" \t\r\n,.", start);
        if (end == std::string::npos) end = text.size();
        words.push_back(text.substr(start, end - start));
        at = end;
    }
    return words;
}

}  // namespace

Result<DirectoryPage> PeopleService::directory(const User& actor, const DirectoryQuery& query) {
    NUSQA_TRY(authorize(actor, Action::SendForAgreement));
    if (query.limit < 1 || query.limit > kMaxDirectoryPage)
        return fail(ErrorCode::InvalidArgument,
                    "limit must be 1 to " + std::to_string(kMaxDirectoryPage));
    if (query.text.size() > kMaxDirectoryQueryBytes)
        return fail(ErrorCode::InvalidArgument,
                    "q is longer than " + std::to_string(kMaxDirectoryQueryBytes) + " bytes");
    std::vector<std::string> words = wordsOf(folded(query.text));
    if (words.size() > 8) return fail(ErrorCode::InvalidArgument, "q has more than 8 words");

    UserQuery which;
    which.role = Role::Approver;
    which.activeOnly = true;
    std::vector<User> people = NUSQA_TRY(_people.users(which));
    std::map<std::int64_t, Unit> units;
    for (Unit& unit : NUSQA_TRY(_people.units())) units.emplace(unit.id, std::move(unit));

    std::vector<DirectoryEntry> found;
    for (const User& person : people) {
        if (!person.active || !person.hasRole(Role::Approver)) continue;
        std::string haystack = folded(person.fullNameKk + " " + person.fullNameRu + " " +
                                      person.positionKk + " " + person.positionRu);
        bool matches = std::all_of(words.begin(), words.end(), [&](const std::string& word) {
            return haystack.find(word) != std::string::npos;
        });
        if (!matches) continue;
        DirectoryEntry entry{person.id,
                             person.fullNameKk,
                             person.fullNameRu,
                             person.positionKk,
                             person.positionRu,
                             person.unitId,
                             {},
                             {}};
        if (person.unitId)
            if (auto unit = units.find(*person.unitId); unit != units.end()) {
                entry.unitKk = unit->second.nameKk;
                entry.unitRu = unit->second.nameRu;
            }
        found.push_back(std::move(entry));
    }
    auto nameOf = [](const DirectoryEntry& entry) {
        return entry.fullNameKk.empty() ? entry.fullNameRu : entry.fullNameKk;
    };
    std::sort(found.begin(), found.end(), [&](const DirectoryEntry& a, const DirectoryEntry& b) {
        return std::pair(nameOf(a), a.id) < std::pair(nameOf(b), b.id);
    });
    DirectoryPage page;
    page.more = found.size() > static_cast<std::size_t>(query.limit);
    if (page.more) found.resize(static_cast<std::size_t>(query.limit));
    page.items = std::move(found);
    return page;
}

}  // namespace nusqa
