#include "http/detail/AccessRules.h"

namespace nusqa::http {
namespace {

using enum Action;

// THE route access table. Keep in step with the routes (tests/http's
// authorization matrix fails when a route has no rule or the wrong one).
constexpr AccessRule kRules[] = {
    {"GET", "/healthz", std::nullopt, ""},
    {"POST", "/api/v1/auth/login", std::nullopt, ""},
    {"GET", "/api/v1/openapi.json", ReadOwn, ""},
    {"POST", "/api/v1/auth/logout", ReadOwn, ""},
    {"GET", "/api/v1/me", ReadOwn, ""},
    {"PUT", "/api/v1/me/password", ReadOwn, ""},
    {"POST", "/api/v1/me/tokens", ReadOwn, ""},
    {"GET", "/api/v1/me/familiarizations", ReadOwn, ""},
    {"POST", "/api/v1/documents", EditDrafts, "document.create"},
    {"GET", "/api/v1/documents", ReadRegister, ""},
    {"GET", "/api/v1/documents/{id}", ReadRegister, ""},
    {"POST", "/api/v1/documents/{id}/editions", EditDrafts, "edition.create"},
    {"POST", "/api/v1/documents/{id}/editions/next", EditDrafts, "edition.create_next"},
    {"GET", "/api/v1/documents/{id}/distribution", ReadRegister, ""},
    {"PUT", "/api/v1/documents/{id}/distribution", ManageDistribution, ""},
    {"GET", "/api/v1/editions/{id}", ReadRegister, ""},
    {"PUT", "/api/v1/editions/{id}", EditDrafts, "edition.update"},
    {"GET", "/api/v1/editions/{id}/pdf", ReadRegister, "edition.download_pdf"},
    {"GET", "/api/v1/editions/{id}/lifecycle", ReadRegister, ""},
    {"POST", "/api/v1/editions/{id}/submit", SendForAgreement, ""},
    {"POST", "/api/v1/editions/{id}/agree", Agree, ""},
    {"POST", "/api/v1/editions/{id}/reject", Agree, ""},
    {"POST", "/api/v1/editions/{id}/approve", Approve, ""},
    {"POST", "/api/v1/editions/{id}/cancel", ManageLifecycle, ""},
    {"POST", "/api/v1/editions/{id}/familiarize", Familiarize, ""},
    {"POST", "/api/v1/editions/{id}/review", Review, ""},
    {"POST", "/api/v1/editions/{id}/register-in-force", ManageLifecycle,
     "edition.register_in_force"},
    {"GET", "/api/v1/editions/{id}/familiarizations", ReadQualityRecords, ""},
    {"GET", "/api/v1/familiarizations/overdue", ReadQualityRecords, ""},
    {"GET", "/api/v1/reviews/due", ReadQualityRecords, ""},
    {"GET", "/api/v1/units", ReadPeople, ""},
    {"POST", "/api/v1/units", ManagePeople, ""},
    {"GET", "/api/v1/positions", ReadPeople, ""},
    {"POST", "/api/v1/positions", ManagePeople, ""},
    {"GET", "/api/v1/users", ReadPeople, ""},
    {"POST", "/api/v1/users", ManagePeople, ""},
    {"GET", "/api/v1/users/{id}", ReadPeople, ""},
    {"GET", "/api/v1/audit", ReadAudit, ""},
    // Conversion of a Word/text file into edition XML (stores nothing).
    {"POST", "/api/v1/import", EditDrafts, ""},
    // Verification of a PDF (anyone signed in) and the public URL in the
    // seal's QR code (a paper copy is checked without an account).
    {"POST", "/api/v1/verify", ReadOwn, ""},
    {"GET", "/verify/{id}/{sha256}", std::nullopt, ""},
    // The web application's files (http/StaticFiles.h), the router's
    // fallback for GET and HEAD: public, so the sign-in page loads without
    // a session; the API it calls keeps its own rules above.
    {"GET", "/**", std::nullopt, ""},
};

}  // namespace

std::span<const AccessRule> accessRules() {
    return kRules;
}

const AccessRule* accessRuleFor(std::string_view method, std::string_view pattern) {
    for (const AccessRule& rule : kRules)
        if (rule.method == method && rule.pattern == pattern) return &rule;
    return nullptr;
}

}  // namespace nusqa::http
