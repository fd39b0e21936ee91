#include "xml/detail/EditionXml.h"

#include <charconv>
#include <initializer_list>

namespace nusqa::xml {
namespace {

bool isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Trims and turns every run of XML whitespace into one space.
std::string collapseWhitespace(std::string_view text) {
    std::string result;
    bool pendingSpace = false;
    for (char c : text) {
        if (isXmlSpace(c)) {
            pendingSpace = !result.empty();
            continue;
        }
        if (pendingSpace) result += ' ';
        pendingSpace = false;
        result += c;
    }
    return result;
}

bool isDocumentElement(const xmlNode* node, std::string_view localName) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
           node->ns->href != nullptr && asChars(node->ns->href) == kDocumentNamespace &&
           asChars(node->name) == localName;
}

xmlNode* childElement(xmlNode* parent, std::string_view localName) {
    if (parent == nullptr) return nullptr;
    for (xmlNode* child = parent->children; child != nullptr; child = child->next)
        if (isDocumentElement(child, localName)) return child;
    return nullptr;
}

std::string textOf(const xmlNode* node) {
    XmlCharPtr content(xmlNodeGetContent(node));
    return content ? collapseWhitespace(asChars(content.get())) : std::string();
}

std::string attributeOf(xmlNode* node, const char* name) {
    XmlCharPtr value(xmlGetNoNsProp(node, asXmlChars(name)));
    return value ? collapseWhitespace(asChars(value.get())) : std::string();
}

std::unexpected<Error> invalidAt(const ParsedXml& parsed, const xmlNode* node,
                                 std::string message) {
    ErrorDetail detail = parsed.locate(node);
    detail.message = message;
    return fail(ErrorCode::InvalidDocument, "xml: " + message, {std::move(detail)});
}

xmlNode* metaOf(xmlDoc* doc) {
    xmlNode* root = xmlDocGetRootElement(doc);
    return isDocumentElement(root, "document") ? childElement(root, "meta") : nullptr;
}

bool isBlankText(const xmlNode* node) {
    return node != nullptr && node->type == XML_TEXT_NODE && xmlIsBlankNode(node) != 0;
}

// Removes an element together with the indentation before it, so the
// output does not keep an empty line where it was.
void removeElement(xmlNode* node) {
    if (node == nullptr) return;
    if (isBlankText(node->prev)) {
        xmlNode* indent = node->prev;
        xmlUnlinkNode(indent);
        xmlFreeNode(indent);
    }
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

void setAttribute(xmlNode* node, const char* name, const std::string& value) {
    // xmlSetProp stores the value as text: '&' or '<' in it are escaped on
    // output, never parsed as markup or entity references.
    xmlSetProp(node, asXmlChars(name), asXmlChars(value.c_str()));
}

void removeAttribute(xmlNode* node, const char* name) {
    xmlUnsetProp(node, asXmlChars(name));
}

// <replaces> right after <edition>, indented like <edition>.
xmlNode* createReplaces(xmlNode* edition) {
    xmlNode* replaces = xmlNewDocNode(edition->doc, edition->ns, asXmlChars("replaces"), nullptr);
    if (replaces == nullptr) return nullptr;
    xmlAddNextSibling(edition, replaces);
    if (isBlankText(edition->prev)) {
        // Added before <replaces>, not after <edition>: libxml2 merges a text
        // node added next to another text node, which would misplace it.
        xmlNode* indent = xmlNewDocText(edition->doc, edition->prev->content);
        if (indent != nullptr) xmlAddPrevSibling(replaces, indent);
    }
    return replaces;
}

}  // namespace

Result<EditionFacts> readEditionFacts(const ParsedXml& parsed) {
    xmlNode* meta = metaOf(parsed.doc());
    if (meta == nullptr) return fail(ErrorCode::Internal, "xml: document has no <meta>");

    EditionFacts facts;
    facts.code = textOf(childElement(meta, "code"));
    facts.title = textOf(childElement(meta, "title"));

    xmlNode* kindNode = childElement(meta, "kind");
    auto kind = parseDocumentKind(textOf(kindNode));
    if (!kind)
        return invalidAt(parsed, kindNode, "unknown document kind '" + textOf(kindNode) + "'");
    facts.kind = *kind;

    xmlNode* languageNode = childElement(meta, "language");
    auto language = parseLanguage(textOf(languageNode));
    if (!language)
        return invalidAt(parsed, languageNode, "unknown language '" + textOf(languageNode) + "'");
    facts.language = *language;

    xmlNode* edition = childElement(meta, "edition");
    std::string number = attributeOf(edition, "number");
    std::string_view digits = number;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);  // xs:integer allows it
    auto [end, status] =
        std::from_chars(digits.data(), digits.data() + digits.size(), facts.number);
    if (edition == nullptr || status != std::errc() || end != digits.data() + digits.size() ||
        facts.number < 1)
        return invalidAt(parsed, edition, "edition number '" + number + "' is out of range");
    // For the lifecycle: the periodic review date, when the edition names
    // one, and the approval as printed (for registering a paper edition).
    PaperApproval& approval = facts.approval;
    if (xmlNode* dates = childElement(meta, "dates")) {
        facts.reviewDate = attributeOf(dates, "review");
        approval.approvalDate = attributeOf(dates, "approved");
        approval.effectiveDate = attributeOf(dates, "effective");
    }
    if (xmlNode* block = childElement(meta, "approval")) {
        approval.approverPosition = textOf(childElement(block, "position"));
        approval.approverName = textOf(childElement(block, "name"));
        if (xmlNode* date = childElement(block, "date")) approval.approvalDate = textOf(date);
        if (xmlNode* decision = childElement(block, "decision")) {
            approval.decision = attributeOf(decision, "number");
            approval.decisionDate = attributeOf(decision, "date");
        }
    }
    return facts;
}

Status applyNextEdition(xmlDoc* doc, const NextEditionFacts& next) {
    xmlNode* meta = metaOf(doc);
    xmlNode* edition = childElement(meta, "edition");
    if (edition == nullptr)
        return fail(ErrorCode::Internal, "xml: document has no <meta>/<edition> to update");
    setAttribute(edition, "number", std::to_string(next.number));

    xmlNode* replaces = childElement(meta, "replaces");
    if (replaces == nullptr) replaces = createReplaces(edition);
    if (replaces == nullptr) return fail(ErrorCode::Internal, "xml: cannot create <replaces>");
    // Rewritten rather than updated, so the attributes always come out in
    // the order code, number, date.
    for (const char* name : {"code", "number", "date"}) removeAttribute(replaces, name);
    setAttribute(replaces, "code", next.replacesCode);
    setAttribute(replaces, "number", std::to_string(next.replacesNumber));
    if (!next.replacesDate.empty()) setAttribute(replaces, "date", next.replacesDate);

    // Dates and signatures of the previous edition do not carry over;
    // "prepared" does (the text was prepared then).
    if (xmlNode* dates = childElement(meta, "dates")) {
        for (const char* name : {"agreed", "approved", "effective", "review"})
            removeAttribute(dates, name);
        if (dates->properties == nullptr) removeElement(dates);
    }
    if (xmlNode* approval = childElement(meta, "approval")) {
        removeElement(childElement(approval, "date"));
        removeElement(childElement(approval, "decision"));
    }
    if (xmlNode* agreementList = childElement(meta, "agreementList")) {
        for (xmlNode* approver = agreementList->children; approver != nullptr;
             approver = approver->next)
            if (isDocumentElement(approver, "approver"))
                removeElement(childElement(approver, "date"));
    }
    return {};
}

Result<std::string> serialise(xmlDoc* doc) {
    xmlChar* buffer = nullptr;
    int size = 0;
    // format = 0: whitespace is written back exactly as it was parsed.
    xmlDocDumpFormatMemoryEnc(doc, &buffer, &size, "UTF-8", 0);
    XmlCharPtr owned(buffer);
    if (buffer == nullptr || size <= 0)
        return fail(ErrorCode::Internal, "xml: cannot serialise the document");
    return std::string(asChars(buffer), static_cast<std::size_t>(size));
}

}  // namespace nusqa::xml
