// Private to render/reader: small helpers over libxml2's tree for reading
// schema-valid documents (element children, attributes, collapsed text,
// inline runs). Functions take nodes of one document and are thread-safe
// for distinct documents.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "domain/Content.h"

namespace nusqa::render::reader::dom {

// The element children of node, in document order (text, comments skipped).
std::vector<const xmlNode*> elements(const xmlNode* node);

// The local name of an element ("" for other nodes).
std::string_view nameOf(const xmlNode* node);

// The first child element named name, or nullptr.
const xmlNode* child(const xmlNode* node, std::string_view name);

// An attribute value, or fallback when absent.
std::string attribute(const xmlNode* node, const char* name, std::string fallback = {});

// All text below node with whitespace runs collapsed to one space, trimmed.
std::string text(const xmlNode* node);

// The text of the child element named name ("" when absent).
std::string childText(const xmlNode* node, std::string_view name);

// Mixed content (b, i, u, sup, sub, br, docRef) as runs, whitespace
// collapsed across runs and trimmed at both ends.
content::Inline inlineText(const xmlNode* node);

// Collapses whitespace in runs (as inlineText does) — exposed for tests.
void collapseWhitespace(content::Inline& runs);

}  // namespace nusqa::render::reader::dom
