#include "domain/RenditionService.h"

#include <utility>

#include "domain/Authorization.h"

namespace nusqa {

namespace {

// Signature ids only grow, so the ids name the records exactly: a new
// signature makes a new key and the sheets are printed afresh.
std::string fingerprintOf(const SheetData& records) {
    std::string fingerprint = "a";
    for (const Signature& signature : records.agreements)
        fingerprint += ":" + std::to_string(signature.id);
    fingerprint += "f";
    for (const Signature& signature : records.familiarizations)
        fingerprint += ":" + std::to_string(signature.id);
    // The register's facts print on the title page and as the status mark.
    if (const auto& facts = records.facts) {
        fingerprint += "s" + std::string(toString(facts->status)) + "|" + facts->approvedAt + "|" +
                       facts->decision + "|" + facts->effectiveDate + "|" + facts->reviewDate +
                       "|" + facts->endedOn + "|" + facts->agreedAt + "|" + facts->preparedAt;
        if (facts->replaces) fingerprint += "|r" + std::to_string(facts->replaces->id);
        if (facts->replacedBy) fingerprint += "|b" + std::to_string(facts->replacedBy->id);
        if (facts->paper) fingerprint += "|p" + facts->paper->registeredAt;
        for (const RoutePerson& person : facts->route)
            fingerprint += "|" + person.fullName + "=" + person.decidedAt;
    }
    if (records.copy)
        fingerprint += "c" + std::to_string(records.copy->number) + "|" + records.copy->holder;
    return fingerprint;
}

// Editions not yet in force are seen only by those who may edit, agree or
// approve them; in force, superseded and cancelled ones by every reader.
bool renditionNotYetInForce(EditionStatus status) {
    return status == EditionStatus::Draft || status == EditionStatus::InAgreement ||
           status == EditionStatus::Agreed || status == EditionStatus::Approved;
}

Status authorizeDraftRead(const User& actor, const Edition& edition) {
    if (!renditionNotYetInForce(edition.status)) return {};
    for (Action action : {Action::EditDrafts, Action::Agree, Action::Approve})
        if (authorize(actor, action)) return {};
    return fail(ErrorCode::Forbidden,
                actor.login + " may not read edition " + std::to_string(edition.id) + ": it is " +
                    std::string(toString(edition.status)) +
                    ", not in force; drafts are for those who edit, agree or approve them");
}

}  // namespace

RenditionService::RenditionService(Store& store, AuditLog& audit, const Clock& clock,
                                   const EditionPrinter& printer, std::size_t cacheBytes,
                                   RecordSource records, SealingOptions sealing, CopySource copies)
    : _store(store),
      _audit(audit),
      _clock(clock),
      _printer(printer),
      _records(std::move(records)),
      _sealing(std::move(sealing)),
      _copies(std::move(copies)),
      _cache(cacheBytes) {}

Result<Rendition> RenditionService::pdf(const User& actor, std::int64_t editionId,
                                        const std::string& profile) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    auto [edition, records] = NUSQA_TRY(editionWithRecords(editionId));
    NUSQA_TRY(authorizeDraftRead(actor, edition));
    Rendition rendition = NUSQA_TRY(render(std::move(edition), profile, std::move(records)));
    // A read changes nothing: its entry follows it, and without the entry
    // the copy is not handed out.
    NUSQA_TRY(_audit.append({NewAuditEntry{
        _clock.now(), actor.id, actor.login, "edition.download_pdf", "edition",
        std::to_string(editionId),
        "profile " + (rendition.profile.empty() ? std::string("default") : rendition.profile) +
            ", sha256 " + rendition.edition.sha256 + (rendition.fromCache ? ", cached" : "")}}));
    return rendition;
}

Result<Rendition> RenditionService::copyPdf(const User& actor, std::int64_t copyId,
                                            const std::string& profile) {
    NUSQA_TRY(authorize(actor, Action::ReadRegister));
    if (!_copies) return fail(ErrorCode::NotFound, "no controlled copy " + std::to_string(copyId));
    ControlledCopy copy = NUSQA_TRY(_copies(actor, copyId));
    auto [edition, records] = NUSQA_TRY(editionWithRecords(copy.editionId));
    Rendition rendition = NUSQA_TRY(render(std::move(edition), profile, std::move(records), &copy));
    NUSQA_TRY(_audit.append({NewAuditEntry{
        _clock.now(), actor.id, actor.login, "copy.download_pdf", "copy", std::to_string(copyId),
        "edition " + std::to_string(copy.editionId) + ", № " + std::to_string(copy.number) +
            ", holder «" + copy.holderName + "», profile " +
            (rendition.profile.empty() ? std::string("default") : rendition.profile) + ", sha256 " +
            rendition.edition.sha256 + (rendition.fromCache ? ", cached" : "")}}));
    return rendition;
}

Result<std::pair<Edition, SheetData>> RenditionService::editionWithRecords(std::int64_t editionId) {
    SheetData records;
    if (_records) records = NUSQA_TRY(_records(editionId));
    // The edition as the records' read saw it (one snapshot, one read less
    // per download); else on its own (NotFound for a missing edition).
    Edition edition =
        records.edition ? std::move(*records.edition) : NUSQA_TRY(_store.edition(editionId));
    records.edition.reset();
    return std::pair<Edition, SheetData>(std::move(edition), std::move(records));
}

Result<Rendition> RenditionService::render(Edition edition, const std::string& profile,
                                           SheetData records, const ControlledCopy* copy) {
    const std::int64_t editionId = edition.id;
    if (copy != nullptr) records.copy = SheetData::CopyMark{copy->number, copy->holderName};
    // The SHA-256 names the exact bytes, so a cached PDF can never belong to
    // other content; a draft's next revision has another hash.
    std::string key = edition.sha256 + '\n' + profile + '\n' + fingerprintOf(records);
    Rendition rendition;
    rendition.edition = std::move(edition);
    if (lookUp(key, rendition)) return rendition;

    std::string xml = NUSQA_TRY(_store.editionXml(editionId));
    // Sealed once and cached: the seal's time is when the copy was first issued.
    PrintedEdition printed = NUSQA_TRY(printSealed(_printer, _sealing, xml, profile, records,
                                                   editionId, rendition.edition.sha256));
    rendition.profile = std::move(printed.profile);
    rendition.pages = printed.pages;
    rendition.pdf = std::make_shared<const std::string>(std::move(printed.pdf));
    remember(key, rendition);
    return rendition;
}

bool RenditionService::lookUp(const std::string& key, Rendition& rendition) {
    std::optional<Entry> kept = _cache.find(key);
    if (!kept) return false;
    rendition.pdf = kept->pdf;
    rendition.profile = kept->profile;
    rendition.pages = kept->pages;
    rendition.fromCache = true;
    return true;
}

void RenditionService::remember(const std::string& key, const Rendition& rendition) {
    _cache.keep(key, Entry{rendition.pdf, rendition.profile, rendition.pages});
}

}  // namespace nusqa
