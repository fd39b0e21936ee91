#include "domain/Types.h"

#include <array>
#include <ctime>
#include <utility>

namespace nusqa {
namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<DocumentKind, 5> kKindNames{{
    {DocumentKind::Regulation, "regulation"},
    {DocumentKind::JobInstruction, "job_instruction"},
    {DocumentKind::DocumentedProcedure, "documented_procedure"},
    {DocumentKind::WorkInstruction, "work_instruction"},
    {DocumentKind::OrganisationStandard, "organisation_standard"},
}};

constexpr NameTable<Language, 2> kLanguageNames{{
    {Language::Kazakh, "kk"},
    {Language::Russian, "ru"},
}};

constexpr NameTable<EditionStatus, 7> kStatusNames{{
    {EditionStatus::Draft, "draft"},
    {EditionStatus::InAgreement, "in_agreement"},
    {EditionStatus::Agreed, "agreed"},
    {EditionStatus::Approved, "approved"},
    {EditionStatus::InForce, "in_force"},
    {EditionStatus::Superseded, "superseded"},
    {EditionStatus::Cancelled, "cancelled"},
}};

template <typename Enum, std::size_t N>
std::string_view nameOf(const NameTable<Enum, N>& table, Enum value) {
    for (const auto& [candidate, name] : table)
        if (candidate == value) return name;
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const NameTable<Enum, N>& table, std::string_view text) {
    for (const auto& [value, name] : table)
        if (name == text) return value;
    return std::nullopt;
}

}  // namespace

std::string_view toString(DocumentKind kind) {
    return nameOf(kKindNames, kind);
}
std::string_view toString(Language language) {
    return nameOf(kLanguageNames, language);
}
std::string_view toString(EditionStatus status) {
    return nameOf(kStatusNames, status);
}

std::optional<DocumentKind> parseDocumentKind(std::string_view text) {
    return valueOf(kKindNames, text);
}
std::optional<Language> parseLanguage(std::string_view text) {
    return valueOf(kLanguageNames, text);
}
std::optional<EditionStatus> parseEditionStatus(std::string_view text) {
    return valueOf(kStatusNames, text);
}

std::string utcNow() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

}  // namespace nusqa
