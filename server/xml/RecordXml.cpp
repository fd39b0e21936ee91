#include "xml/RecordXml.h"

#include <limits>
#include <stdexcept>
#include <string>

#include "xml/DocumentSchema.h"
#include "xml/LibXml.h"
#include "xml/SafeParser.h"

namespace nusqa {
namespace {

using xml::asChars;
using xml::asXmlChars;

// The label of a paper edition's facts, fixed by the schema.
constexpr const char* kPaperLabel = "recorded from the paper original, not electronic signatures";

const Result<xml::EmbeddedSchema>& recordsSchema() {
    static const Result<xml::EmbeddedSchema> schema =
        xml::EmbeddedSchema::compile(recordsSchemaXsd(), "schemas/records.xsd");
    return schema;
}

// ---- writing -------------------------------------------------------------

// Builds one document in schema order. libxml2 keeps attributes in the order
// they were added, so the output is fixed by this code alone.
class TreeWriter {
public:
    explicit TreeWriter(const char* root) : _doc(xmlNewDoc(asXmlChars("1.0"))) {
        _root = xmlNewDocNode(_doc.get(), nullptr, asXmlChars(root), nullptr);
        xmlDocSetRootElement(_doc.get(), _root);
        _ns = xmlNewNs(_root, asXmlChars(std::string(kRecordsNamespace).c_str()), nullptr);
        xmlSetNs(_root, _ns);
    }

    xmlNode* root() const { return _root; }

    xmlNode* element(xmlNode* parent, const char* name) {
        return xmlNewChild(parent, _ns, asXmlChars(name), nullptr);
    }
    // A child holding text (escaped by libxml2).
    void text(xmlNode* parent, const char* name, const std::string& value) {
        xmlNewTextChild(parent, _ns, asXmlChars(name), asXmlChars(value.c_str()));
    }
    void optionalText(xmlNode* parent, const char* name, const std::string& value) {
        if (!value.empty()) text(parent, name, value);
    }
    void attribute(xmlNode* node, const char* name, const std::string& value) {
        xmlNewProp(node, asXmlChars(name), asXmlChars(value.c_str()));
    }
    void attribute(xmlNode* node, const char* name, std::int64_t value) {
        attribute(node, name, std::to_string(value));
    }

    std::string bytes() const {
        xmlChar* memory = nullptr;
        int size = 0;
        xmlDocDumpFormatMemoryEnc(_doc.get(), &memory, &size, "UTF-8", 1);
        xml::XmlCharPtr owned(memory);
        return memory == nullptr ? std::string() : std::string(asChars(memory), size);
    }

private:
    xml::DocPtr _doc;
    xmlNode* _root = nullptr;
    xmlNs* _ns = nullptr;
};

void writeHeader(TreeWriter& out, const RecordHeader& header) {
    xmlNode* root = out.root();
    out.attribute(root, "schemaVersion", "1");
    out.attribute(root, "version", header.version);
    if (!header.previousSha256.empty())
        out.attribute(root, "previousSha256", header.previousSha256);
    out.attribute(root, "createdAt", header.createdAt);
    xmlNode* edition = out.element(root, "edition");
    out.attribute(edition, "id", header.editionId);
    out.attribute(edition, "number", header.editionNumber);
    out.attribute(edition, "language", std::string(toString(header.language)));
    out.attribute(edition, "documentCode", header.documentCode);
}

void writePerson(TreeWriter& out, xmlNode* parent, const RecordPerson& person) {
    xmlNode* node = out.element(parent, "person");
    out.attribute(node, "id", person.id);
    out.attribute(node, "login", person.login);
    out.text(node, "fullNameKk", person.fullNameKk);
    out.text(node, "fullNameRu", person.fullNameRu);
    out.optionalText(node, "positionKk", person.positionKk);
    out.optionalText(node, "positionRu", person.positionRu);
    out.optionalText(node, "unitKk", person.unitKk);
    out.optionalText(node, "unitRu", person.unitRu);
}

void writeSignature(TreeWriter& out, xmlNode* parent, const char* name,
                    const RecordSignature& signature) {
    xmlNode* node = out.element(parent, name);
    out.attribute(node, "id", signature.id);
    out.attribute(node, "userId", signature.userId);
    out.attribute(node, "meaning", std::string(toString(signature.meaning)));
    out.attribute(node, "time", signature.signedAt);
    out.attribute(node, "revision", signature.editionRevision);
    out.attribute(node, "sha256", signature.editionSha256);
    out.text(node, "fullName", signature.fullName);
    out.optionalText(node, "position", signature.position);
    out.optionalText(node, "comment", signature.comment);
}

// ---- reading -------------------------------------------------------------

bool isElement(const xmlNode* node, std::string_view name) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && asChars(node->name) == name;
}

std::vector<const xmlNode*> childrenNamed(const xmlNode* parent, std::string_view name) {
    std::vector<const xmlNode*> found;
    for (const xmlNode* child = parent->children; child != nullptr; child = child->next)
        if (isElement(child, name)) found.push_back(child);
    return found;
}

const xmlNode* childNamed(const xmlNode* parent, std::string_view name) {
    for (const xmlNode* child = parent->children; child != nullptr; child = child->next)
        if (isElement(child, name)) return child;
    return nullptr;
}

std::string attributeOf(const xmlNode* node, const char* name) {
    xml::XmlCharPtr value(xmlGetProp(node, asXmlChars(name)));
    return value ? std::string(asChars(value.get())) : std::string();
}

std::int64_t numberOf(const xmlNode* node, const char* name) {
    std::string text = attributeOf(node, name);
    // Schema-valid: an integer that fits (positiveInteger may not; clamp).
    try {
        return text.empty() ? 0 : std::stoll(text);
    } catch (const std::exception&) {
        return std::numeric_limits<std::int64_t>::max();
    }
}

std::string textOf(const xmlNode* parent, std::string_view name) {
    const xmlNode* node = childNamed(parent, name);
    if (node == nullptr) return {};
    xml::XmlCharPtr content(xmlNodeGetContent(node));
    return content ? std::string(asChars(content.get())) : std::string();
}

RecordHeader readHeader(const xmlNode* root) {
    RecordHeader header;
    header.version = numberOf(root, "version");
    header.previousSha256 = attributeOf(root, "previousSha256");
    header.createdAt = attributeOf(root, "createdAt");
    if (const xmlNode* edition = childNamed(root, "edition")) {
        header.editionId = numberOf(edition, "id");
        header.editionNumber = static_cast<int>(numberOf(edition, "number"));
        header.language =
            parseLanguage(attributeOf(edition, "language")).value_or(Language::Kazakh);
        header.documentCode = attributeOf(edition, "documentCode");
    }
    return header;
}

RecordPerson readPerson(const xmlNode* node) {
    RecordPerson person;
    if (node == nullptr) return person;
    person.id = numberOf(node, "id");
    person.login = attributeOf(node, "login");
    person.fullNameKk = textOf(node, "fullNameKk");
    person.fullNameRu = textOf(node, "fullNameRu");
    person.positionKk = textOf(node, "positionKk");
    person.positionRu = textOf(node, "positionRu");
    person.unitKk = textOf(node, "unitKk");
    person.unitRu = textOf(node, "unitRu");
    return person;
}

RecordSignature readSignature(const xmlNode* node) {
    RecordSignature signature;
    signature.id = numberOf(node, "id");
    signature.userId = numberOf(node, "userId");
    signature.meaning =
        parseSignatureMeaning(attributeOf(node, "meaning")).value_or(SignatureMeaning::Prepared);
    signature.signedAt = attributeOf(node, "time");
    signature.editionRevision = numberOf(node, "revision");
    signature.editionSha256 = attributeOf(node, "sha256");
    signature.fullName = textOf(node, "fullName");
    signature.position = textOf(node, "position");
    signature.comment = textOf(node, "comment");
    return signature;
}

// Parses and validates; the root must be the named element.
Result<xml::ParsedXml> parseRecord(std::string_view bytes, std::size_t maxBytes,
                                   std::string_view rootName) {
    xml::ensureLibXmlReady();
    const Result<xml::EmbeddedSchema>& schema = recordsSchema();
    if (!schema) return std::unexpected(schema.error());
    xml::ParsedXml parsed = NUSQA_TRY(xml::parseUntrusted(bytes, maxBytes));
    NUSQA_TRY(schema->validate(parsed));
    const xmlNode* root = xmlDocGetRootElement(parsed.doc());
    if (!isElement(root, rootName))
        return fail(ErrorCode::InvalidDocument,
                    "xml: the record is not a " + std::string(rootName));
    return parsed;
}

}  // namespace

std::string RecordXml::write(const AgreementSheetRecord& sheet) const {
    xml::ensureLibXmlReady();
    TreeWriter out("agreementSheet");
    writeHeader(out, sheet.header);
    for (const RecordRound& round : sheet.rounds) {
        xmlNode* roundNode = out.element(out.root(), "round");
        out.attribute(roundNode, "number", round.number);
        if (round.prepared) writeSignature(out, roundNode, "prepared", *round.prepared);
        for (const RecordStep& step : round.steps) {
            xmlNode* stepNode = out.element(roundNode, "step");
            out.attribute(stepNode, "order", step.order);
            out.attribute(stepNode, "kind", std::string(toString(step.kind)));
            if (!step.decision.empty()) out.attribute(stepNode, "decision", step.decision);
            if (!step.decidedAt.empty()) out.attribute(stepNode, "decidedAt", step.decidedAt);
            writePerson(out, stepNode, step.person);
            out.optionalText(stepNode, "comment", step.comment);
            if (step.signature) writeSignature(out, stepNode, "signature", *step.signature);
        }
    }
    if (sheet.paper) {
        const RecordPaperFacts& paper = *sheet.paper;
        xmlNode* node = out.element(out.root(), "paperFacts");
        out.attribute(node, "label", kPaperLabel);
        out.optionalText(node, "approverPosition", paper.approval.approverPosition);
        out.optionalText(node, "approverName", paper.approval.approverName);
        out.optionalText(node, "decision", paper.approval.decision);
        out.optionalText(node, "decisionDate", paper.approval.decisionDate);
        out.optionalText(node, "approvalDate", paper.approval.approvalDate);
        out.optionalText(node, "effectiveDate", paper.approval.effectiveDate);
        xmlNode* by = xmlNewTextChild(node, node->ns, asXmlChars("registeredBy"),
                                      asXmlChars(paper.registeredByName.c_str()));
        out.attribute(by, "id", paper.registeredBy);
        out.attribute(by, "login", paper.registeredByLogin);
        out.attribute(by, "at", paper.registeredAt);
        out.optionalText(node, "sourceFile", paper.sourceFile);
    }
    return out.bytes();
}

std::string RecordXml::write(const FamiliarizationLogRecord& log) const {
    xml::ensureLibXmlReady();
    TreeWriter out("familiarizationLog");
    writeHeader(out, log.header);
    for (const RecordAssignment& assignment : log.assignments) {
        xmlNode* node = out.element(out.root(), "assignment");
        out.attribute(node, "assignedAt", assignment.assignedAt);
        out.attribute(node, "dueDate", assignment.dueDate);
        writePerson(out, node, assignment.person);
    }
    for (const RecordSignature& signature : log.signatures)
        writeSignature(out, out.root(), "signature", signature);
    return out.bytes();
}

Result<AgreementSheetRecord> RecordXml::readAgreementSheet(std::string_view xml) const {
    xml::ParsedXml parsed = NUSQA_TRY(parseRecord(xml, _maxBytes, "agreementSheet"));
    const xmlNode* root = xmlDocGetRootElement(parsed.doc());
    AgreementSheetRecord sheet;
    sheet.header = readHeader(root);
    for (const xmlNode* roundNode : childrenNamed(root, "round")) {
        RecordRound round;
        round.number = static_cast<int>(numberOf(roundNode, "number"));
        if (const xmlNode* prepared = childNamed(roundNode, "prepared"))
            round.prepared = readSignature(prepared);
        for (const xmlNode* stepNode : childrenNamed(roundNode, "step")) {
            RecordStep step;
            step.order = static_cast<int>(numberOf(stepNode, "order"));
            step.kind = parseStepKind(attributeOf(stepNode, "kind")).value_or(StepKind::Agree);
            step.decision = attributeOf(stepNode, "decision");
            step.decidedAt = attributeOf(stepNode, "decidedAt");
            step.person = readPerson(childNamed(stepNode, "person"));
            step.comment = textOf(stepNode, "comment");
            if (const xmlNode* signature = childNamed(stepNode, "signature"))
                step.signature = readSignature(signature);
            round.steps.push_back(std::move(step));
        }
        sheet.rounds.push_back(std::move(round));
    }
    if (const xmlNode* node = childNamed(root, "paperFacts")) {
        RecordPaperFacts paper;
        paper.approval.approverPosition = textOf(node, "approverPosition");
        paper.approval.approverName = textOf(node, "approverName");
        paper.approval.decision = textOf(node, "decision");
        paper.approval.decisionDate = textOf(node, "decisionDate");
        paper.approval.approvalDate = textOf(node, "approvalDate");
        paper.approval.effectiveDate = textOf(node, "effectiveDate");
        if (const xmlNode* by = childNamed(node, "registeredBy")) {
            paper.registeredBy = numberOf(by, "id");
            paper.registeredByLogin = attributeOf(by, "login");
            paper.registeredAt = attributeOf(by, "at");
            paper.registeredByName = textOf(node, "registeredBy");
        }
        paper.sourceFile = textOf(node, "sourceFile");
        sheet.paper = std::move(paper);
    }
    return sheet;
}

Result<FamiliarizationLogRecord> RecordXml::readFamiliarizationLog(std::string_view xml) const {
    xml::ParsedXml parsed = NUSQA_TRY(parseRecord(xml, _maxBytes, "familiarizationLog"));
    const xmlNode* root = xmlDocGetRootElement(parsed.doc());
    FamiliarizationLogRecord log;
    log.header = readHeader(root);
    for (const xmlNode* node : childrenNamed(root, "assignment"))
        log.assignments.push_back(RecordAssignment{readPerson(childNamed(node, "person")),
                                                   attributeOf(node, "assignedAt"),
                                                   attributeOf(node, "dueDate")});
    for (const xmlNode* node : childrenNamed(root, "signature"))
        log.signatures.push_back(readSignature(node));
    return log;
}

Status RecordXml::validate(std::string_view xml) const {
    xml::ensureLibXmlReady();
    const Result<xml::EmbeddedSchema>& schema = recordsSchema();
    if (!schema) return std::unexpected(schema.error());
    xml::ParsedXml parsed = NUSQA_TRY(xml::parseUntrusted(xml, _maxBytes));
    return schema->validate(parsed);
}

}  // namespace nusqa
