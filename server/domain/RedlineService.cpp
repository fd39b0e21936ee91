#include "domain/RedlineService.h"

#include <utility>

namespace nusqa {
namespace {

std::string_view codeOf(compare::RedlineLanguage language) {
    switch (language) {
        case compare::RedlineLanguage::Kazakh:
            return "kk";
        case compare::RedlineLanguage::Russian:
            return "ru";
        case compare::RedlineLanguage::English:
            return "en";
    }
    return "kk";
}

// How a side is named in the summary: edition number, revision, status.
std::string sideName(const Edition& edition, std::int64_t revision,
                     compare::RedlineLanguage language) {
    std::string number = std::to_string(edition.number);
    std::string rev = std::to_string(revision);
    switch (language) {
        case compare::RedlineLanguage::Kazakh:
            return "№ " + number + " басылым (id " + std::to_string(edition.id) + ", " + rev +
                   "-нұсқа, " + std::string(toString(edition.status)) + ")";
        case compare::RedlineLanguage::Russian:
            return "редакция № " + number + " (id " + std::to_string(edition.id) + ", ревизия " +
                   rev + ", " + std::string(toString(edition.status)) + ")";
        case compare::RedlineLanguage::English:
            return "edition No. " + number + " (id " + std::to_string(edition.id) + ", revision " +
                   rev + ", " + std::string(toString(edition.status)) + ")";
    }
    return number;
}

}  // namespace

RedlineService::RedlineService(ComparisonService& comparisons, AuditLog& audit, const Clock& clock,
                               const EditionPrinter& printer, std::size_t cacheBytes,
                               SealingOptions sealing)
    : _comparisons(comparisons),
      _audit(audit),
      _clock(clock),
      _printer(printer),
      _sealing(std::move(sealing)),
      _cache(cacheBytes) {}

Result<RedlineRendition> RedlineService::pdf(const User& actor, const EditionSide& from,
                                             const EditionSide& to, const std::string& profile,
                                             std::optional<compare::RedlineLanguage> language) {
    // Authorizes, reads and compares: the cache below serves only who may
    // read both editions now.
    ComparedContents compared = NUSQA_TRY(_comparisons.compareContents(actor, from, to));
    const EditionComparison& sides = compared.compared;
    compare::RedlineLanguage labels =
        language.value_or(compare::redlineLanguageOf(compared.to.meta.language));
    RedlineRendition rendition;
    rendition.from = sides.from;
    rendition.to = sides.to;
    rendition.fromRevision = sides.fromRevision;
    rendition.toRevision = sides.toRevision;
    // The SHA-256 of both revisions name the exact contents compared; the
    // summary names the editions, their revisions and statuses too.
    std::string fromName = sideName(sides.from, sides.fromRevision, labels);
    std::string toName = sideName(sides.to, sides.toRevision, labels);
    std::string key = sides.fromSha256 + ':' + sides.toSha256 + '\n' + fromName + '\n' + toName +
                      '\n' + profile + '\n' + std::string(codeOf(labels));
    if (!lookUp(key, rendition)) {
        compare::Redline redline = compare::buildRedline(
            compared.from, compared.to, sides.comparison, {fromName, toName}, labels);
        // Sealed once and cached, as edition PDFs are.
        PrintedEdition printed = NUSQA_TRY(printSealedRedline(
            _printer, _sealing, redline, profile, sides.to.id, sides.toSha256, sides.from.id));
        rendition.profile = std::move(printed.profile);
        rendition.pages = printed.pages;
        rendition.changes = redline.changes;
        rendition.pdf = std::make_shared<const std::string>(std::move(printed.pdf));
        remember(key, rendition);
    }
    NUSQA_TRY(_audit.append({NewAuditEntry{
        _clock.now(), actor.id, actor.login, "edition.download_redline_pdf", "edition",
        std::to_string(sides.to.id),
        "redline of edition " + std::to_string(sides.from.id) + " revision " +
            std::to_string(sides.fromRevision) + " (sha256 " + sides.fromSha256 + ") -> revision " +
            std::to_string(sides.toRevision) + " (sha256 " + sides.toSha256 + "), profile " +
            (rendition.profile.empty() ? std::string("default") : rendition.profile) + ", " +
            std::string(codeOf(labels)) + (rendition.fromCache ? ", cached" : "")}}));
    return rendition;
}

bool RedlineService::lookUp(const std::string& key, RedlineRendition& rendition) {
    std::optional<Entry> kept = _cache.find(key);
    if (!kept) return false;
    rendition.pdf = kept->pdf;
    rendition.profile = kept->profile;
    rendition.pages = kept->pages;
    rendition.changes = kept->changes;
    rendition.fromCache = true;
    return true;
}

void RedlineService::remember(const std::string& key, const RedlineRendition& rendition) {
    _cache.keep(key, Entry{rendition.pdf, rendition.profile, rendition.pages, rendition.changes});
}

}  // namespace nusqa
