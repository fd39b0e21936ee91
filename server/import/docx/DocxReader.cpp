#include "import/docx/DocxReader.h"

#include <libxml/tree.h>

#include <optional>

#include "import/docx/detail/WordXml.h"
#include "import/docx/detail/ZipPackage.h"
#include "xml/SafeParser.h"

namespace nusqa::import::docx {
namespace {

std::unexpected<Error> inPart(Error error, const std::string& name, const std::string& part) {
    ErrorCode code =
        error.code == ErrorCode::TooLarge ? ErrorCode::TooLarge : ErrorCode::InvalidDocument;
    std::string message = error.message;
    if (message.starts_with("xml: ")) message.erase(0, 5);
    return fail(code, name + ": " + part + ": " + message, std::move(error.details));
}

// The main document part: the target of the officeDocument relationship.
std::string mainPart(docx::ZipPackage& package, const std::string& name) {
    const std::string fallback = "word/document.xml";
    if (!package.contains("_rels/.rels")) return fallback;
    auto rels = package.read("_rels/.rels");
    if (!rels) return fallback;
    auto parsed = xml::parseUntrusted(*rels, rels->size());
    if (!parsed) return fallback;
    xmlNode* root = xmlDocGetRootElement(parsed->doc());
    for (xmlNode* node = root ? root->children : nullptr; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        std::string type = docx::wordAttribute(node, "Type");
        std::string target = docx::wordAttribute(node, "Target");
        if (type.ends_with("/officeDocument") && !target.empty()) {
            while (target.starts_with("/")) target.erase(0, 1);
            return target;
        }
    }
    (void)name;
    return fallback;
}

}  // namespace

DocxPackageReader::DocxPackageReader(DocxLimits limits) : _limits(limits) {}

Result<import::SourceDocument> DocxPackageReader::read(std::string_view bytes,
                                                       const std::string& name) const {
    docx::ZipLimits zipLimits{_limits.maxPackageBytes, _limits.maxEntries, _limits.maxPartBytes,
                              _limits.maxTotalBytes, _limits.maxRatio};
    docx::ZipPackage package = NUSQA_TRY(docx::ZipPackage::open(bytes, name, zipLimits));
    const std::string main = mainPart(package, name);
    if (!package.contains(main))
        return fail(ErrorCode::InvalidDocument,
                    name + ": not a Word document: the package has no " + main +
                        " (an .xlsx, .pptx or .odt is not a .docx)");

    // Parts are parsed one after the other; each parse keeps its bytes alive.
    auto parse = [&](const std::string& part, std::string& holder) -> Result<xml::ParsedXml> {
        auto bytesOfPart = package.read(part);
        if (!bytesOfPart) return std::unexpected(std::move(bytesOfPart).error());
        holder = std::move(*bytesOfPart);
        auto parsed = xml::parseUntrusted(holder, _limits.maxPartBytes);
        if (!parsed) return inPart(std::move(parsed).error(), name, part);
        return parsed;
    };

    docx::Numbering numbering;
    docx::Styles styles;
    docx::Notes notes;
    std::string stylesBytes, numberingBytes, documentBytes, footnotesBytes, endnotesBytes;
    // The notes' parts stay parsed while the body is read: it cites them.
    std::optional<xml::ParsedXml> footnotes, endnotes;
    if (package.contains("word/footnotes.xml")) {
        footnotes = NUSQA_TRY(parse("word/footnotes.xml", footnotesBytes));
        notes.load(xmlDocGetRootElement(footnotes->doc()), false);
    }
    if (package.contains("word/endnotes.xml")) {
        endnotes = NUSQA_TRY(parse("word/endnotes.xml", endnotesBytes));
        notes.load(xmlDocGetRootElement(endnotes->doc()), true);
    }
    if (package.contains("word/styles.xml")) {
        xml::ParsedXml parsed = NUSQA_TRY(parse("word/styles.xml", stylesBytes));
        styles.load(xmlDocGetRootElement(parsed.doc()));
    }
    if (package.contains("word/numbering.xml")) {
        xml::ParsedXml parsed = NUSQA_TRY(parse("word/numbering.xml", numberingBytes));
        numbering.load(xmlDocGetRootElement(parsed.doc()));
    }
    import::SourceDocument document;
    document.name = name;
    document.format = import::SourceFormat::Docx;
    document.bytes = bytes.size();
    {
        xml::ParsedXml parsed = NUSQA_TRY(parse(main, documentBytes));
        xmlNode* root = xmlDocGetRootElement(parsed.doc());
        if (!docx::isWord(root, "document"))
            return fail(ErrorCode::InvalidDocument,
                        name + ": " + main + " is not a WordprocessingML document");
        docx::BodyLimits bodyLimits{_limits.maxParagraphs};
        if (auto body = docx::readBody(root, numbering, styles, notes, document, bodyLimits); !body)
            return inPart(std::move(body).error(), name, main);
    }
    std::size_t pageParts = 0;
    for (const std::string& part : package.partNames()) {
        bool header = part.starts_with("word/header") && part.ends_with(".xml");
        bool footer = part.starts_with("word/footer") && part.ends_with(".xml");
        if ((!header && !footer) || ++pageParts > _limits.maxPageParts) continue;
        std::string holder;
        xml::ParsedXml parsed = NUSQA_TRY(parse(part, holder));
        for (std::string& text : docx::partParagraphs(xmlDocGetRootElement(parsed.doc())))
            document.skipped.push_back(
                {0, part, std::move(text), header ? "page-header" : "page-footer"});
    }
    // Comments are remarks on the text, not the text: listed, not imported.
    if (package.contains("word/comments.xml")) {
        std::string holder;
        xml::ParsedXml parsed = NUSQA_TRY(parse("word/comments.xml", holder));
        std::vector<std::string> comments =
            docx::partParagraphs(xmlDocGetRootElement(parsed.doc()));
        for (std::string& text : comments)
            document.skipped.push_back({0, "word/comments.xml", std::move(text), "comment"});
        if (!comments.empty())
            document.notes.push_back(std::to_string(comments.size()) +
                                     " paragraphs of comments left out (listed as dropped)");
    }
    return document;
}

}  // namespace nusqa::import::docx
