#include "domain/VerificationService.h"

#include <algorithm>

namespace nusqa {

VerificationService::VerificationService(Store& store, const PdfVerifier& verifier,
                                         std::vector<std::string> sealCertificates)
    : _verifier(verifier),
      _lookup([&store](std::int64_t editionId, std::string_view sha256) {
          return checkInStore(store, editionId, sha256);
      }),
      _sealCertificates(std::move(sealCertificates)) {}

VerificationService::VerificationService(const PdfVerifier& verifier, EditionLookup lookup)
    : _verifier(verifier), _lookup(std::move(lookup)) {}

EditionCheck VerificationService::check(std::int64_t editionId, std::string_view sha256) {
    if (_lookup) return _lookup(editionId, sha256);
    EditionCheck check;
    check.editionId = editionId;
    check.sha256 = std::string(sha256);
    check.problem = "no register was asked about edition " + std::to_string(editionId);
    return check;
}

EditionCheck VerificationService::checkInStore(Store& store, std::int64_t editionId,
                                               std::string_view sha256) {
    EditionCheck check;
    check.editionId = editionId;
    check.sha256 = std::string(sha256);
    auto edition = store.edition(editionId);
    if (!edition) {
        check.problem = edition.error().code == ErrorCode::NotFound
                            ? "no edition " + std::to_string(editionId) + " in the register"
                            : "the register cannot be read: " + edition.error().message;
        return check;
    }
    if (edition->sha256 != sha256) {
        // A draft's content changes with every revision; any other edition is
        // frozen, so another hash means the copy is not of this edition.
        check.problem = "edition " + std::to_string(editionId) + " has other content (SHA-256 " +
                        edition->sha256 + ")";
        return check;
    }
    check.found = true;
    check.status = std::string(toString(edition->status));
    // The public page names what was checked; a document that cannot be
    // read leaves the names out, the edition's status stands.
    if (auto document = store.document(edition->documentId); document) {
        check.documentCode = document->code;
        check.documentTitle = document->title;
    }
    check.edition = std::move(*edition);
    return check;
}

Result<VerificationReport> VerificationService::verify(std::string_view pdf) {
    VerificationReport report;
    report.pdf = NUSQA_TRY(_verifier.verify(pdf));
    // The organisation's seal: the last valid signature by one of its seal
    // certificates, or chaining to a trust anchor, that carries an edition
    // binding.
    const SignatureReport* seal = nullptr;
    for (const SignatureReport& signature : report.pdf.signatures) {
        bool ours =
            signature.trusted || std::find(_sealCertificates.begin(), _sealCertificates.end(),
                                           signature.certificateSha256) != _sealCertificates.end();
        if (signature.seal && signature.valid && ours) seal = &signature;
    }
    if (seal == nullptr) {
        report.edition.problem = "no valid seal of this organisation";
        return report;
    }
    report.sealed = true;
    report.printed = seal->printKind;
    report.comparedWith = seal->comparedEditionId;
    if (report.printed == "table") {
        // A report table names no edition: the seal over its content is
        // all there is to check.
        report.edition.editionId = 0;
        report.edition.sha256 = seal->editionSha256;
        report.genuine = report.pdf.valid;
    } else if (report.printed == "unknown") {
        report.edition.problem = "the seal says the file is of a kind this server does not know";
    } else {
        report.registerAsked = static_cast<bool>(_lookup);
        report.edition = check(seal->editionId, seal->editionSha256);
        report.genuine = report.pdf.valid && report.edition.found;
    }
    // Revisions after the seal may change the pages, not only add
    // signatures: they are accepted only from certificates this organisation
    // trusts (approvers' personal certificates of its CA).
    for (const SignatureReport* later = seal + 1;
         later != report.pdf.signatures.data() + report.pdf.signatures.size(); ++later)
        if (!later->trusted) {
            report.genuine = false;
            report.untrustedAfterSeal = true;
            report.edition.problem = "signed after the seal by «" + later->signer +
                                     "», whose certificate this organisation does not trust";
            break;
        }
    return report;
}

}  // namespace nusqa
