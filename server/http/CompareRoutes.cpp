// GET /api/v1/editions/{a}/compare/{b}: the comparison by eId of two
// editions of one document (domain/Comparison.h, whose field comments name
// the JSON written here); GET /api/v1/editions/{id}/changes/draft: the
// change records proposed from the comparison with the edition it replaces,
// and the check of the records typed into the edition.
#include <cmath>
#include <cstddef>
#include <map>

#include "http/ApiRoutes.h"
#include "http/detail/JsonRecords.h"
#include "http/detail/RequestParsing.h"

namespace nusqa::http {
namespace {

using namespace compare;

std::string_view changeKindName(content::ChangeKind kind) {
    switch (kind) {
        case content::ChangeKind::Replace:
            return "replace";
        case content::ChangeKind::Delete:
            return "delete";
        case content::ChangeKind::Add:
            return "add";
    }
    return "replace";
}

void writeWords(JsonWriter& json, const std::vector<WordRun>& runs) {
    json.key("words").beginArray();
    for (const WordRun& run : runs) {
        json.beginObject();
        json.key("op").value(toString(run.kind));
        json.key("text").value(run.text);
        json.endObject();
    }
    json.endArray();
}

void writePlace(JsonWriter& json, const char* key, const std::optional<Place>& place) {
    json.key(key);
    if (!place) {
        json.null();
        return;
    }
    json.beginObject();
    json.key("eId").value(place->eId);
    json.key("num").value(place->num);
    json.key("position").value(place->position);
    json.key("headerRow").value(place->headerRow);
    json.key("path").beginArray();
    for (const PathStep& step : place->path) {
        json.beginObject();
        json.key("kind").value(toString(step.kind));
        json.key("eId").value(step.eId);
        json.key("num").value(step.num);
        json.key("heading").value(step.heading);
        json.key("position").value(step.position);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void writeStrings(JsonWriter& json, const char* key, const std::vector<std::string>& texts) {
    json.key(key).beginArray();
    for (const std::string& text : texts) json.value(text);
    json.endArray();
}

void writeElementChange(JsonWriter& json, const ElementChange& change, Language language) {
    json.beginObject();
    json.key("kind").value(toString(change.kind));
    json.key("eId").value(change.eId());
    json.key("changes").beginArray();
    for (ChangeType type : change.changes) json.value(toString(type));
    json.endArray();
    json.key("matchedBy").value(toString(change.matchedBy));
    // Three decimals say all a reader needs of a Jaccard index.
    json.key("similarity").value(std::round(change.similarity * 1000.0) / 1000.0);
    // The sheet's section/clause column for each side, in b's language.
    json.key("locationBefore").value(change.before ? locationText(*change.before, language) : "");
    json.key("locationAfter").value(change.after ? locationText(*change.after, language) : "");
    writePlace(json, "before", change.before);
    writePlace(json, "after", change.after);
    json.key("texts").beginArray();
    for (const TextChange& text : change.texts) {
        json.beginObject();
        json.key("part").value(text.part);
        json.key("before").value(text.before);
        json.key("after").value(text.after);
        writeWords(json, text.words);
        json.endObject();
    }
    json.endArray();
    json.key("cells").beginArray();
    for (const CellChange& cell : change.cells) {
        json.beginObject();
        json.key("row").value(cell.row);
        json.key("headerRow").value(cell.headerRow);
        json.key("rowEId").value(cell.rowEId);
        json.key("column").value(cell.column);
        json.key("before").value(cell.before);
        json.key("after").value(cell.after);
        writeWords(json, cell.words);
        json.endObject();
    }
    json.endArray();
    writeStrings(json, "formatting", change.formatting);
    json.key("text").value(change.text);
    writeStrings(json, "innerEIds", change.innerEIds);
    json.endObject();
}

// "summary": how many elements had each kind of change (an element with
// two kinds counts under both), and the number of meta changes.
void writeSummary(JsonWriter& json, const Comparison& comparison) {
    std::map<std::string_view, std::int64_t> counts;
    for (ChangeType type :
         {ChangeType::Added, ChangeType::Deleted, ChangeType::Moved, ChangeType::Renumbered,
          ChangeType::TextChanged, ChangeType::CellsChanged, ChangeType::FormattingChanged,
          ChangeType::Reidentified})
        counts[toString(type)] = 0;
    for (const ElementChange& change : comparison.elements)
        for (ChangeType type : change.changes) ++counts[toString(type)];
    json.key("summary").beginObject();
    json.key("elements").value(static_cast<std::int64_t>(comparison.elements.size()));
    json.key("meta").value(static_cast<std::int64_t>(comparison.meta.size()));
    for (const auto& [name, count] : counts) json.key(name).value(count);
    json.endObject();
}

// The members of a comparison, inside an object the caller opened.
void writeComparisonMembers(JsonWriter& json, const Comparison& comparison) {
    json.key("identical").value(comparison.empty());
    json.key("language").value(toString(comparison.language));
    writeSummary(json, comparison);
    json.key("meta").beginArray();
    for (const MetaChange& change : comparison.meta) {
        json.beginObject();
        json.key("field").value(change.field);
        json.key("before").value(change.before);
        json.key("after").value(change.after);
        writeWords(json, change.words);
        json.endObject();
    }
    json.endArray();
    json.key("elements").beginArray();
    for (const ElementChange& change : comparison.elements)
        writeElementChange(json, change, comparison.language);
    json.endArray();
}

void writeProposed(JsonWriter& json, const ProposedRecord& record) {
    json.beginObject();
    json.key("location").value(record.location);
    json.key("target").value(record.target);
    json.key("kind").value(changeKindName(record.kind));
    json.key("change").value(static_cast<std::int64_t>(record.change));
    json.endObject();
}

struct CompareServices {
    ComparisonService& comparisons;
};

struct CompareHandlers {
    CompareServices services;

    Result<Response> compare(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        EditionSide from{NUSQA_TRY(parseId(request.pathParameters.at(0))),
                         NUSQA_TRY(parseIdParameter(request, "fromRevision"))};
        EditionSide to{NUSQA_TRY(parseId(request.pathParameters.at(1))),
                       NUSQA_TRY(parseIdParameter(request, "toRevision"))};
        EditionComparison found = NUSQA_TRY(services.comparisons.compare(actor, from, to));
        JsonWriter json;
        json.beginObject();
        json.key("from");
        writeEdition(json, found.from);
        json.key("to");
        writeEdition(json, found.to);
        json.key("fromRevision").value(found.fromRevision);
        json.key("toRevision").value(found.toRevision);
        writeComparisonMembers(json, found.comparison);
        json.endObject();
        return Response::json(200, json.take());
    }

    Result<Response> draft(const Request& request) const {
        User actor = NUSQA_TRY(principalOf(request));
        std::int64_t id = NUSQA_TRY(parseId(request.pathParameters.at(0)));
        ChangeDraft draft = NUSQA_TRY(services.comparisons.draftChanges(actor, id));
        JsonWriter json;
        json.beginObject();
        json.key("edition");
        writeEdition(json, draft.compared.to);
        json.key("replaces");
        writeEdition(json, draft.compared.from);
        json.key("proposed").beginArray();
        for (const ProposedRecord& record : draft.proposed) writeProposed(json, record);
        json.endArray();
        json.key("typed").beginArray();
        for (const content::ChangeRecord& record : draft.typed) {
            json.beginObject();
            json.key("eId").value(record.eId);
            json.key("num").value(record.num);
            json.key("location").value(record.location);
            json.key("target").value(record.target);
            json.key("kind").value(changeKindName(record.kind));
            json.endObject();
        }
        json.endArray();
        writeRecordCheck(json, draft.check);
        json.key("comparison").beginObject();
        writeComparisonMembers(json, draft.compared.comparison);
        json.endObject();
        json.endObject();
        return Response::json(200, json.take());
    }
};

}  // namespace

void writeRecordCheck(JsonWriter& json, const compare::RecordCheck& check) {
    json.key("check").beginObject();
    json.key("consistent").value(check.consistent());
    json.key("unrecorded").beginArray();
    for (const ProposedRecord& record : check.unrecorded) writeProposed(json, record);
    json.endArray();
    json.key("unfounded").beginArray();
    for (std::size_t index : check.unfounded) json.value(static_cast<std::int64_t>(index));
    json.endArray();
    json.key("wrongKind").beginArray();
    for (const KindMismatch& mismatch : check.wrongKind) {
        json.beginObject();
        json.key("record").value(static_cast<std::int64_t>(mismatch.record));
        json.key("expected").value(changeKindName(mismatch.expected));
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void addCompareRoutes(Router& router, ComparisonService& comparisons) {
    using enum Action;
    CompareHandlers h{{comparisons}};
    router.add({"GET", "/api/v1/editions/{a}/compare/{b}", Access::needs(ReadRegister), "",
                [h](const Request& r) { return h.compare(r); }});
    router.add({"GET", "/api/v1/editions/{id}/changes/draft", Access::needs(ReadRegister), "",
                [h](const Request& r) { return h.draft(r); }});
}

}  // namespace nusqa::http
