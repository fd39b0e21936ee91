// fuzz_edition_xml: the body of POST /api/v1/documents/{id}/editions and
// PUT /api/v1/editions/{id} as the server takes it — the safe parser with
// its pre-scan, schema validation and XmlEditionCodec::inspect. Seeds: the
// edition fixtures and small hostile shapes made by run.sh (attribute
// floods, deep nesting, namespaces in scope, UTF-16, foreign encodings).
// The oracle: no crash or sanitizer report; an error always has a message
// and is InvalidDocument or TooLarge; and whatever libxml2 built after the
// pre-scan let the input through stays within the pre-scan's limits (an
// upper bound that fails here is a way past it).
#include <libxml/tree.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "xml/SafeParser.h"
#include "xml/XmlEditionCodec.h"

namespace {

std::size_t count(const xmlAttr* attribute) {
    std::size_t n = 0;
    for (; attribute != nullptr; attribute = attribute->next) ++n;
    return n;
}

std::size_t count(const xmlNs* declaration) {
    std::size_t n = 0;
    for (; declaration != nullptr; declaration = declaration->next) ++n;
    return n;
}

// Depth-first without recursion; aborts when an element passes a limit.
void checkWithinLimits(const xmlNode* root, const nusqa::xml::XmlLimits& limits) {
    std::size_t depth = 1;
    for (const xmlNode* node = root; node != nullptr;) {
        if (node->type == XML_ELEMENT_NODE &&
            (depth > limits.maxDepth || count(node->properties) > limits.maxAttributesPerElement ||
             count(node->nsDef) > limits.maxNamespacesPerElement))
            std::abort();
        if (node->children != nullptr) {
            node = node->children;
            ++depth;
            continue;
        }
        while (node != nullptr && node->next == nullptr) {
            node = node->parent;
            --depth;
            if (node == root || depth == 0) return;
        }
        if (node != nullptr) node = node->next;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const nusqa::XmlEditionCodec codec;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto parsed = nusqa::xml::parseUntrusted(bytes, nusqa::kDefaultMaxXmlBytes);
    if (parsed) checkWithinLimits(xmlDocGetRootElement(parsed->doc()), {});
    auto facts = codec.inspect(bytes);
    if (!facts) {
        if (facts.error().message.empty()) std::abort();
        if (facts.error().code != nusqa::ErrorCode::InvalidDocument &&
            facts.error().code != nusqa::ErrorCode::TooLarge)
            std::abort();
    }
    return 0;
}
