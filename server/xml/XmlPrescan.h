// Private to the xml module: a linear look at untrusted XML before libxml2
// sees it, because libxml2 2.9.14 is quadratic in some shapes of input —
// the attributes of one element (40,000: 33 s; 200,000: over 12 minutes, and
// libxml2 cannot be interrupted), and namespace declarations in scope times
// prefixed names (8,000 in scope and a million prefixed elements: minutes).
// Refused here, in milliseconds, with InvalidDocument and the line and column
// where the limit was passed:
//  - more than maxAttributesPerElement attributes, or more than
//    maxNamespacesPerElement namespace declarations, on one element (the
//    schemas need a dozen; Word declares about 40 namespaces on its root);
//  - more than maxNamespacesInScope declarations in scope at once;
//  - elements nested deeper than maxDepth (editions nest about 10 deep);
//  - more nodes (elements, attributes, namespace declarations, comments,
//    processing instructions, CDATA sections) than one per bytesPerNode
//    bytes of input, or minNodes for small inputs: the tree libxml2 builds
//    stays within a fixed multiple of the input (real editions take 30 to 80
//    bytes per node, Word parts about 20). Text needs no limit of its own:
//    without a DTD nothing expands, so the text is never longer than the
//    input (at most 1.5 times it, for UTF-16 turned into UTF-8);
//  - an encoding libxml2 would read differently from what this scan sees:
//    UTF-8 and UTF-16 (by byte order mark or the first characters) are read,
//    and a declared encoding must be UTF-8/UTF-16 or one that keeps ASCII
//    as it is (US-ASCII, ISO-8859-x, windows-125x, KOI8-R/U); UCS-4, EBCDIC,
//    UTF-7 and the like are refused.
//  - a '<' inside an attribute value (never well-formed): libxml2 would stop
//    there and read on from the '<', past this scan's idea of the tag.
//
// Everything else, well-formed or not, is left to libxml2; on malformed
// input the scan errs towards counting more. Every '<' outside comments,
// CDATA sections and processing instructions is looked at.
// Thread safety: a pure function.
#pragma once

#include <cstddef>
#include <string_view>

#include "domain/Error.h"

namespace nusqa::xml {

struct XmlLimits {
    std::size_t maxAttributesPerElement = 64;
    std::size_t maxNamespacesPerElement = 64;
    std::size_t maxNamespacesInScope = 128;
    std::size_t maxDepth = 128;
    std::size_t bytesPerNode = 8;
    std::size_t minNodes = 100000;
};

Status prescanXml(std::string_view bytes, const XmlLimits& limits = {});

}  // namespace nusqa::xml
