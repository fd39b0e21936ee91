#include "import/ImportSupport.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "import/detail/Utf8.h"
#include "import/pdf/IsolatedPdfReader.h"
#include "support/TestSupport.h"

namespace nusqa::test {
namespace {

namespace fs = std::filesystem;

std::filesystem::path findCorpus(const std::string& number, const std::string& extension,
                                 const fs::path& dir) {
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().filename().string().starts_with(number + "_") &&
            entry.path().extension() == extension)
            return entry.path();
    throw std::runtime_error("no corpus file " + number + "_*" + extension + " in " + dir.string());
}

struct Xml {
    xmlDoc* doc = nullptr;
    explicit Xml(const std::string& text) {
        doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "import.xml", nullptr,
                            XML_PARSE_NONET);
        if (doc == nullptr) throw std::runtime_error("not well-formed XML");
    }
    ~Xml() { xmlFreeDoc(doc); }
    Xml(const Xml&) = delete;
    Xml& operator=(const Xml&) = delete;
};

std::string name(const xmlNode* node) {
    return reinterpret_cast<const char*>(node->name);
}

void textWords(const xmlNode* node, std::vector<std::string>& out) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            for (std::string& word : import::words(reinterpret_cast<const char*>(child->content)))
                out.push_back(std::move(word));
        } else if (child->type == XML_ELEMENT_NODE) {
            textWords(child, out);
        }
    }
}

std::string collapsed(const xmlNode* node) {
    std::string text;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next)
        if (child->type == XML_TEXT_NODE) text += reinterpret_cast<const char*>(child->content);
    return import::collapseSpaces(text);
}

void canonicalOf(const xmlNode* node, const std::string& path, bool withEIds, bool withCols,
                 std::vector<std::string>& out) {
    if (node->type != XML_ELEMENT_NODE) return;
    if (!withCols && name(node) == "cols") return;
    std::string here = path + "/" + name(node);
    std::string line = here;
    for (const xmlAttr* attribute = node->properties; attribute != nullptr;
         attribute = attribute->next) {
        std::string attributeName = reinterpret_cast<const char*>(attribute->name);
        if (!withEIds && attributeName == "eId") continue;
        xmlChar* value = xmlNodeGetContent(attribute->children);
        line += " " + attributeName + "=" + reinterpret_cast<const char*>(value);
        xmlFree(value);
    }
    line += ": " + collapsed(node);
    out.push_back(line);
    for (const xmlNode* child = node->children; child != nullptr; child = child->next)
        canonicalOf(child, here, withEIds, withCols, out);
}

const xmlNode* findEId(const xmlNode* node, const std::string& eId) {
    for (; node != nullptr; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>("eId"));
        bool match = value != nullptr && eId == reinterpret_cast<const char*>(value);
        xmlFree(value);
        if (match) return node;
        if (const xmlNode* inner = findEId(node->children, eId)) return inner;
    }
    return nullptr;
}

}  // namespace

fs::path corpusDir() {
    return sourceDir() / "tests" / "fixtures" / "corpus";
}

fs::path corpusText(const std::string& number) {
    return findCorpus(number, ".txt", corpusDir());
}

fs::path corpusDocx(const std::string& number) {
    return findCorpus(number, ".docx", sourceDir() / "tests" / "fixtures" / "import");
}

fs::path corpusPdf(const std::string& number) {
    return findCorpus(number, ".pdf", sourceDir() / "tests" / "fixtures" / "import" / "pdf");
}

const import::Importer& importer() {
    static import::docx::DocxPackageReader docx;
    static std::unique_ptr<import::pdf::IsolatedPdfReader> pdf = [] {
        auto reader = import::pdf::IsolatedPdfReader::create("/proc/self/exe");
        if (!reader) throw std::runtime_error(reader.error().message);
        return std::move(*reader);
    }();
    static XmlEditionCodec codec;
    static import::Importer instance(docx, *pdf, codec);
    return instance;
}

import::ImportResult importCorpusPdf(const std::string& number) {
    fs::path path = corpusPdf(number);
    auto result =
        importer().importBytes(readFile(path), path.filename().string(), std::nullopt, {});
    if (!result) throw std::runtime_error(path.string() + ": " + result.error().message);
    return std::move(*result);
}

std::vector<std::string> metaLines(const std::string& xml) {
    std::vector<std::string> out;
    for (const std::string& line : canonical(xml, {}, true, true, true))
        if (line.starts_with("/meta")) out.push_back(line);
    return out;
}

import::ImportResult importCorpus(const std::string& number, bool docx,
                                  const std::string& profile) {
    fs::path path = docx ? corpusDocx(number) : corpusText(number);
    import::ImportOptions options;
    options.profile = profile;
    auto result =
        importer().importBytes(readFile(path), path.filename().string(), std::nullopt, options);
    if (!result) throw std::runtime_error(path.string() + ": " + result.error().message);
    return std::move(*result);
}

std::string stripMarkup(const std::string& line) {
    static const std::regex escape(R"(\\_)"), bold(R"(\*\*)"), hash("#"), bar(R"(\|)"),
        tag(R"(</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>)");
    std::string out = std::regex_replace(line, escape, " ");
    out = std::regex_replace(out, bold, " ");
    out = std::regex_replace(out, hash, " ");
    out = std::regex_replace(out, bar, " ");
    return std::regex_replace(out, tag, " ");
}

std::vector<std::string> xmlWords(const std::string& xml, bool fromBody) {
    Xml parsed(xml);
    std::vector<std::string> out;
    bool inBody = false;
    for (const xmlNode* child = xmlDocGetRootElement(parsed.doc)->children; child != nullptr;
         child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (name(child) == "body") inBody = true;
        if (inBody == fromBody && (fromBody || name(child) == "meta")) {
            std::vector<std::string> words;
            textWords(child, words);
            out.insert(out.end(), words.begin(), words.end());
        }
    }
    return out;
}

std::vector<std::string> canonical(const std::string& xml, const std::string& eId, bool withEIds,
                                   bool withCols, bool withMeta) {
    Xml parsed(xml);
    std::vector<std::string> out;
    const xmlNode* root = xmlDocGetRootElement(parsed.doc);
    if (!eId.empty()) {
        const xmlNode* found = findEId(root->children, eId);
        if (found == nullptr) throw std::runtime_error("no element with eId " + eId);
        canonicalOf(found, "", withEIds, withCols, out);
        return out;
    }
    for (const xmlNode* child = root->children; child != nullptr; child = child->next)
        if (child->type == XML_ELEMENT_NODE && (withMeta || name(child) != "meta"))
            canonicalOf(child, "", withEIds, withCols, out);
    return out;
}

namespace {

template <typename Use>
auto withXPath(const std::string& xml, const std::string& expression, Use use) {
    Xml parsed(xml);
    xmlXPathContext* context = xmlXPathNewContext(parsed.doc);
    xmlXPathRegisterNs(context, reinterpret_cast<const xmlChar*>("d"),
                       reinterpret_cast<const xmlChar*>("urn:nusqa:document:1"));
    xmlXPathObject* result =
        xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()), context);
    if (result == nullptr) {
        xmlXPathFreeContext(context);
        throw std::runtime_error("bad XPath " + expression);
    }
    auto value = use(result);
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(context);
    return value;
}

}  // namespace

double xpathNumber(const std::string& xml, const std::string& expression) {
    return withXPath(xml, expression,
                     [](xmlXPathObject* result) { return xmlXPathCastToNumber(result); });
}

std::vector<std::string> xpathStrings(const std::string& xml, const std::string& expression) {
    return withXPath(xml, expression, [](xmlXPathObject* result) {
        std::vector<std::string> out;
        if (result->nodesetval == nullptr) return out;
        for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
            xmlChar* text = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
            out.push_back(import::collapseSpaces(reinterpret_cast<const char*>(text)));
            xmlFree(text);
        }
        return out;
    });
}

std::string firstDifference(const std::vector<std::string>& expected,
                            const std::vector<std::string>& actual) {
    std::size_t i = 0;
    while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
    if (i == expected.size() && i == actual.size()) return {};
    std::ostringstream out;
    out << "first difference at item " << i << " (of " << expected.size() << " expected, "
        << actual.size()
        << " actual):\n  expected: " << (i < expected.size() ? expected[i] : "(end)")
        << "\n  actual:   " << (i < actual.size() ? actual[i] : "(end)");
    return out.str();
}

std::string zipPackage(const std::vector<std::pair<std::string, std::string>>& parts) {
    std::ostringstream out;
    Poco::Zip::Compress compress(out, true);
    for (const auto& [part, bytes] : parts) {
        std::istringstream in(bytes);
        compress.addFile(in, Poco::DateTime(), Poco::Path(part, Poco::Path::PATH_UNIX));
    }
    compress.close();
    return out.str();
}

}  // namespace nusqa::test
